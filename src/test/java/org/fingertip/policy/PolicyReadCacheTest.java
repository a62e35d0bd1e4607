package org.fingertip.policy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.fingertip.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Cached policy reads never show stale data: every publish, archive, standard or synonym change is
 * visible to the very next read, while repeated reads are served from the cache unchanged.
 */
@QuarkusTest
class PolicyReadCacheTest {

  private static int total(String q) {
    return given()
        .queryParam("q", q)
        .get("/api/v1/policies")
        .then()
        .statusCode(200)
        .extract()
        .path("total");
  }

  private static void admin(String method, String path, Object body, int status) {
    var request = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body);
    (method.equals("PUT") ? request.put(path) : request.post(path)).then().statusCode(status);
  }

  @Test
  void shouldShowAPublishAnEditAStandardAndAnArchiveAtOnce() {
    assertThat(total("缓存验证")).isZero();
    long id =
        given()
            .auth()
            .oauth2(Tokens.admin())
            .contentType(ContentType.JSON)
            .body(
                PolicyLookupTest.input(
                    "鸠江区缓存验证专项通知", "缓存验证。", "用于验证缓存的正文。", "340207", "2025-01-01"))
            .post("/api/v1/admin/policies")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    assertThat(total("缓存验证")).isZero();
    admin("POST", "/api/v1/admin/policies/" + id + "/publish", "{}", 200);
    assertThat(total("缓存验证")).isEqualTo(1);

    // a repeated read is the same bytes (same ETag), and revalidates to 304
    String etag = given().queryParam("q", "缓存验证").get("/api/v1/policies").header("ETag");
    given()
        .queryParam("q", " 缓存验证 ")
        .get("/api/v1/policies")
        .then()
        .statusCode(200)
        .header("ETag", is(etag));
    given()
        .queryParam("q", "缓存验证")
        .header("If-None-Match", etag)
        .get("/api/v1/policies")
        .then()
        .statusCode(304);
    String detailTag =
        given().get("/api/v1/policies/" + id).then().statusCode(200).extract().header("ETag");

    // an edit is invisible until published; then the new title shows at once
    admin(
        "PUT",
        "/api/v1/admin/policies/" + id,
        PolicyLookupTest.input("鸠江区缓存验证专项通知（修订）", "缓存验证。", "修订后的正文。", "340207", "2025-01-01"),
        200);
    given().get("/api/v1/policies/" + id).then().body("title", is("鸠江区缓存验证专项通知"));
    admin("POST", "/api/v1/admin/policies/" + id + "/publish", "{}", 200);
    given()
        .get("/api/v1/policies/" + id)
        .then()
        .statusCode(200)
        .header("ETag", not(is(detailTag)))
        .body("title", is("鸠江区缓存验证专项通知（修订）"))
        .body("version", is(2));

    // a standard the policy sets shows on its page at once
    admin(
        "POST",
        "/api/v1/admin/standards",
        Map.of(
            "regionCode", "340207",
            "type", "LONGEVITY_MONTHLY",
            "amountFen", 6000,
            "effectiveFrom", "2099-01-01",
            "policyId", id),
        201);
    given().get("/api/v1/policies/" + id).then().body("standards.amountFen", contains(6000));

    admin("POST", "/api/v1/admin/policies/" + id + "/archive", "{}", 200);
    assertThat(total("缓存验证")).isZero();
    given().get("/api/v1/policies/" + id).then().statusCode(404);
  }

  @Test
  void shouldApplyASynonymChangeToTheNextSearch() {
    long id =
        given()
            .auth()
            .oauth2(Tokens.admin())
            .contentType(ContentType.JSON)
            .body(PolicyLookupTest.input("芜湖市银发助浴服务办法", "助浴。", "上门助浴。", "340200", "2025-01-01"))
            .post("/api/v1/admin/policies")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    admin("POST", "/api/v1/admin/policies/" + id + "/publish", "{}", 200);
    assertThat(total("浴助银发")).isZero();
    long synonym =
        given()
            .auth()
            .oauth2(Tokens.admin())
            .contentType(ContentType.JSON)
            .body(Map.of("term", "浴助银发", "expansion", "银发助浴"))
            .post("/api/v1/admin/policy-synonyms")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    assertThat(total("浴助银发")).isEqualTo(1);
    given()
        .auth()
        .oauth2(Tokens.admin())
        .delete("/api/v1/admin/policy-synonyms/" + synonym)
        .then()
        .statusCode(204);
    assertThat(total("浴助银发")).isZero();
  }
}
