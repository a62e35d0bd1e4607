package org.fingertip.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.fingertip.support.Tokens;
import org.junit.jupiter.api.Test;

/** The reference data every feature uses, as served over HTTP from the migrations. */
@QuarkusTest
class CalendarAndRegionTest {

  @Test
  void shouldServeTheSeededHolidayCalendar() {
    given()
        .get("/api/v1/calendar/2026")
        .then()
        .statusCode(200)
        .body("year", is(2026))
        .body("days.find { it.date == '2026-02-14' }.kind", is("WORKDAY"))
        .body("days.find { it.date == '2026-02-16' }.name", is("春节"))
        .body("days.find { it.date == '2026-10-10' }.kind", is("WORKDAY"));
    given()
        .get("/api/v1/calendar/2025")
        .then()
        .statusCode(200)
        .body("days.find { it.date == '2025-01-26' }.kind", is("WORKDAY"));
  }

  @Test
  void shouldComputeDueDatesAcrossSpringFestivalFromTheDatabaseCalendar() {
    given()
        .queryParam("from", "2026-02-12")
        .queryParam("days", 3)
        .get("/api/v1/calendar/working-days")
        .then()
        .statusCode(200)
        .body("due", is("2026-02-24"));
    given()
        .queryParam("from", "2026-02-12")
        .queryParam("days", 2)
        .get("/api/v1/calendar/working-days")
        .then()
        .statusCode(200)
        .body("due", is("2026-02-14"));
    given()
        .queryParam("from", "2026-02-31")
        .queryParam("days", 2)
        .get("/api/v1/calendar/working-days")
        .then()
        .statusCode(400)
        .body("errors[0].field", is("from"));
  }

  @Test
  void shouldLetOnlyAdminsEditTheCalendar() {
    String year2030 =
        "{\"days\": [{\"date\": \"2030-01-01\", \"kind\": \"HOLIDAY\", \"name\": \"元旦\"},"
            + " {\"date\": \"2030-01-05\", \"kind\": \"WORKDAY\", \"name\": \"调休上班\"}]}";
    given()
        .contentType(ContentType.JSON)
        .body(year2030)
        .put("/api/v1/admin/calendar/2030")
        .then()
        .statusCode(401);
    given()
        .auth()
        .oauth2(Tokens.citizen("c-cal"))
        .contentType(ContentType.JSON)
        .body(year2030)
        .put("/api/v1/admin/calendar/2030")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(Tokens.admin())
        .contentType(ContentType.JSON)
        .body(year2030)
        .put("/api/v1/admin/calendar/2030")
        .then()
        .statusCode(200)
        .body("days", hasSize(2));
    given()
        .get("/api/v1/calendar/2030")
        .then()
        .body("days.date", contains("2030-01-01", "2030-01-05"));
    // a make-up workday must be a weekend day; dates must be in the year
    given()
        .auth()
        .oauth2(Tokens.admin())
        .contentType(ContentType.JSON)
        .body(
            "{\"days\": [{\"date\": \"2030-01-07\", \"kind\": \"WORKDAY\", \"name\": \"错\"},"
                + " {\"date\": \"2031-01-01\", \"kind\": \"HOLIDAY\", \"name\": \"错\"}]}")
        .put("/api/v1/admin/calendar/2030")
        .then()
        .statusCode(400)
        .body("errors.code", hasItems("WORKDAY_NOT_WEEKEND", "WRONG_YEAR"));
    given().get("/api/v1/calendar/2030").then().body("days", hasSize(2));
  }

  @Test
  void shouldBrowseTheRegionTree() {
    given()
        .get("/api/v1/regions")
        .then()
        .statusCode(200)
        .body("items.name", hasItems("江苏省", "安徽省", "山东省"))
        .body("total", greaterThanOrEqualTo(3));
    given()
        .queryParam("parent", "321300")
        .get("/api/v1/regions")
        .then()
        .statusCode(200)
        .body("items.name", hasItems("宿城区", "沭阳县"));
    given()
        .get("/api/v1/regions/340207")
        .then()
        .statusCode(200)
        .body("name", is("鸠江区"))
        .body("level", is("COUNTY"))
        .body("fullName", is("安徽省芜湖市鸠江区"))
        .body("lineage", contains("340000", "340200", "340207"));
    given()
        .get("/api/v1/regions/999999")
        .then()
        .statusCode(404)
        .body("code", is("REGION_NOT_FOUND"));
    given()
        .get("/api/v1/regions/abc")
        .then()
        .statusCode(400)
        .body("errors[0].code", is("REGION_CODE_INVALID"));
  }

  @Test
  void shouldRefuseRegionsThatDoNotFitTheTree() {
    String admin = Tokens.admin();
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body("{\"code\": \"371402555\", \"name\": \"某街道\", \"parentCode\": \"321302\"}")
        .post("/api/v1/admin/regions")
        .then()
        .statusCode(400)
        .body("errors[0].code", is("REGION_PARENT_MISMATCH"));
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body("{\"code\": \"999999001\", \"name\": \"某街道\"}")
        .post("/api/v1/admin/regions")
        .then()
        .statusCode(400)
        .body("errors[0].code", is("REGION_PARENT_NOT_FOUND"));
  }
}
