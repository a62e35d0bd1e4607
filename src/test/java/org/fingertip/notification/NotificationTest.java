package org.fingertip.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.*;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fingertip.platform.web.AppClock;
import org.fingertip.support.Citizens;
import org.fingertip.support.Db;
import org.fingertip.support.OutboxProbe;
import org.fingertip.support.Tokens;
import org.fingertip.support.WeChatStub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox, its dispatcher, the inbox and WeChat subscribe messages against the stub. */
@QuarkusTest
class NotificationTest {

  @WeChatStub.Inject WireMockServer wechat;
  @Inject OutboxProbe probe;
  @Inject Dispatcher dispatcher;
  @Inject WeChatTokenProvider tokens;
  @Inject AppClock clock;

  @BeforeEach
  void stableToken() {
    wechat.stubFor(
        post(urlPathEqualTo("/cgi-bin/stable_token"))
            .willReturn(okJson("{\"access_token\":\"TOKEN-A\",\"expires_in\":7200}")));
  }

  private void record(UUID recipient, String template, Map<String, ?> params) throws Throwable {
    VertxContextSupport.subscribeAndAwait(
        () -> probe.record(recipient, template, params, "test:" + UUID.randomUUID()));
  }

  private int drain() throws Throwable {
    int total = 0;
    for (int n; (n = VertxContextSupport.subscribeAndAwait(() -> dispatcher.drainOnce())) > 0; ) {
      total += n;
    }
    return total;
  }

  private void sendAnswers(String openid, String json) {
    wechat.stubFor(
        post(urlPathEqualTo("/cgi-bin/message/subscribe/send"))
            .withRequestBody(matchingJsonPath("$.touser", equalTo(openid)))
            .willReturn(okJson(json)));
  }

  private static String outboxStatus(UUID recipient) {
    return (String)
        Db.query(
                "SELECT status FROM notification_outbox WHERE recipient_id = ? ORDER BY created_at DESC LIMIT 1",
                recipient)
            .get(0)
            .get("status");
  }

  @Test
  void shouldWriteOutboxOnlyWhenTheChangeCommits() throws Throwable {
    UUID citizen = UUID.fromString(Citizens.login().id());
    String dedup = "rollback:" + UUID.randomUUID();
    assertThatThrownBy(
            () -> VertxContextSupport.subscribeAndAwait(() -> probe.recordThenFail(citizen, dedup)))
        .hasMessageContaining("the change failed");
    assertThat(Db.count("SELECT count(*) FROM notification_outbox WHERE dedup_key = ?", dedup))
        .isZero();
    String kept = "commit:" + UUID.randomUUID();
    VertxContextSupport.subscribeAndAwait(
        () -> probe.record(citizen, "TEST_NOTICE", Map.of("title", "测试"), kept));
    VertxContextSupport.subscribeAndAwait(
        () -> probe.record(citizen, "TEST_NOTICE", Map.of("title", "测试"), kept));
    assertThat(Db.count("SELECT count(*) FROM notification_outbox WHERE dedup_key = ?", kept))
        .as("dedup key")
        .isEqualTo(1);
  }

  @Test
  void shouldDeliverToInboxAndWeChatAndKeepReadState() throws Throwable {
    String openid = "inbox-" + UUID.randomUUID();
    Citizens.LoggedIn citizen = Citizens.login(openid);
    sendAnswers(openid, "{\"errcode\":0,\"errmsg\":\"ok\"}");
    record(
        UUID.fromString(citizen.id()),
        "TEST_NOTICE",
        Map.of("title", "您的低保申请已受理并进入审核阶段请耐心等待", "body", "宿城区民政局已受理"));
    drain();

    String messageId =
        given()
            .auth()
            .oauth2(citizen.accessToken())
            .get("/api/v1/me/messages")
            .then()
            .statusCode(200)
            .body("total", is(1))
            .body("items[0].read", is(false))
            .body("items[0].title", startsWith("您的低保申请"))
            .extract()
            .path("items[0].id");
    wechat.verify(
        1,
        postRequestedFor(urlPathEqualTo("/cgi-bin/message/subscribe/send"))
            .withQueryParam("access_token", matching("TOKEN-.+"))
            .withRequestBody(matchingJsonPath("$.touser", equalTo(openid)))
            .withRequestBody(matchingJsonPath("$.template_id", equalTo("tpl-test-notice")))
            .withRequestBody(matchingJsonPath("$.miniprogram_state", equalTo("formal")))
            // thing fields hold at most 20 characters, cut with an ellipsis
            .withRequestBody(
                matchingJsonPath("$.data.thing1.value", equalTo("您的低保申请已受理并进入审核阶段请耐心…"))));
    assertThat(outboxStatus(UUID.fromString(citizen.id()))).isEqualTo("DELIVERED");

    given()
        .auth()
        .oauth2(Citizens.login().accessToken())
        .post("/api/v1/me/messages/" + messageId + "/read")
        .then()
        .statusCode(404);
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .post("/api/v1/me/messages/" + messageId + "/read")
        .then()
        .statusCode(200)
        .body("read", is(true));
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .queryParam("unreadOnly", true)
        .get("/api/v1/me/messages")
        .then()
        .body("total", is(0));
  }

