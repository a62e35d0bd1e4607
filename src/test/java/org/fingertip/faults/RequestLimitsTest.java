package org.fingertip.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fingertip.support.Citizens;
import org.fingertip.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Oversize headers and forged or misused tokens on the staff and admin routes. (Expired, wrong
 * issuer/audience, alg=none and HS256 on citizen routes are in SessionTest and ProblemDetailsTest;
 * the body limit in ProblemDetailsTest.)
 */
@QuarkusTest
class RequestLimitsTest {

  /** Every staff or admin route of this branch, with a body that would otherwise be accepted. */
  private static final List<String[]> STAFF_ROUTES =
      List.of(
          new String[] {"GET", "/api/v1/staff/proxies", null},
          new String[] {"GET", "/api/v1/admin/policies", null},
          new String[] {"GET", "/api/v1/admin/eligibility-rules", null},
          new String[] {"GET", "/api/v1/admin/policy-synonyms", null},
          new String[] {"GET", "/api/v1/admin/notifications/dead-letters", null},
          new String[] {
            "POST", "/api/v1/admin/regions", "{\"code\":\"321302001998\",\"name\":\"越权村\"}"
          },
          new String[] {
            "POST", "/api/v1/admin/policy-synonyms", "{\"term\":\"越权\",\"expansion\":\"测试\"}"
          },
          new String[] {"PUT", "/api/v1/admin/calendar/2099", "{\"days\":[]}"});

  @Test
  void shouldRefuseOversizeHeadersWithoutHanging() {
    Http.Answer answer =
        Http.send("GET", "/api/v1/regions", null, Map.of("X-Padding", "x".repeat(20 * 1024)));
    assertThat(answer.status()).as(answer.body()).isIn(431, 400, 413);
    assertThat(answer.millis()).isLessThan(5000);
    // the server is fine afterwards
    assertThat(Http.get("/q/health/live").status()).isEqualTo(200);
  }

  @Test
  void shouldRefuseCitizenAndForgedTokensOnEveryStaffRoute() throws Exception {
    String citizen = Citizens.login().accessToken();
    String caseworkerAsAdmin = Tokens.forRoles("cw-" + System.nanoTime(), "caseworker");
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String none =
        b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(
                ("{\"sub\":\"attacker\",\"groups\":[\"admin\"],\"iss\":\"urn:fingertip\","
                        + "\"aud\":\"fingertip-app\",\"exp\":4102444800}")
                    .getBytes(StandardCharsets.UTF_8))
            + ".";
    String publicPem =
        java.nio.file.Files.readString(
            java.nio.file.Path.of(
                org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getValue("fingertip.jwt.public-key-location", String.class)));
    String hs256 =
        Jwt.subject("attacker")
            .groups(Set.of("admin"))
            .jws()
            .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.HS256)
            .signWithSecret(publicPem + publicPem);
    for (String[] route : STAFF_ROUTES) {
      String name = route[0] + " " + route[1];
      Http.Answer asCitizen = call(route, citizen);
      assertThat(asCitizen.status()).as("citizen on %s", name).isEqualTo(403);
      assertThat(asCitizen.body()).contains("\"code\":\"FORBIDDEN\"");
      for (String forged : List.of(none, hs256, Tokens.expired("a1", "admin"))) {
        Http.Answer answer = call(route, forged);
        assertThat(answer.status()).as("forged token on %s", name).isEqualTo(401);
        assertThat(answer.body()).contains("\"code\":\"UNAUTHENTICATED\"");
      }
      if (route[1].startsWith("/api/v1/admin")) {
        assertThat(call(route, caseworkerAsAdmin).status())
            .as("caseworker on %s", name)
            .isEqualTo(403);
      }
    }
  }

  private static Http.Answer call(String[] route, String token) {
    return Http.send(route[0], route[1], route[2], Map.of("Authorization", "Bearer " + token));
  }
}
