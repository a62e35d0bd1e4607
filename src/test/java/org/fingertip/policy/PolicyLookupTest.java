package org.fingertip.policy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.fingertip.support.Db;
import org.fingertip.support.Tokens;
import org.junit.jupiter.api.Test;

/** Policies over HTTP: region inheritance, drafts and versions, admin-only writes, caching. */
@QuarkusTest
class PolicyLookupTest {

  static Map<String, Object> input(
      String title, String summary, String body, String region, String from) {
    return Map.of(
        "title", title,
        "summary", summary,
        "body", body,
        "category", "社会救助",
        "issuingBody", "测试民政局",
        "regionCode", region,
        "effectiveFrom", from);
  }

  @Test
  void shouldListTheRegionsOwnAndItsAncestorsPolicies() {
    var ids =
        given()
            .queryParam("region", "321302001")
            .queryParam("size", 100)
            .get("/api/v1/policies")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items.id", Integer.class);
    // 宿迁市 (1–4) and 江苏省 (19) apply to 幸福街道; 江阴 (10) and 鸠江 (5) do not
    assertThat(ids).contains(1, 2, 3, 4, 19).doesNotContain(5, 10, 11, 18, 20);
    var jiangyin =
        given()
            .queryParam("region", "320281")
            .queryParam("size", 100)
            .get("/api/v1/policies")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items.id", Integer.class);
    assertThat(jiangyin).contains(10, 11, 18, 19).doesNotContain(1, 2, 5);
  }

  @Test
  void shouldFilterByCategoryDepartmentAndInForceDate() {
    var before =
        given()
            .queryParam("region", "321300")
            .queryParam("date", "2023-06-30")
            .queryParam("size", 100)
            .get("/api/v1/policies")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items.id", Integer.class);
    assertThat(before).contains(2).doesNotContain(1);
    var after =
        given()
            .queryParam("region", "321300")
            .queryParam("date", "2024-01-01")
            .queryParam("size", 100)
            .get("/api/v1/policies")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items.id", Integer.class);
    assertThat(after).contains(1).doesNotContain(2);
    given()
        .queryParam("category", "婚姻登记")
        .queryParam("size", 100)
        .get("/api/v1/policies")
        .then()
        .statusCode(200)
        .body("items.category", everyItem(is("婚姻登记")))
        .body("items.id", hasItem(11));
    given()
        .queryParam("department", "临沂市民政局")
        .queryParam("size", 100)
        .get("/api/v1/policies")
        .then()
        .statusCode(200)
        .body("items.issuingBody", everyItem(is("临沂市民政局")))
        .body("items.id", hasItems(12, 13, 15));
  }

  @Test
  void shouldShowTheFullTextStandardsAndVersionHistory() {
    given()
        .get("/api/v1/policies/1")
        .then()
        .statusCode(200)
        .header("Cache-Control", containsString("public"))
        .body("version", is(2))
        .body("publishedAt", is("2023-06-28T09:00:00+08:00"))
        .body("body", containsString("9828元"))
        .body("regionName", is("宿迁市"))
        .body("standards.find { it.type == 'DIBAO_MONTHLY' }.amountFen", is(63000))
        .body("versions.version", contains(2, 1))
        .body("versions[0].changeNote", containsString("孤儿"));
  }

  @Test
  void shouldAnswerNotModifiedForAKnownETag() {
    String etag = given().get("/api/v1/policies/6").then().statusCode(200).extract().header("ETag");
    assertThat(etag).isNotBlank();
    given()
        .header("If-None-Match", etag)
        .get("/api/v1/policies/6")
        .then()
        .statusCode(304)
        .header("ETag", is(etag));
    String listTag =
        given()
            .queryParam("q", "低保")
            .get("/api/v1/policies")
            .then()
            .statusCode(200)
            .extract()
            .header("ETag");
    given()
        .queryParam("q", "低保")
        .header("If-None-Match", listTag)
        .get("/api/v1/policies")
        .then()
        .statusCode(304);
    given()
        .queryParam("q", "特困")
        .header("If-None-Match", listTag)
        .get("/api/v1/policies")
        .then()
        .statusCode(200);
  }

