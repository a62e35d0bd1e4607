package org.fingertip.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * More concurrent slow database requests than pooled connections: the surplus waits briefly, then
 * gets 503 with Retry-After; the pool is usable again right after, so nothing deadlocks.
 */
@QuarkusTest
class PoolExhaustionTest {

  @Test
  void shouldQueueBrieflyThen503AndNeverDeadlock() throws Exception {
    int poolSize =
        ConfigProvider.getConfig().getValue("quarkus.datasource.reactive.max-size", Integer.class);
    int requests = poolSize + 12;
    ExecutorService clients = Executors.newFixedThreadPool(requests);
    List<CompletableFuture<Http.Answer>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < requests; i++) {
        answers.add(
            CompletableFuture.supplyAsync(
                () -> Http.get("/api/v1/test-support/slow-db?ms=6000"), clients));
      }
      // while the pool is exhausted, routes without the database still answer fast
      Thread.sleep(1000);
      Http.Answer live = Http.get("/q/health/live");
      assertThat(live.status()).isEqualTo(200);
      assertThat(live.millis()).isLessThan(1500);

      CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    } finally {
      clients.shutdownNow();
    }
    List<Http.Answer> done = answers.stream().map(CompletableFuture::join).toList();
    List<Http.Answer> ok = done.stream().filter(a -> a.status() == 200).toList();
    List<Http.Answer> refused = done.stream().filter(a -> a.status() != 200).toList();
    assertThat(ok).as("each pooled connection served one slow request").hasSizeGreaterThan(0);
    assertThat(ok.size()).isLessThanOrEqualTo(poolSize);
    assertThat(refused).as("the surplus is refused, not queued forever").isNotEmpty();
    for (Http.Answer a : refused) {
      assertThat(a.status()).as(a.body()).isEqualTo(503);
      assertThat(a.body()).contains("\"code\":\"SERVICE_UNAVAILABLE\"");
      assertThat(a.retryAfter()).isNotNull();
      assertThat(a.millis())
          .as("queued briefly (connection timeout), then refused")
          .isLessThan(5900);
    }
    // no deadlock: the pool serves a normal database request at once afterwards
    Http.Answer after = Http.get("/api/v1/regions?parent=320000");
    assertThat(after.status()).isEqualTo(200);
    assertThat(after.millis()).isLessThan(3000);
  }
}
