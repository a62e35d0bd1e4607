package org.fingertip.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.UUID;
import org.fingertip.support.Db;
import org.fingertip.support.WeChatStub;
import org.junit.jupiter.api.Test;

/** Citizen login through WeChat, against a stub that answers as WeChat does. */
@QuarkusTest
@QuarkusTestResource(value = WeChatStub.class, restrictToAnnotatedClass = false)
class WeChatLoginTest {

  @WeChatStub.Inject WireMockServer wechat;

  private void jscode(String code, String body) {
    wechat.stubFor(
        get(urlPathEqualTo("/sns/jscode2session"))
            .withQueryParam("js_code", equalTo(code))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/plain")
                    .withBody(body)));
  }

  private Response miniProgramLogin(String code) {
    return given()
        .contentType(ContentType.JSON)
        .body("{\"code\": \"" + code + "\"}")
        .post("/api/v1/auth/wechat/mini-program");
  }

  @Test
  void shouldLogInAndNeverLeakTheSessionKey() {
    String code = "code-" + UUID.randomUUID();
    String openid = "o-" + UUID.randomUUID();
    jscode(code, "{\"openid\":\"" + openid + "\",\"session_key\":\"SESSION-KEY-SECRET\"}");

    String body =
        miniProgramLogin(code)
            .then()
            .statusCode(200)
            .body("accessToken", not(emptyOrNullString()))
            .body("refreshToken", not(emptyOrNullString()))
            .body("expiresIn", lessThanOrEqualTo(7200))
            .body("citizen.id", not(emptyOrNullString()))
            .body("citizen.verified", is(false))
            .extract()
            .asString();
    assertThat(body).doesNotContain("SESSION-KEY-SECRET");
    assertThat(Db.count("SELECT count(*) FROM citizen WHERE mp_openid = ?", openid)).isEqualTo(1);
    assertThat(
            Db.count(
                "SELECT count(*) FROM citizen WHERE row_to_json(citizen)::text LIKE '%SESSION-KEY%'"))
        .isZero();
    wechat.verify(
        getRequestedFor(urlPathEqualTo("/sns/jscode2session"))
            .withQueryParam("appid", equalTo("wx-test-mini-program"))
            .withQueryParam("secret", equalTo("test-mp-secret"))
            .withQueryParam("grant_type", equalTo("authorization_code"))
            .withQueryParam("js_code", equalTo(code)));

    // the same openid again is the same citizen
    String again = "code-" + UUID.randomUUID();
    jscode(again, "{\"openid\":\"" + openid + "\",\"session_key\":\"x\"}");
    String firstId =
        given()
            .contentType(ContentType.JSON)
            .body("{\"code\": \"" + code + "\"}")
            .post("/api/v1/auth/wechat/mini-program")
            .then()
            .extract()
            .path("citizen.id");
    String secondId = miniProgramLogin(again).then().statusCode(200).extract().path("citizen.id");
    assertThat(secondId).isEqualTo(firstId);
  }

  @Test
  void shouldMapEachWeChatErrorToItsProblem() {
    String[][] cases = {
      {"{\"errcode\":40029,\"errmsg\":\"invalid code\"}", "401", "WECHAT_CODE_INVALID"},
      {"{\"errcode\":40163,\"errmsg\":\"code been used\"}", "401", "WECHAT_CODE_INVALID"},
      {
        "{\"errcode\":45011,\"errmsg\":\"api minute-quota reach limit\"}",
        "429",
        "WECHAT_RATE_LIMITED"
      },
      {"{\"errcode\":40226,\"errmsg\":\"high risk user\"}", "403", "WECHAT_USER_BLOCKED"},
      {"{\"errcode\":-1,\"errmsg\":\"system error\"}", "503", "WECHAT_UNAVAILABLE"},
    };
    for (String[] c : cases) {
      String code = "err-" + UUID.randomUUID();
      jscode(code, c[0]);
      miniProgramLogin(code)
          .then()
          .statusCode(Integer.parseInt(c[1]))
          .contentType("application/problem+json")
          .body("code", is(c[2]))
          .body("detail", not(emptyOrNullString()));
    }
    String limited = "err-" + UUID.randomUUID();
    jscode(limited, "{\"errcode\":45011,\"errmsg\":\"limit\"}");
    miniProgramLogin(limited).then().statusCode(429).header("Retry-After", notNullValue());
  }

  @Test
  void shouldAnswer503FastWhenWeChatIsSlowOrBroken() {
    String slow = "slow-" + UUID.randomUUID();
    wechat.stubFor(
        get(urlPathEqualTo("/sns/jscode2session"))
            .withQueryParam("js_code", equalTo(slow))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withFixedDelay(20000)
                    .withBody("{\"openid\":\"late\"}")));
    long start = System.nanoTime();
    miniProgramLogin(slow)
        .then()
        .statusCode(503)
        .body("code", is("WECHAT_UNAVAILABLE"))
        .header("Retry-After", notNullValue());
    assertThat((System.nanoTime() - start) / 1_000_000)
        .as("answered at the client timeout (3 s), long before the stub's 20 s")
        .isLessThan(15000);

    String reset = "reset-" + UUID.randomUUID();
    wechat.stubFor(
        get(urlPathEqualTo("/sns/jscode2session"))
            .withQueryParam("js_code", equalTo(reset))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    miniProgramLogin(reset).then().statusCode(503).body("code", is("WECHAT_UNAVAILABLE"));

    String broken = "500-" + UUID.randomUUID();
    wechat.stubFor(
        get(urlPathEqualTo("/sns/jscode2session"))
            .withQueryParam("js_code", equalTo(broken))
            .willReturn(aResponse().withStatus(502).withBody("<html>bad gateway</html>")));
    miniProgramLogin(broken).then().statusCode(503).body("code", is("WECHAT_UNAVAILABLE"));
    // exactly one call each: no retry storm
    wechat.verify(
        1,
        getRequestedFor(urlPathEqualTo("/sns/jscode2session"))
            .withQueryParam("js_code", equalTo(broken)));
  }

  @Test
  void shouldLinkMiniProgramAndAppByUnionid() {
    String unionid = "u-" + UUID.randomUUID();
    String mpCode = "mp-" + UUID.randomUUID();
    jscode(
        mpCode,
        "{\"openid\":\"mp-"
            + UUID.randomUUID()
            + "\",\"session_key\":\"k\",\"unionid\":\""
            + unionid
            + "\"}");
    String viaMiniProgram =
        miniProgramLogin(mpCode).then().statusCode(200).extract().path("citizen.id");

    String appCode = "app-" + UUID.randomUUID();
    wechat.stubFor(
        get(urlPathEqualTo("/sns/oauth2/access_token"))
            .withQueryParam("code", equalTo(appCode))
            .willReturn(
                okJson(
                    "{\"access_token\":\"ACCESS-TOKEN-SECRET\",\"expires_in\":7200,\"refresh_token\":\"RT\","
                        + "\"openid\":\"app-"
                        + UUID.randomUUID()
                        + "\",\"scope\":\"snsapi_userinfo\",\"unionid\":\""
                        + unionid
                        + "\"}")));
    String body =
        given()
            .contentType(ContentType.JSON)
            .body("{\"code\": \"" + appCode + "\"}")
            .post("/api/v1/auth/wechat/app")
            .then()
            .statusCode(200)
            .body("citizen.id", is(viaMiniProgram))
            .body("citizen.miniProgramLinked", is(true))
            .body("citizen.appLinked", is(true))
            .extract()
            .asString();
    assertThat(body).doesNotContain("ACCESS-TOKEN-SECRET");
    assertThat(Db.count("SELECT count(*) FROM citizen WHERE unionid = ?", unionid)).isEqualTo(1);
  }

  @Test
  void shouldRefuseBlankCode() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"code\": \"\"}")
        .post("/api/v1/auth/wechat/mini-program")
        .then()
        .statusCode(400)
        .body("code", is("VALIDATION_FAILED"))
        .body("errors[0].field", is("code"));
  }
}