  @Test
  void shouldKeepDraftsAndUnpublishedEditsFromCitizens() {
    String admin = Tokens.admin();
    String citizen = Tokens.citizen("c-policy-draft");
    // the seeded draft
    given().get("/api/v1/policies/20").then().statusCode(404).body("code", is("POLICY_NOT_FOUND"));
    given().auth().oauth2(citizen).get("/api/v1/policies/20").then().statusCode(404);
    given().queryParam("q", "征求意见稿").get("/api/v1/policies").then().body("total", is(0));

    long id =
        given()
            .auth()
            .oauth2(admin)
            .contentType(ContentType.JSON)
            .body(input("宿城区孤寡老人冬季关爱通知", "冬季走访慰问。", "对孤寡老人开展冬季走访。", "321302", "2025-11-01"))
            .post("/api/v1/admin/policies")
            .then()
            .statusCode(201)
            .body("status", is("DRAFT"))
            .body("currentVersion", is(0))
            .extract()
            .jsonPath()
            .getLong("id");
    given().auth().oauth2(citizen).get("/api/v1/policies/" + id).then().statusCode(404);
    given().queryParam("q", "冬季关爱").get("/api/v1/policies").then().body("total", is(0));
    given()
        .auth()
        .oauth2(admin)
        .get("/api/v1/admin/policies/" + id)
        .then()
        .statusCode(200)
        .body("title", is("宿城区孤寡老人冬季关爱通知"));

    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/admin/policies/" + id + "/publish")
        .then()
        .statusCode(200)
        .body("status", is("PUBLISHED"))
        .body("currentVersion", is(1));
    given()
        .auth()
        .oauth2(citizen)
        .get("/api/v1/policies/" + id)
        .then()
        .statusCode(200)
        .body("version", is(1));
    given()
        .queryParam("q", "冬季关爱")
        .get("/api/v1/policies")
        .then()
        .body("items.id", contains((int) id));

    // an edit stays invisible until it is published as version 2
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body(input("宿城区孤寡老人冬春关怀通知", "冬春走访慰问。", "对孤寡老人开展冬春走访。", "321302", "2025-11-01"))
        .put("/api/v1/admin/policies/" + id)
        .then()
        .statusCode(200)
        .body("status", is("PUBLISHED"));
    given().get("/api/v1/policies/" + id).then().body("title", is("宿城区孤寡老人冬季关爱通知"));
    given().queryParam("q", "冬春关怀").get("/api/v1/policies").then().body("total", is(0));
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body("{\"changeNote\": \"延长至春季\"}")
        .post("/api/v1/admin/policies/" + id + "/publish")
        .then()
        .statusCode(200)
        .body("currentVersion", is(2))
        .body("versions.version", contains(2, 1));
    given()
        .get("/api/v1/policies/" + id)
        .then()
        .statusCode(200)
        .body("title", is("宿城区孤寡老人冬春关怀通知"))
        .body("versions.changeNote", contains("延长至春季", null));
    given()
        .queryParam("q", "冬春关怀")
        .get("/api/v1/policies")
        .then()
        .body("items.id", contains((int) id));
    given().queryParam("q", "冬季关爱").get("/api/v1/policies").then().body("total", is(0));
    assertThat(
            Db.count("SELECT count(*) FROM policy_version WHERE policy_id = ? AND is_current", id))
        .isEqualTo(1);

    // archiving withdraws it; the history stays for admins
    given()
        .auth()
        .oauth2(admin)
        .post("/api/v1/admin/policies/" + id + "/archive")
        .then()
        .statusCode(200)
        .body("status", is("ARCHIVED"));
    given().get("/api/v1/policies/" + id).then().statusCode(404);
    given().queryParam("q", "冬春关怀").get("/api/v1/policies").then().body("total", is(0));
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/admin/policies/" + id + "/publish")
        .then()
        .statusCode(409)
        .body("code", is("POLICY_ARCHIVED"));
  }

