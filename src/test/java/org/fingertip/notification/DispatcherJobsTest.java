package org.fingertip.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.fingertip.platform.web.AppClock;
import org.fingertip.support.Citizens;
import org.fingertip.support.Concurrently;
import org.fingertip.support.Db;
import org.fingertip.support.OutboxProbe;
import org.fingertip.support.WeChatStub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox dispatcher as a job: a retry due after backoff is sent once by two dispatchers running
 * at once, and a batch claimed by an instance that died is delivered once its claim expires.
 */
@QuarkusTest
class DispatcherJobsTest {

  private static final String SEND = "/cgi-bin/message/subscribe/send";

  @WeChatStub.Inject WireMockServer wechat;
  @Inject OutboxProbe probe;
  @Inject Dispatcher dispatcher;
  @Inject AppClock clock;

  @BeforeEach
  void stableToken() {
    wechat.stubFor(
        post(urlPathEqualTo("/cgi-bin/stable_token"))
            .willReturn(okJson("{\"access_token\":\"TOKEN-A\",\"expires_in\":7200}")));
  }

  /** Drains until a round finds nothing (the outbox holds every other test's messages too). */
  private Uni<Integer> drainAll() {
    return dispatcher
        .drainOnce()
        .chain(n -> n == 0 ? Uni.createFrom().item(0) : drainAll().map(m -> m + n));
  }

  private UUID message(UUID recipient) throws Throwable {
    String dedup = "jobs-test:" + UUID.randomUUID();
    VertxContextSupport.subscribeAndAwait(
        () -> probe.record(recipient, "TEST_NOTICE", Map.of("title", "办理进度提醒"), dedup));
    return (UUID)
        Db.query("SELECT id FROM notification_outbox WHERE dedup_key = ?", dedup).get(0).get("id");
  }

  private static Map<String, Object> outbox(UUID id) {
    return Db.query(
            "SELECT status, attempts, claimed_until FROM notification_outbox WHERE id = ?", id)
        .get(0);
  }

  private static long inbox(UUID outboxId) {
    return Db.count("SELECT count(*) FROM inbox_message WHERE outbox_id = ?", outboxId);
  }

  private void sends(String openid, int times) {
    wechat.verify(
        times,
        postRequestedFor(urlPathEqualTo(SEND))
            .withRequestBody(matchingJsonPath("$.touser", equalTo(openid))));
  }

  @Test
  void shouldSendADueRetryOnceWhenTwoDispatchersRunAtOnce() throws Throwable {
    String openid = "retry-" + UUID.randomUUID();
    UUID citizen = UUID.fromString(Citizens.login(openid).id());
    String scenario = "retry-" + openid;
    wechat.stubFor(
        post(urlPathEqualTo(SEND))
            .inScenario(scenario)
            .whenScenarioStateIs(Scenario.STARTED)
            .withRequestBody(matchingJsonPath("$.touser", equalTo(openid)))
            .willReturn(okJson("{\"errcode\":-1,\"errmsg\":\"system error\"}"))
            .willSetStateTo("recovered"));
    wechat.stubFor(
        post(urlPathEqualTo(SEND))
            .inScenario(scenario)
            .whenScenarioStateIs("recovered")
            .withRequestBody(matchingJsonPath("$.touser", equalTo(openid)))
            .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
    UUID id = message(citizen);
    VertxContextSupport.subscribeAndAwait(this::drainAll);
    assertThat(outbox(id)).containsEntry("status", "PENDING").containsEntry("attempts", 1);
    sends(openid, 1);

    try {
      // past the backoff (10 s ± 20 %): both dispatchers see the retry due
      clock.setOffset(Duration.ofMinutes(1));
      Concurrently.twice(this::drainAll);
    } finally {
      clock.reset();
    }
    assertThat(outbox(id)).containsEntry("status", "DELIVERED").containsEntry("attempts", 2);
    sends(openid, 2);
    assertThat(inbox(id)).isEqualTo(1);
  }

  @Test
  void shouldDeliverABatchLeftClaimedByADeadDispatcherOnceTheClaimExpires() throws Throwable {
    String openid = "orphaned-" + UUID.randomUUID();
    UUID citizen = UUID.fromString(Citizens.login(openid).id());
    wechat.stubFor(
        post(urlPathEqualTo(SEND))
            .withRequestBody(matchingJsonPath("$.touser", equalTo(openid)))
            .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
    UUID id = message(citizen);

    // another instance claimed it and is still within its claim: left alone
    Db.update(
        "UPDATE notification_outbox SET claimed_until = now() + interval '1 hour' WHERE id = ?",
        id);
    VertxContextSupport.subscribeAndAwait(this::drainAll);
    assertThat(outbox(id)).containsEntry("status", "PENDING").containsEntry("attempts", 0);
    assertThat(inbox(id)).isZero();
    sends(openid, 0);

    // that instance died mid-batch: once the claim has expired the next run delivers, once
    Db.update(
        "UPDATE notification_outbox SET claimed_until = now() - interval '1 second' WHERE id = ?",
        id);
    Concurrently.twice(this::drainAll);
    assertThat(outbox(id)).containsEntry("status", "DELIVERED").containsEntry("attempts", 1);
    assertThat(outbox(id).get("claimed_until")).isNull();
    assertThat(inbox(id)).isEqualTo(1);
    sends(openid, 1);
  }
}