  @Test
  void shouldStopATemplateAfterTheUserRefusedItButKeepTheInbox() throws Throwable {
    String openid = "refused-" + UUID.randomUUID();
    Citizens.LoggedIn citizen = Citizens.login(openid);
    sendAnswers(openid, "{\"errcode\":43101,\"errmsg\":\"user refuse to accept the msg\"}");
    UUID id = UUID.fromString(citizen.id());
    record(id, "TEST_NOTICE", Map.of("title", "第一条"));
    drain();
    record(id, "TEST_NOTICE", Map.of("title", "第二条"));
    drain();
    wechat.verify(
        1,
        postRequestedFor(urlPathEqualTo("/cgi-bin/message/subscribe/send"))
            .withRequestBody(matchingJsonPath("$.touser", equalTo(openid))));
    assertThat(Db.count("SELECT count(*) FROM wechat_subscription_block WHERE citizen_id = ?", id))
        .isEqualTo(1);
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .get("/api/v1/me/messages")
        .then()
        .body("total", is(2));
  }

  @Test
  void shouldRefreshAnInvalidTokenOnceAndRetry() throws Throwable {
    String openid = "expired-" + UUID.randomUUID();
    Citizens.LoggedIn citizen = Citizens.login(openid);
    wechat.stubFor(
        post(urlPathEqualTo("/cgi-bin/message/subscribe/send"))
            .inScenario(openid)
            .whenScenarioStateIs(Scenario.STARTED)
            .withRequestBody(matchingJsonPath("$.touser", equalTo(openid)))
            .willReturn(okJson("{\"errcode\":40001,\"errmsg\":\"invalid credential\"}"))
            .willSetStateTo("refreshed"));
    wechat.stubFor(
        post(urlPathEqualTo("/cgi-bin/message/subscribe/send"))
            .inScenario(openid)
            .whenScenarioStateIs("refreshed")
            .withRequestBody(matchingJsonPath("$.touser", equalTo(openid)))
            .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
    int before = wechat.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token"))).size();
    record(UUID.fromString(citizen.id()), "TEST_NOTICE", Map.of("title", "令牌过期"));
    drain();
    assertThat(outboxStatus(UUID.fromString(citizen.id()))).isEqualTo("DELIVERED");
    wechat.verify(
        2,
        postRequestedFor(urlPathEqualTo("/cgi-bin/message/subscribe/send"))
            .withRequestBody(matchingJsonPath("$.touser", equalTo(openid))));
    List<?> refreshes =
        wechat.findAll(
            postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token"))
                .withRequestBody(matchingJsonPath("$.force_refresh", equalTo("true"))));
    assertThat(refreshes).hasSizeGreaterThanOrEqualTo(1);
    assertThat(
            wechat.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token"))).size()
                - before)
        .isLessThanOrEqualTo(2);
  }

  @Test
  void shouldBackOffOnSystemBusyThenDeadLetterAndDeadLetterOurBugsAtOnce() throws Throwable {
    String busy = "busy-" + UUID.randomUUID();
    Citizens.LoggedIn a = Citizens.login(busy);
    sendAnswers(busy, "{\"errcode\":-1,\"errmsg\":\"system error\"}");
    UUID aId = UUID.fromString(a.id());
    record(aId, "TEST_NOTICE", Map.of("title", "系统繁忙"));
    drain();
    var row =
        Db.query(
                "SELECT status, attempts, next_attempt_at > now() AS later FROM notification_outbox WHERE recipient_id = ?",
                aId)
            .get(0);
    assertThat(row.get("status")).isEqualTo("PENDING");
    assertThat(row.get("attempts")).isEqualTo(1);
    assertThat(row.get("later")).isEqualTo(true);
    // the inbox does not wait for WeChat
    given().auth().oauth2(a.accessToken()).get("/api/v1/me/messages").then().body("total", is(1));
    try {
      for (int i = 0; i < 6; i++) {
        clock.setOffset(Duration.ofHours(2L * (i + 1)));
        drain();
      }
    } finally {
      clock.reset();
    }
    assertThat(outboxStatus(aId)).isEqualTo("DEAD");
    given().auth().oauth2(a.accessToken()).get("/api/v1/me/messages").then().body("total", is(1));

    String bug = "bug-" + UUID.randomUUID();
    Citizens.LoggedIn b = Citizens.login(bug);
    sendAnswers(bug, "{\"errcode\":40037,\"errmsg\":\"invalid template_id\"}");
    record(UUID.fromString(b.id()), "TEST_NOTICE", Map.of("title", "模板错误"));
    drain();
    assertThat(outboxStatus(UUID.fromString(b.id()))).isEqualTo("DEAD");
    given()
        .auth()
        .oauth2(Tokens.admin())
        .get("/api/v1/admin/notifications/dead-letters")
        .then()
        .statusCode(200)
        .body("find { it.recipientId == '" + b.id() + "' }.lastError", containsString("40037"))
        .body("find { it.recipientId == '" + a.id() + "' }.lastError", containsString("-1"));
    given()
        .auth()
        .oauth2(b.accessToken())
        .get("/api/v1/admin/notifications/dead-letters")
        .then()
        .statusCode(403);
  }

  @Test
  void shouldGrowBackoffExponentiallyWithBoundedJitter() {
    for (int attempt = 1; attempt <= 5; attempt++) {
      long expected = 10_000L * (1L << (attempt - 1));
      long actual = dispatcher.backoff(attempt).toMillis();
      assertThat(actual).isBetween((long) (expected * 0.8), (long) (expected * 1.2));
    }
    assertThat(dispatcher.backoff(30).toMillis()).isLessThanOrEqualTo((long) (3_600_000 * 1.2));
  }

  @Test
  void shouldIssueOneTokenRefreshForConcurrentSenders() throws Exception {
    Db.update(
        "UPDATE wechat_token SET access_token_enc = NULL, expires_at = NULL, refreshing_until = NULL");
    tokens.forget();
    wechat.resetRequests();
    wechat.stubFor(
        post(urlPathEqualTo("/cgi-bin/stable_token"))
            .willReturn(
                okJson("{\"access_token\":\"TOKEN-B\",\"expires_in\":7200}").withFixedDelay(300)));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Callable<String> call =
          () -> {
            try {
              return VertxContextSupport.subscribeAndAwait(() -> tokens.token());
            } catch (Throwable t) {
              throw new RuntimeException(t);
            }
          };
      results.add(pool.submit(call));
    }
    for (Future<String> f : results) {
      assertThat(f.get()).isEqualTo("TOKEN-B");
    }
    pool.shutdown();
    wechat.verify(
        1,
        postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token"))
            .withRequestBody(matchingJsonPath("$.grant_type", equalTo("client_credential")))
            .withRequestBody(matchingJsonPath("$.appid", equalTo("wx-test-mini-program"))));
  }

