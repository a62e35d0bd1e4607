package org.fingertip.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import org.fingertip.support.Citizens;
import org.fingertip.support.Tokens;
import org.junit.jupiter.api.Test;

/** Token lifecycles and the attacker's side of authentication. */
@QuarkusTest
class SessionTest {

  private static io.restassured.response.Response refresh(String token) {
    return given()
        .contentType(ContentType.JSON)
        .body("{\"refreshToken\": \"" + token + "\"}")
        .post("/api/v1/auth/refresh");
  }

  @Test
  void shouldRotateRefreshTokensAndRevokeFamilyOnReuse() {
    Citizens.LoggedIn citizen = Citizens.login();
    String second =
        refresh(citizen.refreshToken())
            .then()
            .statusCode(200)
            .body("citizen.id", is(citizen.id()))
            .body("refreshToken", not(is(citizen.refreshToken())))
            .extract()
            .path("refreshToken");
    // the first token was rotated: presenting it again is theft, and kills the family
    refresh(citizen.refreshToken()).then().statusCode(401).body("code", is("REFRESH_TOKEN_REUSED"));
    refresh(second).then().statusCode(401).body("code", is("REFRESH_TOKEN_REUSED"));
  }

  @Test
  void shouldRevokeFamilyOnLogout() {
    Citizens.LoggedIn citizen = Citizens.login();
    given()
        .contentType(ContentType.JSON)
        .body("{\"refreshToken\": \"" + citizen.refreshToken() + "\"}")
        .post("/api/v1/auth/logout")
        .then()
        .statusCode(204);
    refresh(citizen.refreshToken()).then().statusCode(401);
    refresh("no-such-token").then().statusCode(401).body("code", is("REFRESH_TOKEN_INVALID"));
  }

  @Test
  void shouldRefuseExpiredForgedAndWrongAudienceTokens() throws Exception {
    String subject = Citizens.login().id();
    given()
        .auth()
        .oauth2(Tokens.expired(subject, "citizen"))
        .get("/api/v1/me")
        .then()
        .statusCode(401)
        .body("code", is("UNAUTHENTICATED"));
    given()
        .auth()
        .oauth2(Tokens.withAudience("someone-else", subject, "citizen"))
        .get("/api/v1/me")
        .then()
        .statusCode(401);
    given()
        .auth()
        .oauth2(Tokens.withIssuer("urn:evil", subject, "citizen"))
        .get("/api/v1/me")
        .then()
        .statusCode(401);

    // signed with a key that is not ours
    var generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String forged =
        Jwt.subject(subject)
            .groups(Set.of("citizen", "admin"))
            .sign(generator.generateKeyPair().getPrivate());
    given().auth().oauth2(forged).get("/api/v1/me").then().statusCode(401);

    // alg=none
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String none =
        b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(
                ("{\"sub\":\""
                        + subject
                        + "\",\"groups\":[\"admin\"],\"iss\":\"urn:fingertip\",\"aud\":\"fingertip-app\",\"exp\":4102444800}")
                    .getBytes(StandardCharsets.UTF_8))
            + ".";
    given().auth().oauth2(none).get("/api/v1/me").then().statusCode(401);

    // HS256 with the public key as the shared secret
    String publicPem =
        java.nio.file.Files.readString(
            java.nio.file.Path.of(
                org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getValue("fingertip.jwt.public-key-location", String.class)));
    String hs =
        Jwt.subject(subject)
            .groups(Set.of("admin"))
            .jws()
            .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.HS256)
            .signWithSecret(publicPem + publicPem);
    given().auth().oauth2(hs).get("/api/v1/me").then().statusCode(401);
  }

  @Test
  void shouldRefuseCitizenOnStaffRoutes() {
    given()
        .auth()
        .oauth2(Citizens.login().accessToken())
        .get("/api/v1/staff/proxies")
        .then()
        .statusCode(403)
        .body("code", is("FORBIDDEN"));
  }

  @Test
  void shouldThrottleRepeatedRefreshOfOneToken() {
    String bogus = "bogus-" + UUID.randomUUID();
    for (int i = 0; i < 10; i++) {
      refresh(bogus).then().statusCode(401);
    }
    refresh(bogus)
        .then()
        .statusCode(429)
        .body("code", is("RATE_LIMITED"))
        .header("Retry-After", notNullValue());
  }

  @Test
  void shouldLogStaffInLockThemOutAndCarryScopeClaims() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"username\": \"sucheng.mz\", \"password\": \"caseworker-dev-123\"}")
        .post("/api/v1/auth/staff")
        .then()
        .statusCode(200)
        .body("staff.role", is("caseworker"))
        .body("staff.regions", contains("321302"))
        .body("accessToken", not(emptyOrNullString()));
    given()
        .contentType(ContentType.JSON)
        .body("{\"username\": \"nobody\", \"password\": \"whatever\"}")
        .post("/api/v1/auth/staff")
        .then()
        .statusCode(401)
        .body("code", is("STAFF_CREDENTIALS_INVALID"));
    // five wrong passwords lock the account, even for the right password afterwards
    for (int i = 0; i < 5; i++) {
      given()
          .contentType(ContentType.JSON)
          .body("{\"username\": \"xingfu.mz\", \"password\": \"wrong\"}")
          .post("/api/v1/auth/staff")
          .then()
          .statusCode(401);
    }
    given()
        .contentType(ContentType.JSON)
        .body("{\"username\": \"xingfu.mz\", \"password\": \"caseworker-dev-123\"}")
        .post("/api/v1/auth/staff")
        .then()
        .statusCode(403)
        .body("code", is("STAFF_ACCOUNT_LOCKED"));
  }
}