  @Test
  void shouldNumberConcurrentPublishesOneAfterTheOther() throws Exception {
    String admin = Tokens.admin();
    long id =
        given()
            .auth()
            .oauth2(admin)
            .contentType(ContentType.JSON)
            .body(input("禹城市并发发布测试", "并发。", "并发发布。", "371482", "2025-01-01"))
            .post("/api/v1/admin/policies")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      var calls = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
      for (int i = 0; i < 4; i++) {
        calls.add(
            pool.submit(
                () ->
                    given()
                        .auth()
                        .oauth2(admin)
                        .contentType(ContentType.JSON)
                        .body("{}")
                        .post("/api/v1/admin/policies/" + id + "/publish")
                        .statusCode()));
      }
      for (var call : calls) {
        assertThat(call.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(
            Db.count("SELECT count(DISTINCT version) FROM policy_version WHERE policy_id = ?", id))
        .isEqualTo(4);
    assertThat(
            Db.count("SELECT count(*) FROM policy_version WHERE policy_id = ? AND is_current", id))
        .isEqualTo(1);
    given().get("/api/v1/policies/" + id).then().statusCode(200).body("version", is(4));
  }

  @Test
  void shouldCreateOncePerIdempotencyKey() {
    String admin = Tokens.admin();
    String key = "policy-" + java.util.UUID.randomUUID();
    var body = input("德城区幸福院运营补贴通知", "运营补贴。", "对农村幸福院给予运营补贴。", "371402", "2025-01-01");
    long first =
        given()
            .auth()
            .oauth2(admin)
            .header("Idempotency-Key", key)
            .contentType(ContentType.JSON)
            .body(body)
            .post("/api/v1/admin/policies")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    long again =
        given()
            .auth()
            .oauth2(admin)
            .header("Idempotency-Key", key)
            .contentType(ContentType.JSON)
            .body(body)
            .post("/api/v1/admin/policies")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    assertThat(again).isEqualTo(first);
    assertThat(Db.count("SELECT count(*) FROM policy WHERE title = '德城区幸福院运营补贴通知'")).isEqualTo(1);
  }

  @Test
  void shouldServeAStandardAnAdminSetsForACounty() {
    String admin = Tokens.admin();
    String standard =
        "{\"regionCode\": \"371402\", \"type\": \"DIBAO_MONTHLY\", \"amountFen\": 75000,"
            + " \"effectiveFrom\": \"2025-01-01\", \"policyId\": 17, \"note\": \"测试\"}";
    String key = "standard-" + java.util.UUID.randomUUID();
    for (int i = 0; i < 2; i++) {
      given()
          .auth()
          .oauth2(admin)
          .header("Idempotency-Key", key)
          .contentType(ContentType.JSON)
          .body(standard)
          .post("/api/v1/admin/standards")
          .then()
          .statusCode(201)
          .body("amountFen", is(75000));
    }
    given()
        .queryParam("region", "371402001")
        .queryParam("type", "DIBAO_MONTHLY")
        .queryParam("date", "2025-06-01")
        .get("/api/v1/standards")
        .then()
        .statusCode(200)
        .body("standards[0].amountFen", is(75000))
        .body("standards[0].setByRegionName", is("德城区"))
        .body("standards[0].sourcePolicy.title", is("德州市低保扩围增效行动方案"));
    given()
        .queryParam("region", "371402001")
        .queryParam("type", "DIBAO_MONTHLY")
        .queryParam("date", "2024-06-01")
        .get("/api/v1/standards")
        .then()
        .statusCode(200)
        .body("standards", empty());
  }

  @Test
  void shouldReportTheTotalOnAPagePastTheEnd() {
    given()
        .queryParam("q", "低保")
        .queryParam("page", 50)
        .get("/api/v1/policies")
        .then()
        .statusCode(200)
        .body("items", empty())
        .body("total", greaterThan(3));
  }

  @Test
  void shouldLetOnlyAdminsWrite() {
    var body = input("越权测试", "越权测试。", "越权测试。", "321300", "2025-01-01");
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/admin/policies")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(Tokens.citizen("c-attacker"))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/admin/policies")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(Tokens.forRoles("cw-1", "caseworker"))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/admin/policies")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(Tokens.expired("a-1", "admin"))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/admin/policies")
        .then()
        .statusCode(401);
    given()
        .auth()
        .oauth2(Tokens.citizen("c-attacker"))
        .contentType(ContentType.JSON)
        .body(body)
        .put("/api/v1/admin/policies/1")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(Tokens.citizen("c-attacker"))
        .post("/api/v1/admin/policies/20/publish")
        .then()
        .statusCode(403);
    given().post("/api/v1/admin/policies/1/archive").then().statusCode(401);
    given()
        .auth()
        .oauth2(Tokens.citizen("c-attacker"))
        .get("/api/v1/admin/policies/20")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(Tokens.citizen("c-attacker"))
        .contentType(ContentType.JSON)
        .body(
            "{\"regionCode\": \"321300\", \"type\": \"DIBAO_MONTHLY\", \"amountFen\": 99900,"
                + " \"effectiveFrom\": \"2026-01-01\", \"policyId\": 1}")
        .post("/api/v1/admin/standards")
        .then()
        .statusCode(403);
    assertThat(Db.count("SELECT count(*) FROM policy WHERE title = '越权测试'")).isZero();
    assertThat(Db.count("SELECT count(*) FROM policy_standard WHERE amount_fen = 99900")).isZero();
    assertThat(Db.count("SELECT count(*) FROM policy WHERE id = 20 AND status = 'DRAFT'"))
        .isEqualTo(1);
  }

