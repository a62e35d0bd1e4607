package org.fingertip.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.fingertip.platform.embedded.EmbeddedServices;
import org.fingertip.support.Db;
import org.fingertip.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped under a load of creating requests, then restarted on the same port and data:
 * requests fail fast with 503, readiness goes down while liveness stays fast, the app recovers by
 * itself, and nothing is lost or half-written.
 */
@QuarkusTest
class DatabaseOutageTest {

  private static final String ROUTE = "/api/v1/admin/regions";

  /** One creating request: the village code it tried to add, and the answer. */
  private record Attempt(String code, Http.Answer answer, boolean whileDown) {}

  @Test
  void shouldFailFastWhileDatabaseIsDownAndLoseNothingAfterRestart() throws Exception {
    String admin = Tokens.admin();
    Map<String, String> auth = Map.of("Authorization", "Bearer " + admin);
    String township = freeTownship(auth);
    AtomicInteger sequence = new AtomicInteger();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicBoolean down = new AtomicBoolean(false);
    List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
    ExecutorService load = Executors.newFixedThreadPool(3);
    for (int t = 0; t < 3; t++) {
      load.submit(
          () -> {
            while (running.get() && sequence.get() < 999) {
              String code = township + String.format("%03d", sequence.incrementAndGet());
              boolean wasDown = down.get();
              attempts.add(new Attempt(code, create(code, auth), wasDown));
              pause(80);
            }
          });
    }
    try {
      pause(1500);
      EmbeddedServices.control("postgres.stop").run();
      down.set(true);
      pause(1500);

      // readiness names the database DOWN; liveness answers fast meanwhile (event loop is free)
      Http.Answer ready = Http.get("/q/health/ready");
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.body()).contains("DOWN").contains("PostgreSQL");
      assertThat(ready.millis()).isLessThan(8000);
      for (int i = 0; i < 5; i++) {
        Http.Answer live = Http.get("/q/health/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.millis()).as("liveness while the database is down").isLessThan(1500);
      }
      pause(1500);
    } finally {
      down.set(false);
      EmbeddedServices.control("postgres.start").run();
    }

    // recovers by itself: a creating request succeeds again within a bounded time
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    boolean recovered = false;
    while (!recovered && System.nanoTime() < deadline) {
      List<Attempt> latest;
      synchronized (attempts) {
        latest = List.copyOf(attempts.subList(Math.max(0, attempts.size() - 3), attempts.size()));
      }
      recovered = latest.stream().anyMatch(a -> !a.whileDown() && a.answer().status() == 201);
      pause(200);
    }
    pause(1000);
    running.set(false);
    load.shutdown();
    assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).as("no request hangs").isTrue();
    assertThat(recovered).as("the app recovers without a restart").isTrue();
    Http.Answer ready = Http.get("/q/health/ready");
    for (int i = 0; i < 50 && ready.status() != 200; i++) {
      pause(200);
      ready = Http.get("/q/health/ready");
    }
    assertThat(ready.status())
        .as("readiness comes back by itself: %s", ready.body())
        .isEqualTo(200);

    List<Attempt> all;
    synchronized (attempts) {
      all = List.copyOf(attempts);
    }
    List<Attempt> failed = all.stream().filter(a -> a.answer().status() != 201).toList();
    assertThat(all.stream().filter(a -> a.answer().status() == 201)).isNotEmpty();
    assertThat(failed).as("some requests met the outage").isNotEmpty();
    for (Attempt a : failed) {
      Http.Answer answer = a.answer();
      assertThat(answer.status()).as("%s: %s", a.code(), answer.body()).isEqualTo(503);
      assertThat(answer.body()).contains("\"code\":\"SERVICE_UNAVAILABLE\"");
      assertThat(answer.retryAfter()).isNotNull();
      assertThat(answer.contentType()).startsWith("application/problem+json");
    }
    for (Attempt a : all) {
      assertThat(a.answer().millis()).as("fail fast, never hang: %s", a.code()).isLessThan(8000);
    }

    // every 201 is stored; every 503 committed all or nothing (region and idempotency record)
    for (Attempt a : all) {
      long regions = Db.count("SELECT count(*) FROM region WHERE code = ?", a.code());
      long records =
          Db.count(
              "SELECT count(*) FROM idempotency_record WHERE idem_key = ?"
                  + " AND response_status IS NOT NULL",
              a.code());
      if (a.answer().status() == 201) {
        assertThat(regions).as("acknowledged %s is stored", a.code()).isEqualTo(1);
      }
      assertThat(records).as("no partial write for %s", a.code()).isEqualTo(regions);
    }
    // and a client retrying its failed requests with the same key ends with each stored once
    for (Attempt a : failed) {
      assertThat(create(a.code(), auth).status()).isEqualTo(201);
      assertThat(Db.count("SELECT count(*) FROM region WHERE code = ?", a.code())).isEqualTo(1);
    }
  }

  private static Http.Answer create(String code, Map<String, String> auth) {
    Map<String, String> headers = new java.util.HashMap<>(auth);
    headers.put("Idempotency-Key", code);
    return Http.send(
        "POST", ROUTE, "{\"code\": \"" + code + "\", \"name\": \"压测村" + code + "\"}", headers);
  }

  /** A township code under 宿城区 that no other test uses, created for this run. */
  private static String freeTownship(Map<String, String> auth) {
    for (int n = 900; n < 1000; n++) {
      String code = "321302" + n;
      if (Db.count("SELECT count(*) FROM region WHERE code = ?", code) == 0) {
        assertThat(
                Http.send("POST", ROUTE, "{\"code\": \"" + code + "\", \"name\": \"故障演练街道\"}", auth)
                    .status())
            .isEqualTo(201);
        return code;
      }
    }
    throw new IllegalStateException("no free township code");
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
