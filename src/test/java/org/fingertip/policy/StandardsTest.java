package org.fingertip.policy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Standards in force by region and date, inherited from the nearest ancestor that sets them. */
@QuarkusTest
class StandardsTest {

  @Test
  void shouldInheritSuqianDibaoDownToATownshipWithItsHistory() {
    given()
        .queryParam("region", "321302001")
        .queryParam("type", "DIBAO_MONTHLY")
        .queryParam("date", "2024-01-15")
        .get("/api/v1/standards")
        .then()
        .statusCode(200)
        .body("regionCode", is("321302001"))
        .body("regionName", is("江苏省宿迁市宿城区幸福街道"))
        .body("standards", hasSize(1))
        .body("standards[0].type", is("DIBAO_MONTHLY"))
        .body("standards[0].amountFen", is(63000))
        .body("standards[0].setByRegionCode", is("321300"))
        .body("standards[0].setByRegionName", is("宿迁市"))
        .body("standards[0].inherited", is(true))
        .body("standards[0].effectiveFrom", is("2023-07-01"))
        .body("standards[0].sourcePolicy.title", containsString("提高城乡居民最低生活保障"))
        .body("standards[0].history.amountFen", contains(62000, 63000))
        .body("standards[0].history[0].effectiveTo", is("2023-06-30"))
        .body("standards[0].history[1].effectiveTo", nullValue());
  }

  @Test
  void shouldAnswerTheStandardInForceOnEitherSideOfTheChange() {
    given()
        .queryParam("region", "321300")
        .queryParam("type", "DIBAO_MONTHLY")
        .queryParam("date", "2023-06-30")
        .get("/api/v1/standards")
        .then()
        .statusCode(200)
        .body("standards[0].amountFen", is(62000))
        .body("standards[0].effectiveTo", is("2023-06-30"))
        .body("standards[0].inherited", is(false))
        .body("standards[0].sourcePolicy.id", is(2));
    given()
        .queryParam("region", "321300")
        .queryParam("type", "DIBAO_MONTHLY")
        .queryParam("date", "2023-07-01")
        .get("/api/v1/standards")
        .then()
        .statusCode(200)
        .body("standards[0].amountFen", is(63000))
        .body("standards[0].sourcePolicy.id", is(1));
    // before the first standard there is nothing in force
    given()
        .queryParam("region", "321300")
        .queryParam("type", "DIBAO_MONTHLY")
        .queryParam("date", "2021-01-01")
        .get("/api/v1/standards")
        .then()
        .statusCode(200)
        .body("standards", empty());
  }

  @Test
  void shouldNotPublishTheFiguresOfADraftPolicy() {
    // the draft (policy 20) would raise Suqian's DIBAO to 650 元 from 2024-07-01
    given()
        .queryParam("region", "321300")
        .queryParam("type", "DIBAO_MONTHLY")
        .queryParam("date", "2025-01-01")
        .get("/api/v1/standards")
        .then()
        .statusCode(200)
        .body("standards[0].amountFen", is(63000))
        .body("standards[0].history.amountFen", not(hasItem(65000)));
  }

  @Test
  void shouldCombineStandardsOfEveryLevelForJiujiang() {
    given()
        .queryParam("region", "340207001")
        .queryParam("date", "2025-01-01")
        .get("/api/v1/standards")
        .then()
        .statusCode(200)
        .body("standards.find { it.type == 'LONGEVITY_MONTHLY' }.setByRegionCode", is("340000"))
        .body("standards.find { it.type == 'DIBAO_MONTHLY' }.setByRegionCode", is("340200"))
        .body("standards.find { it.type == 'TEKUN_DIBAO_MULTIPLIER' }.factor", is(1.3f))
        .body("standards.find { it.type == 'NURSING_SEMI_MONTHLY' }.amountFen", is(13000))
        .body("standards.find { it.type == 'NURSING_FULL_MONTHLY' }.amountFen", is(20000))
        .body("standards.type", not(hasItem("TEKUN_RURAL_YEARLY")));
  }

  @Test
  void shouldSupportConditionalRequests() {
    String etag =
        given()
            .queryParam("region", "371300")
            .get("/api/v1/standards")
            .then()
            .statusCode(200)
            .header("Cache-Control", containsString("max-age"))
            .extract()
            .header("ETag");
    given()
        .queryParam("region", "371300")
        .header("If-None-Match", etag)
        .get("/api/v1/standards")
        .then()
        .statusCode(304)
        .header("ETag", is(etag));
  }

  @Test
  void shouldRefuseBadParametersWithProblems() {
    given()
        .queryParam("region", "32130")
        .get("/api/v1/standards")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", is("region"))
        .body("errors[0].code", is("REGION_CODE_INVALID"));
    given()
        .queryParam("region", "329900")
        .get("/api/v1/standards")
        .then()
        .statusCode(404)
        .body("code", is("REGION_NOT_FOUND"));
    given()
        .queryParam("region", "321300")
        .queryParam("date", "2023-02-30")
        .get("/api/v1/standards")
        .then()
        .statusCode(400)
        .body("errors[0].field", is("date"));
    given()
        .queryParam("region", "321300")
        .queryParam("type", "DIBAO")
        .get("/api/v1/standards")
        .then()
        .statusCode(400)
        .body("errors[0].field", is("type"));
    given().get("/api/v1/standards").then().statusCode(400).body("errors[0].field", is("region"));
  }
}
