package org.fingertip.marriage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.fingertip.marriage.MarriageFixtures.*;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.fingertip.identity.IdNumber;
import org.fingertip.support.Citizens;
import org.fingertip.support.Db;
import org.junit.jupiter.api.Test;

/**
 * Editing offices, weekly templates and special days: admin or the office's own clerk; booked
 * places survive every edit and a capacity below them is refused; attackers get 404/403/401.
 */
@QuarkusTest
class MarriageAdminTest {

  private static final String OFFICE_BODY =
      """
      {"name": "%s", "regionCode": "%s", "address": "宿迁市宿城区发展大道 66 号便民服务中心",
       "latitude": 33.95, "longitude": 118.30, "phone": "0527-80001111",
       "hours": "周一至周五 8:30-12:00，13:30-17:00", "services": [%s], "releaseDays": 10}
      """;

  private static Response put(String token, String path, String body) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(body)
        .put("/api/v1/staff/marriage/" + path);
  }

  private static Response post(String token, String path, String body) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/staff/marriage/" + path);
  }

  private static Response delete(String token, String path) {
    return given().auth().oauth2(token).delete("/api/v1/staff/marriage/" + path);
  }

  private static Citizens.LoggedIn groom() {
    return Citizens.verified("孙立新", LocalDate.of(1991, 3, 8), IdNumber.Sex.MALE);
  }

  private static String bride() {
    return Citizens.idNumber("321302", LocalDate.of(1995, 9, 9), IdNumber.Sex.FEMALE);
  }

  private static String bookOne(String office, String slot) {
    return book(groom(), office, slot, "MARRIAGE", "钱佳", bride())
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static String template(String office, int weekday, String start) {
    List<Map<String, Object>> list =
        given()
            .auth()
            .oauth2(admin())
            .get("/api/v1/staff/marriage/offices/" + office + "/templates")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    return list.stream()
        .filter(
            t ->
                ((Integer) t.get("weekday")) == weekday
                    && "MARRIAGE".equals(t.get("service"))
                    && ((String) t.get("start")).startsWith(start))
        .map(t -> (String) t.get("id"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void shouldLetAdminAndOwnClerkUpdateAnOfficeAndNobodyElse() {
    String office = office(ALL_SERVICES, 7, 2, "[]");
    String clerk = clerk(office);
    String services = ALL_SERVICES;
    LocalDate far = today().plusDays(23);
    assertThat(slots(office, far, "MARRIAGE")).isEmpty();
    put(admin(), "offices/" + office, OFFICE_BODY.formatted("宿城区婚姻登记处（新址）", "321302", services))
        .then()
        .statusCode(200)
        .body("name", is("宿城区婚姻登记处（新址）"))
        .body("releaseDays", is(10))
        .body("hours", startsWith("周一至周五 8:30"));
    put(clerk, "offices/" + office, OFFICE_BODY.formatted("宿城区婚姻登记处", "321302", services))
        .then()
        .statusCode(200)
        .body("name", is("宿城区婚姻登记处"));
    // the longer release window is planned at once
    assertThat(slots(office, far, "MARRIAGE")).isNotEmpty();
    put(clerk, "offices/" + office, OFFICE_BODY.formatted("宿城区婚姻登记处", "320281", services))
        .then()
        .statusCode(403)
        .body("code", is("REGION_CHANGE_ADMIN_ONLY"));
    put(admin(), "offices/" + office, OFFICE_BODY.formatted("宿城区婚姻登记处", "321302", "\"MARRIAGE\""))
        .then()
        .statusCode(409)
        .body("code", is("SERVICE_HAS_TEMPLATES"));
    put(admin(), "offices/" + office, OFFICE_BODY.formatted("", "321302", services))
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("name"));

    // attackers: another office's clerk, a citizen, nobody
    String otherClerk = clerk(office(ALL_SERVICES, 7, 1, "[]"));
    put(otherClerk, "offices/" + office, OFFICE_BODY.formatted("被篡改", "321302", services))
        .then()
        .statusCode(404)
        .body("code", is("OFFICE_NOT_FOUND"));
    put(
            Citizens.login().accessToken(),
            "offices/" + office,
            OFFICE_BODY.formatted("被篡改", "321302", services))
        .then()
        .statusCode(403);
    given()
        .contentType(ContentType.JSON)
        .body(OFFICE_BODY.formatted("被篡改", "321302", services))
        .put("/api/v1/staff/marriage/offices/" + office)
        .then()
        .statusCode(401);
    assertThat(
            Db.query("SELECT name FROM marriage_office WHERE id = ?::uuid", office)
                .get(0)
                .get("name"))
        .isEqualTo("宿城区婚姻登记处");
  }

  @Test
  void shouldChangeTemplatesWithoutDroppingBookings() {
    String office = office(ALL_SERVICES, 7, 2, "[]");
    String clerk = clerk(office);
    LocalDate day = weekdayAfter(1);
    int weekday = day.getDayOfWeek().getValue();
    String nine = slot(office, day, "MARRIAGE", "09:00");
    String booking = bookOne(office, nine);
    bookOne(office, nine);
    String t9 = template(office, weekday, "09:00");

    // a capacity below the two booked places is refused, and nothing changes
    String body =
        "{\"weekday\": %d, \"start\": \"09:00\", \"end\": \"10:00\", \"service\": \"MARRIAGE\","
            + " \"capacity\": %d}";
    put(clerk, "offices/" + office + "/templates/" + t9, body.formatted(weekday, 1))
        .then()
        .statusCode(409)
        .body("code", is("CAPACITY_BELOW_BOOKED"))
        .body("date", is(day.toString()))
        .body("booked", is(2));
    assertThat(slots(office, day, "MARRIAGE").get(0).get("capacity")).isEqualTo(2);
    put(clerk, "offices/" + office + "/templates/" + t9, body.formatted(weekday, 5))
        .then()
        .statusCode(200)
        .body("capacity", is(5));
    assertThat(slots(office, day, "MARRIAGE").get(0))
        .containsEntry("capacity", 5)
        .containsEntry("remaining", 3);
    assertThat(slots(office, day.plusDays(7), "MARRIAGE").get(0)).containsEntry("capacity", 5);

    // a new window for that weekday, but not one overlapping another
    String afternoon =
        "{\"weekday\": %d, \"start\": \"%s\", \"end\": \"%s\", \"service\": \"MARRIAGE\","
            + " \"capacity\": 4}";
    post(clerk, "offices/" + office + "/templates", afternoon.formatted(weekday, "14:00", "15:00"))
        .then()
        .statusCode(201)
        .body("weekday", is(weekday));
    assertThat(slots(office, day, "MARRIAGE").stream().map(s -> s.get("start")))
        .anyMatch(s -> ((String) s).startsWith("14:00"));
    post(clerk, "offices/" + office + "/templates", afternoon.formatted(weekday, "14:30", "15:30"))
        .then()
        .statusCode(409)
        .body("code", is("TEMPLATE_OVERLAPS"));
    post(
            clerk,
            "offices/" + office + "/templates",
            "{\"weekday\": 8, \"start\": \"16:00\", \"end\": \"15:00\", \"service\": \"MARRIAGE\","
                + " \"capacity\": 0}")
        .then()
        .statusCode(400)
        .body("errors.field", hasItems("weekday", "end", "capacity"));

    // removing the 09:00 window: the booked slot stays (closed to new bookings), the empty one goes
    delete(clerk, "offices/" + office + "/templates/" + t9).then().statusCode(204);
    assertThat(slots(office, day, "MARRIAGE").get(0))
        .containsEntry("id", nine)
        .containsEntry("capacity", 2)
        .containsEntry("remaining", 0);
    assertThat(slots(office, day.plusDays(7), "MARRIAGE").stream().map(s -> s.get("start")))
        .noneMatch(s -> ((String) s).startsWith("09:00"));
    assertThat(
            Db.query("SELECT status FROM marriage_appointment WHERE id = ?::uuid", booking)
                .get(0)
                .get("status"))
        .isEqualTo("BOOKED");

    // attackers
    String otherClerk = clerk(office(ALL_SERVICES, 7, 1, "[]"));
    given()
        .auth()
        .oauth2(otherClerk)
        .get("/api/v1/staff/marriage/offices/" + office + "/templates")
        .then()
        .statusCode(404);
    String t10 = template(office, weekday, "10:00");
    put(otherClerk, "offices/" + office + "/templates/" + t10, body.formatted(weekday, 9))
        .then()
        .statusCode(404);
    delete(otherClerk, "offices/" + office + "/templates/" + t10).then().statusCode(404);
    String foreignOffice = office(ALL_SERVICES, 7, 1, "[]");
    delete(admin(), "offices/" + foreignOffice + "/templates/" + t10)
        .then()
        .statusCode(404)
        .body("code", is("TEMPLATE_NOT_FOUND"));
    given()
        .auth()
        .oauth2(Citizens.login().accessToken())
        .get("/api/v1/staff/marriage/offices/" + office + "/templates")
        .then()
        .statusCode(403);
  }

  @Test
  void shouldEditSpecialDaysKeepingBookedPlaces() {
    String office = office(ALL_SERVICES, 7, 1, "[]");
    String clerk = clerk(office);
    LocalDate day = weekdayAfter(2);
    String body =
        "{\"date\": \"%s\", \"name\": \"%s\", \"extraCapacity\": %d, \"extendedUntil\": %s}";
    String id =
        post(clerk, "offices/" + office + "/special-days", body.formatted(day, "十全十美", 1, "null"))
            .then()
            .statusCode(201)
            .body("mode", is("FIRST_COME"))
            .body("extraCapacity", is(1))
            .extract()
            .path("id");
    Map<String, Object> first = slots(office, day, "MARRIAGE").get(0);
    assertThat(first).containsEntry("capacity", 2).containsEntry("special", "十全十美");
    post(clerk, "offices/" + office + "/special-days", body.formatted(day, "重复", 0, "null"))
        .then()
        .statusCode(409)
        .body("code", is("SPECIAL_DAY_EXISTS"));
    post(
            clerk,
            "offices/" + office + "/special-days",
            body.formatted(today().minusDays(1), "昨天", 0, "null"))
        .then()
        .statusCode(400)
        .body("errors[0].code", is("SPECIAL_DAY_IN_PAST"));
    post(
            clerk,
            "offices/" + office + "/special-days",
            "{\"date\": \"" + day.plusDays(1) + "\", \"name\": \"摇号\", \"mode\": \"LOTTERY\"}")
        .then()
        .statusCode(400)
        .body("errors.field", hasItems("registrationCloses", "drawAt", "confirmHours"));

    // both places booked: the extra place can no longer be taken away, nor the day removed
    String slot = (String) first.get("id");
    bookOne(office, slot);
    bookOne(office, slot);
    put(clerk, "offices/" + office + "/special-days/" + id, body.formatted(day, "十全十美", 0, "null"))
        .then()
        .statusCode(409)
        .body("code", is("CAPACITY_BELOW_BOOKED"));
    delete(clerk, "offices/" + office + "/special-days/" + id)
        .then()
        .statusCode(409)
        .body("code", is("CAPACITY_BELOW_BOOKED"));
    assertThat(booked(slot)).isEqualTo(2);

    // extended hours add a window; more places are always fine
    put(
            clerk,
            "offices/" + office + "/special-days/" + id,
            body.formatted(day, "十全十美", 3, "\"17:30\""))
        .then()
        .statusCode(200)
        .body("extraCapacity", is(3));
    List<Map<String, Object>> after = slots(office, day, "MARRIAGE");
    assertThat(after.get(0)).containsEntry("capacity", 4).containsEntry("remaining", 2);
    assertThat(after.stream().map(s -> s.get("end")))
        .anyMatch(e -> ((String) e).startsWith("17:30"));
    given()
        .auth()
        .oauth2(clerk)
        .get("/api/v1/staff/marriage/offices/" + office + "/special-days")
        .then()
        .statusCode(200)
        .body("size()", is(1))
        .body("[0].name", is("十全十美"));

    // a day without bookings can go, and its extra places with it
    LocalDate free = weekdayAfter(4);
    String freeId =
        post(admin(), "offices/" + office + "/special-days", body.formatted(free, "加号", 2, "null"))
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    assertThat(slots(office, free, "MARRIAGE").get(0)).containsEntry("capacity", 3);
    delete(admin(), "offices/" + office + "/special-days/" + freeId).then().statusCode(204);
    assertThat(slots(office, free, "MARRIAGE").get(0)).containsEntry("capacity", 1);

    // attackers
    String otherClerk = clerk(office(ALL_SERVICES, 7, 1, "[]"));
    put(
            otherClerk,
            "offices/" + office + "/special-days/" + id,
            body.formatted(day, "篡改", 9, "null"))
        .then()
        .statusCode(404);
    delete(otherClerk, "offices/" + office + "/special-days/" + id).then().statusCode(404);
    post(
            Citizens.login().accessToken(),
            "offices/" + office + "/special-days",
            body.formatted(day.plusDays(3), "篡改", 9, "null"))
        .then()
        .statusCode(403);
  }
}
