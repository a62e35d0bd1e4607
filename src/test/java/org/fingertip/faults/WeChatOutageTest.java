package org.fingertip.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.fingertip.support.WeChatStub;
import org.junit.jupiter.api.Test;

/**
 * WeChat slow beyond the client timeout, or failing, while several citizens log in at once: each
 * login answers 503 within the timeout, and liveness answers fast meanwhile (the event loop is not
 * blocked by the waiting logins).
 */
@QuarkusTest
class WeChatOutageTest {

  @WeChatStub.Inject WireMockServer wechat;

  @Test
  void shouldAnswer503WithinTimeoutWhileHealthStaysFast() throws Exception {
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String code = "outage-" + i + "-" + UUID.randomUUID();
      codes.add(code);
      var response =
          switch (i % 3) {
            case 0 -> aResponse().withStatus(200).withFixedDelay(20_000).withBody("{}");
            case 1 -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
            default -> aResponse().withStatus(500).withBody("<html>系统繁忙</html>");
          };
      wechat.stubFor(
          get(urlPathEqualTo("/sns/jscode2session"))
              .withQueryParam("js_code", equalTo(code))
              .willReturn(response));
    }
    // warm up (first use of the REST client loads classes), so timings measure the outage only
    Http.send(
        "POST",
        "/api/v1/auth/wechat/mini-program",
        "{\"code\": \"" + codes.get(2) + "\"}",
        Map.of());
    Http.get("/q/health/live");
    ExecutorService clients = Executors.newFixedThreadPool(codes.size());
    try {
      List<CompletableFuture<Http.Answer>> logins = new ArrayList<>();
      for (String code : codes) {
        logins.add(
            CompletableFuture.supplyAsync(
                () ->
                    Http.send(
                        "POST",
                        "/api/v1/auth/wechat/mini-program",
                        "{\"code\": \"" + code + "\"}",
                        Map.of()),
                clients));
      }
      Thread.sleep(300);
      for (int i = 0; i < 8; i++) {
        Http.Answer live = Http.get("/q/health/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.millis()).as("liveness during the WeChat outage").isLessThan(1500);
        Thread.sleep(150);
      }
      for (CompletableFuture<Http.Answer> login : logins) {
        Http.Answer answer = login.get(15, TimeUnit.SECONDS);
        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.body()).contains("\"code\":\"WECHAT_UNAVAILABLE\"");
        assertThat(answer.retryAfter()).isNotNull();
        assertThat(answer.millis())
            .as("answered at the client's 3 s read timeout, not the stub's 20 s")
            .isLessThan(8000);
      }
    } finally {
      clients.shutdownNow();
    }
  }
}
