package org.fingertip.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.fingertip.support.Tokens;
import org.junit.jupiter.api.Test;

/** Every failure comes out as application/problem+json with a stable code and a zh-CN detail. */
@QuarkusTest
class ProblemDetailsTest {

  private static final String PROBLEM = "application/problem+json";

  @Test
  void shouldAnswerMalformedJsonWithProblem() {
    given()
        .auth()
        .oauth2(Tokens.admin())
        .contentType(ContentType.JSON)
        .body("{\"code\": \"320281004\", \"name\": ")
        .post("/api/v1/admin/regions")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("code", is("MALFORMED_JSON"))
        .body("status", is(400))
        .body("type", is("urn:fingertip:problem:malformed-json"))
        .body("detail", containsString("JSON"))
        .body("title", notNullValue());
  }

  @Test
  void shouldReportWrongJsonTypeOnItsField() {
    given()
        .auth()
        .oauth2(Tokens.admin())
        .contentType(ContentType.JSON)
        .body("{\"code\": \"320281004\", \"name\": {\"nested\": true}}")
        .post("/api/v1/admin/regions")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("code", is("VALIDATION_FAILED"))
        .body("errors[0].field", is("name"))
        .body("errors[0].code", is("TYPE_MISMATCH"));
  }

  @Test
  void shouldListEveryInvalidFieldOnValidationFailure() {
    given()
        .auth()
        .oauth2(Tokens.admin())
        .contentType(ContentType.JSON)
        .body("{\"code\": \"12ab\", \"name\": \"\"}")
        .post("/api/v1/admin/regions")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("code", is("VALIDATION_FAILED"))
        .body("detail", containsString("提交的信息有误"))
        .body("errors.field", hasItems("code", "name"))
        .body("errors.find { it.field == 'code' }.code", is("FORMAT"))
        .body("errors.find { it.field == 'name' }.code", is("REQUIRED"));
  }

  @Test
  void shouldRefuseWrongContentType() {
    given()
        .auth()
        .oauth2(Tokens.admin())
        .contentType(ContentType.XML)
        .body("<region/>")
        .post("/api/v1/admin/regions")
        .then()
        .statusCode(415)
        .contentType(PROBLEM)
        .body("code", is("UNSUPPORTED_MEDIA_TYPE"));
  }

  @Test
  void shouldAnswerUnknownRouteWithProblem() {
    given()
        .get("/api/v1/no-such-thing")
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("code", is("NOT_FOUND"))
        .body("detail", containsString("不存在"));
    given()
        .get("/definitely/not/here")
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("code", is("NOT_FOUND"));
  }

  @Test
  void shouldAnswerWrongMethodWithProblem() {
    given()
        .delete("/api/v1/regions")
        .then()
        .statusCode(405)
        .contentType(PROBLEM)
        .body("code", is("METHOD_NOT_ALLOWED"));
  }

  @Test
  void shouldAnswerOversizeBodyWithProblem() throws Exception {
    // A raw request announcing 12 MiB: the server must refuse it from the headers alone, with a
    // problem, before reading the body (a client library would die of a broken pipe here).
    int port = io.restassured.RestAssured.port;
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      String head =
          "POST /api/v1/admin/regions HTTP/1.1\r\nHost: localhost\r\n"
              + "Authorization: Bearer "
              + Tokens.admin()
              + "\r\n"
              + "Content-Type: application/json\r\nContent-Length: "
              + (12 * 1024 * 1024)
              + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      StringBuilder received = new StringBuilder();
      byte[] buffer = new byte[4096];
      int n;
      while (!received.toString().endsWith("}") && (n = socket.getInputStream().read(buffer)) > 0) {
        received.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8));
      }
      String response = received.toString();
      org.assertj.core.api.Assertions.assertThat(response)
          .startsWith("HTTP/1.1 413")
          .contains("application/problem+json")
          .contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
    }
  }

  @Test
  void shouldHideInternalsOfUnexpectedFailures() {
    String body =
        given()
            .header("X-Request-Id", "trace-me-123")
            .get("/api/v1/test-support/boom")
            .then()
            .statusCode(500)
            .contentType(PROBLEM)
            .header("X-Request-Id", "trace-me-123")
            .body("code", is("INTERNAL_ERROR"))
            .body("requestId", is("trace-me-123"))
            .body("detail", containsString("trace-me-123"))
            .extract()
            .asString();
    org.assertj.core.api.Assertions.assertThat(body)
        .doesNotContain(
            "IllegalStateException", "secret internal detail", "org.fingertip", "at line");
  }

  @Test
  void shouldGenerateRequestIdWhenAbsentAndEchoClientOne() {
    given()
        .get("/api/v1/regions")
        .then()
        .statusCode(200)
        .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    given()
        .header("X-Request-Id", "abc-123")
        .get("/api/v1/regions")
        .then()
        .header("X-Request-Id", is("abc-123"));
    // an unsafe id (spaces, too long) is replaced, never echoed into logs or headers
    given()
        .header("X-Request-Id", "bad id <script>")
        .get("/api/v1/regions")
        .then()
        .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
  }

  @Test
  void shouldAnswerMissingOrBadTokenWith401Problem() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"code\": \"320281009\", \"name\": \"测试街道\"}")
        .post("/api/v1/admin/regions")
        .then()
        .statusCode(401)
        .contentType(PROBLEM)
        .header("WWW-Authenticate", containsString("Bearer"))
        .body("code", is("UNAUTHENTICATED"));
    given()
        .auth()
        .oauth2("not.a.jwt")
        .contentType(ContentType.JSON)
        .body("{\"code\": \"320281009\", \"name\": \"测试街道\"}")
        .post("/api/v1/admin/regions")
        .then()
        .statusCode(401)
        .body("code", is("UNAUTHENTICATED"));
  }

  @Test
  void shouldRefuseExpiredWrongIssuerAndWrongAudienceTokens() {
    for (String token :
        new String[] {
          Tokens.expired("a1", "admin"),
          Tokens.withIssuer("urn:someone-else", "a1", "admin"),
          Tokens.withAudience("another-app", "a1", "admin")
        }) {
      given()
          .auth()
          .oauth2(token)
          .contentType(ContentType.JSON)
          .body("{\"code\": \"320281009\", \"name\": \"测试街道\"}")
          .post("/api/v1/admin/regions")
          .then()
          .statusCode(401)
          .body("code", is("UNAUTHENTICATED"));
    }
  }

  @Test
  void shouldAnswerWrongRoleWith403Problem() {
    given()
        .auth()
        .oauth2(Tokens.citizen("c-1"))
        .contentType(ContentType.JSON)
        .body("{\"code\": \"320281009\", \"name\": \"测试街道\"}")
        .post("/api/v1/admin/regions")
        .then()
        .statusCode(403)
        .contentType(PROBLEM)
        .body("code", is("FORBIDDEN"));
  }

  @Test
  void shouldRefuseOversizePageWithClearProblem() {
    given()
        .queryParam("size", 101)
        .get("/api/v1/regions")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("code", is("VALIDATION_FAILED"))
        .body("errors[0].field", is("size"))
        .body("errors[0].code", is("PAGE_SIZE_TOO_LARGE"));
    given()
        .queryParam("page", "abc")
        .get("/api/v1/regions")
        .then()
        .statusCode(400)
        .body("errors[0].field", is("page"))
        .body("errors[0].code", is("TYPE_MISMATCH"));
  }
}