  @Test
  void shouldDeliverEachMessageOnceWithTwoConcurrentDispatchers() throws Exception {
    List<UUID> recipients = new ArrayList<>();
    List<String> openids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String openid = "pair-" + UUID.randomUUID();
      openids.add(openid);
      recipients.add(UUID.fromString(Citizens.login(openid).id()));
      sendAnswers(openid, "{\"errcode\":0,\"errmsg\":\"ok\"}");
    }
    for (UUID r : recipients) {
      try {
        record(r, "TEST_NOTICE", Map.of("title", "并发投递"));
      } catch (Throwable t) {
        throw new RuntimeException(t);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    Callable<Integer> drainer =
        () -> {
          try {
            return drain();
          } catch (Throwable t) {
            throw new RuntimeException(t);
          }
        };
    Future<Integer> one = pool.submit(drainer);
    Future<Integer> two = pool.submit(drainer);
    one.get();
    two.get();
    pool.shutdown();
    for (int i = 0; i < recipients.size(); i++) {
      assertThat(
              Db.count(
                  "SELECT count(*) FROM inbox_message WHERE recipient_id = ?", recipients.get(i)))
          .isEqualTo(1);
      wechat.verify(
          1,
          postRequestedFor(urlPathEqualTo("/cgi-bin/message/subscribe/send"))
              .withRequestBody(matchingJsonPath("$.touser", equalTo(openids.get(i)))));
    }
  }
}