  @Test
  void shouldValidateAdminInput() {
    String admin = Tokens.admin();
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("title", "缺少字段"))
        .post("/api/v1/admin/policies")
        .then()
        .statusCode(400)
        .body("code", is("VALIDATION_FAILED"));
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body(input("未知地区", "未知地区。", "未知地区。", "329999", "2025-01-01"))
        .post("/api/v1/admin/policies")
        .then()
        .statusCode(400)
        .body("errors[0].code", is("REGION_NOT_FOUND"));
    var range = new java.util.HashMap<>(input("日期颠倒", "日期颠倒。", "日期颠倒。", "321300", "2025-01-01"));
    range.put("effectiveTo", "2024-01-01");
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body(range)
        .post("/api/v1/admin/policies")
        .then()
        .statusCode(400)
        .body("errors[0].field", is("effectiveTo"));
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/admin/policies/999999/publish")
        .then()
        .statusCode(404)
        .body("code", is("POLICY_NOT_FOUND"));
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body(
            "{\"regionCode\": \"321300\", \"type\": \"TEKUN_DIBAO_MULTIPLIER\", \"amountFen\": 130,"
                + " \"effectiveFrom\": \"2026-01-01\", \"policyId\": 1}")
        .post("/api/v1/admin/standards")
        .then()
        .statusCode(400)
        .body("errors[0].code", is("STANDARD_VALUE_KIND"));
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body(
            "{\"regionCode\": \"321300\", \"type\": \"DIBAO_MONTHLY\", \"amountFen\": 63000,"
                + " \"effectiveFrom\": \"2023-07-01\", \"policyId\": 1}")
        .post("/api/v1/admin/standards")
        .then()
        .statusCode(409)
        .body("code", is("STANDARD_EXISTS"));
    given().get("/api/v1/policies/abc").then().statusCode(404);
  }
}
