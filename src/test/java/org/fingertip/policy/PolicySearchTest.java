package org.fingertip.policy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.fingertip.policy.search.PolicyDocument;
import org.fingertip.support.Db;
import org.fingertip.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Chinese search over published policies: abbreviations, index use, ranking, highlighting. */
@QuarkusTest
class PolicySearchTest {

  @ParameterizedTest(name = "{0} finds policy {1}")
  @CsvSource({
    // abbreviation → a policy that only spells it out (or the other way round)
    "低保, 9",
    "最低生活保障, 5",
    "特困, 6",
    "特困人员救助供养, 5",
    "临救, 13",
    "临时救助, 3",
    "两项补贴, 18",
    "高龄津贴, 7",
    "高龄补贴, 7",
    "五保, 6",
    "宿迁 低保, 1",
    "鸠政办〔2020〕54号, 5"
  })
  void shouldFindPoliciesThroughAbbreviationsAndFullNames(String q, int policyId) {
    given()
        .queryParam("q", q)
        .queryParam("size", 100)
        .get("/api/v1/policies")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(policyId));
  }

  @Test
  void shouldNotMatchAnAbbreviationWhereOnlyItsCharactersAppearApart() {
    // policy 9 spells out 最低生活保障 and never contains 低保: without synonyms it is no hit
    given()
        .queryParam("q", "临救")
        .queryParam("size", 100)
        .get("/api/v1/policies")
        .then()
        .statusCode(200)
        .body("items.id", not(hasItem(9)))
        .body("items.id", not(hasItem(1)));
  }

  @Test
  void shouldHighlightTheWordsAndTheirExpansions() {
    given()
        .queryParam("q", "低保")
        .queryParam("size", 100)
        .get("/api/v1/policies")
        .then()
        .statusCode(200)
        .body("items.find { it.id == 9 }.highlightedTitle", containsString("<em>最低生活保障</em>"))
        .body("items.find { it.id == 5 }.snippet", containsString("<em>低保</em>"));
  }

  @Test
  void shouldRankATitleMatchAboveABodyMatch() {
    long inBody = publish("乐陵市社区养老服务补充说明", "社区养老服务站点补充说明。", "各社区养老服务站点应当按季度开展银龄助浴上门服务，并做好安全防护。");
    long inTitle = publish("乐陵市银龄助浴服务试点通知", "在部分社区开展试点。", "试点期间由专业机构提供服务。");
    var response =
        given()
            .queryParam("q", "银龄助浴")
            .get("/api/v1/policies")
            .then()
            .statusCode(200)
            .body("total", is(2))
            .extract()
            .jsonPath();
    assertThat(response.getList("items.id", Long.class)).containsExactly(inTitle, inBody);
    assertThat(response.getFloat("items[0].score"))
        .isGreaterThan(response.getFloat("items[1].score"));
    assertThat(response.getString("items[0].highlightedTitle")).contains("<em>银龄助浴</em>");
    assertThat(response.getString("items[1].snippet")).contains("<em>银龄助浴</em>");
  }

  @Test
  void shouldLetAdminsTeachTheSearchANewAbbreviation() {
    given()
        .queryParam("q", "敬老金")
        .get("/api/v1/policies")
        .then()
        .statusCode(200)
        .body("total", is(0));
    int id =
        given()
            .auth()
            .oauth2(Tokens.admin())
            .contentType(ContentType.JSON)
            .body("{\"term\": \"敬老金\", \"expansion\": \"高龄津贴\"}")
            .post("/api/v1/admin/policy-synonyms")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    try {
      given()
          .queryParam("q", "敬老金")
          .get("/api/v1/policies")
          .then()
          .statusCode(200)
          .body("items.id", hasItem(7));
    } finally {
      given()
          .auth()
          .oauth2(Tokens.admin())
          .delete("/api/v1/admin/policy-synonyms/" + id)
          .then()
          .statusCode(204);
    }
    given()
        .auth()
        .oauth2(Tokens.citizen("c-syn"))
        .contentType(ContentType.JSON)
        .body("{\"term\": \"敬老金\", \"expansion\": \"高龄津贴\"}")
        .post("/api/v1/admin/policy-synonyms")
        .then()
        .statusCode(403);
  }

  /**
   * The point of the bigram design: on 2,000 filler rows and a handful of matching ones, a
   * 2-character query is answered by a Bitmap Index Scan on the GIN index that returns the matching
   * rows only. The rows are inserted in a transaction that is rolled back.
   */
  @Test
  void shouldNarrowATwoCharacterQueryThroughTheGinIndex() throws Exception {
    String filler =
        PolicyDocument.tsvector(
            "农村公路养护工作简报", "介绍道路养护与交通安全宣传。", null, "交通运输局", "其他", "本期简报汇总各乡镇道路养护进度和交通安全宣传活动。");
    String matching =
        PolicyDocument.tsvector("孤儿助学项目说明", "为在校孤儿提供助学金。", null, "教育局", "儿童福利", "孤儿助学金每学期发放一次。");
    try (Connection c = Db.connect()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps =
            c.prepareStatement(
                "WITH p AS (INSERT INTO policy (status, title, summary, body, category,"
                    + " issuing_body, region_code, effective_from, current_version, created_at,"
                    + " updated_at) SELECT 'PUBLISHED', '填充' || g, '填充', '填充', '其他', '测试',"
                    + " '371482', DATE '2020-01-01', 1, now(), now() FROM generate_series(1, ?) g"
                    + " RETURNING id) INSERT INTO policy_version (policy_id, version, title,"
                    + " summary, body, category, issuing_body, region_code, effective_from,"
                    + " published_at, published_by, is_current, search_vector) SELECT id, 1, '填充',"
                    + " '填充', '填充', '其他', '测试', '371482', DATE '2020-01-01', now(), 'test',"
                    + " true, CAST(? AS tsvector) FROM p")) {
          ps.setInt(1, 2000);
          ps.setString(2, filler);
          ps.executeUpdate();
          ps.setInt(1, 5);
          ps.setString(2, matching);
          ps.executeUpdate();
        }
        try (var st = c.createStatement()) {
          st.execute("ANALYZE policy_version");
        }
        long matchingRows;
        try (var st = c.createStatement();
            ResultSet rs =
                st.executeQuery(
                    "SELECT count(*) FROM policy_version WHERE search_vector @@ '''孤儿'''::tsquery")) {
          rs.next();
          matchingRows = rs.getLong(1);
        }
        long allRows;
        try (var st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT count(*) FROM policy_version")) {
          rs.next();
          allRows = rs.getLong(1);
        }
        JsonNode plan;
        // the statement PolicyVersionRepository.search issues for q=孤儿
        try (PreparedStatement ps =
            c.prepareStatement(
                "EXPLAIN (ANALYZE, FORMAT JSON) SELECT v.id, ts_rank(v.search_vector, q.query) AS"
                    + " rank, count(*) OVER () AS total FROM policy_version v CROSS JOIN (SELECT"
                    + " CAST(? AS tsquery) AS query) q WHERE v.is_current AND v.search_vector @@"
                    + " q.query ORDER BY rank DESC, v.effective_from DESC, v.id DESC LIMIT 20"
                    + " OFFSET 0")) {
          ps.setString(1, "(('孤儿'))");
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            plan = new ObjectMapper().readTree(rs.getString(1)).get(0).get("Plan");
          }
        }
        List<JsonNode> scans = new ArrayList<>();
        collect(plan, scans);
        assertThat(allRows).isGreaterThan(2000);
        assertThat(matchingRows).isBetween(5L, 20L);
        assertThat(scans)
            .as("plan: %s", plan)
            .anySatisfy(
                node -> {
                  assertThat(node.get("Node Type").asText()).isEqualTo("Bitmap Index Scan");
                  assertThat(node.get("Index Name").asText())
                      .isEqualTo("policy_version_search_idx");
                  assertThat(node.get("Actual Rows").asDouble()).isEqualTo((double) matchingRows);
                });
      } finally {
        c.rollback();
      }
    }
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    out.add(node);
    if (node.has("Plans")) {
      node.get("Plans").forEach(child -> collect(child, out));
    }
  }

  @Test
  void shouldExplainBadQueriesAsProblems() {
    given()
        .queryParam("q", "")
        .get("/api/v1/policies")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", is("q"))
        .body("errors[0].code", is("QUERY_BLANK"));
    given()
        .queryParam("q", "   ")
        .get("/api/v1/policies")
        .then()
        .statusCode(400)
        .body("errors[0].code", is("QUERY_BLANK"));
    given()
        .queryParam("q", "低".repeat(51))
        .get("/api/v1/policies")
        .then()
        .statusCode(400)
        .body("errors[0].code", is("QUERY_TOO_LONG"));
    given()
        .queryParam("q", "！？…")
        .get("/api/v1/policies")
        .then()
        .statusCode(400)
        .body("errors[0].code", is("QUERY_NO_TERMS"));
    given()
        .queryParam("region", "32abc")
        .get("/api/v1/policies")
        .then()
        .statusCode(400)
        .body("errors[0].field", is("region"));
    given()
        .queryParam("date", "2024-13-01")
        .get("/api/v1/policies")
        .then()
        .statusCode(400)
        .body("errors[0].field", is("date"));
    given()
        .queryParam("size", 101)
        .get("/api/v1/policies")
        .then()
        .statusCode(400)
        .body("errors[0].code", is("PAGE_SIZE_TOO_LARGE"));
  }

  private static long publish(String title, String summary, String body) {
    String admin = Tokens.admin();
    long id =
        given()
            .auth()
            .oauth2(admin)
            .contentType(ContentType.JSON)
            .body(PolicyLookupTest.input(title, summary, body, "371481", "2024-01-01"))
            .post("/api/v1/admin/policies")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/admin/policies/" + id + "/publish")
        .then()
        .statusCode(200);
    return id;
  }
}
