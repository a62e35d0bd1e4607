package org.fingertip.marriage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.fingertip.marriage.MarriageFixtures.*;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.fingertip.identity.IdNumber;
import org.fingertip.platform.web.AppClock;
import org.fingertip.support.Citizens;
import org.fingertip.support.Db;
import org.fingertip.support.Tokens;
import org.junit.jupiter.api.Test;

/** Calendar and special days, the counter (roster, check-in, no-shows), divorce cooling-off. */
@QuarkusTest
class MarriageDeskTest {

  @Inject AppClock clock;
  @Inject ReminderService reminders;

  private void sendReminders() throws Throwable {
    io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> reminders.sendDue());
  }

  private static long outboxRows(Citizens.LoggedIn who, String template) {
    return Db.count(
        "SELECT count(*) FROM notification_outbox WHERE recipient_id = ?::uuid AND template = ?",
        who.id(),
        template);
  }

  @Test
  void shouldRemindBothSpousesTheDayBeforeOnce() throws Throwable {
    String office = office(ALL_SERVICES, 7, 3, "[]");
    LocalDate day = weekdayAfter(1);
    Citizens.LoggedIn groom = man("黄志明");
    Citizens.LoggedIn bride = woman("何静");
    book(groom, office, slot(office, day, "MARRIAGE", "09:00"), "MARRIAGE", "何静", bride.idNumber())
        .then()
        .statusCode(201);
    assertThat(outboxRows(bride, "MARRIAGE_BOOKED_WITH_YOU")).isEqualTo(1);
    at(day.minusDays(1), LocalTime.of(18, 0));
    try {
      sendReminders();
      sendReminders();
    } finally {
      clock.reset();
    }
    assertThat(outboxRows(groom, "MARRIAGE_APPOINTMENT_TOMORROW")).isEqualTo(1);
    assertThat(outboxRows(bride, "MARRIAGE_APPOINTMENT_TOMORROW")).isEqualTo(1);
  }

  private void at(LocalDate day, LocalTime time) {
    clock.travelTo(day.atTime(time).atZone(ZONE).toInstant());
  }

  private static Citizens.LoggedIn man(String name) {
    return Citizens.verified(name, LocalDate.of(1990, 4, 12), IdNumber.Sex.MALE);
  }

  private static Citizens.LoggedIn woman(String name) {
    return Citizens.verified(name, LocalDate.of(1992, 9, 3), IdNumber.Sex.FEMALE);
  }

  private static String token(Citizens.LoggedIn who, String appointmentId) {
    return given()
        .auth()
        .oauth2(who.accessToken())
        .get("/api/v1/marriage/appointments/" + appointmentId)
        .then()
        .statusCode(200)
        .extract()
        .path("checkInToken");
  }

  private static io.restassured.response.Response checkIn(String clerk, String token) {
    return given()
        .auth()
        .oauth2(clerk)
        .contentType(ContentType.JSON)
        .body("{\"token\": \"" + token + "\"}")
        .post("/api/v1/staff/marriage/check-ins");
  }

  @Test
  void shouldCloseOnHolidaysOpenOnMakeUpWorkdaysAndHonourSpecialDays() {
    String office =
        office(
            ALL_SERVICES,
            7,
            4,
            """
            [{"date": "2026-09-22", "name": "测试加号日", "extraCapacity": 3, "extendedUntil": "12:00"},
             {"date": "2026-09-26", "name": "为爱加班", "extraCapacity": 2, "opensClosedDay": true}]
            """);
    given()
        .auth()
        .oauth2(admin())
        .contentType(ContentType.JSON)
        .body("{\"from\": \"2026-09-18\", \"to\": \"2026-09-28\"}")
        .post("/api/v1/staff/marriage/offices/" + office + "/slots/generate")
        .then()
        .statusCode(200)
        .body("slotsWritten", greaterThan(0));
    // 09-19 a plain Saturday, 09-25 中秋节 (a Friday): closed
    assertThat(slots(office, LocalDate.of(2026, 9, 19), "MARRIAGE")).isEmpty();
    assertThat(slots(office, LocalDate.of(2026, 9, 25), "MARRIAGE")).isEmpty();
    // 09-20 a Sunday make-up workday (国庆节调休上班): open with the normal pattern
    assertThat(slots(office, LocalDate.of(2026, 9, 20), "MARRIAGE"))
        .extracting(s -> s.get("capacity"))
        .containsExactly(4, 4);
    // a special day adds places and an extra window until 12:00
    List<Map<String, Object>> special = slots(office, LocalDate.of(2026, 9, 22), "MARRIAGE");
    assertThat(special).extracting(s -> s.get("capacity")).containsExactly(7, 7, 7);
    assertThat(special).extracting(s -> s.get("special")).containsOnly("测试加号日");
    assertThat((String) special.get(2).get("end")).startsWith("12:00");
    // a special day opens a holiday Saturday (为爱加班)
    assertThat(slots(office, LocalDate.of(2026, 9, 26), "MARRIAGE"))
        .extracting(s -> s.get("capacity"))
        .containsExactly(6, 6);
    // only admins set up offices; a clerk of another office cannot generate here
    given()
        .auth()
        .oauth2(clerk(office(ALL_SERVICES, 7, 1, "[]")))
        .contentType(ContentType.JSON)
        .body("{\"from\": \"2026-09-18\", \"to\": \"2026-09-28\"}")
        .post("/api/v1/staff/marriage/offices/" + office + "/slots/generate")
        .then()
        .statusCode(404);
    given()
        .auth()
        .oauth2(clerk(office))
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/staff/marriage/offices")
        .then()
        .statusCode(403);
  }

  @Test
  void shouldCheckInOnceAtTheRightOfficeOnTheDayAndUnmaskTheRoster() {
    String office = office(ALL_SERVICES, 7, 3, "[]");
    String otherOffice = office(ALL_SERVICES, 7, 3, "[]");
    String clerk = clerk(office);
    String otherClerk = clerk(otherOffice);
    LocalDate day = weekdayAfter(1);
    Citizens.LoggedIn groom = man("陈建国");
    String id =
        book(
                groom,
                office,
                slot(office, day, "MARRIAGE", "09:00"),
                "MARRIAGE",
                "林小雨",
                Citizens.idNumber("321302", LocalDate.of(1996, 2, 2), IdNumber.Sex.FEMALE))
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String token = token(groom, id);

    given()
        .auth()
        .oauth2(clerk)
        .queryParam("officeId", office)
        .queryParam("date", day.toString())
        .get("/api/v1/staff/marriage/roster")
        .then()
        .statusCode(200)
        .body("entries.find { it.appointmentId == '" + id + "' }.applicantName", is("陈*国"))
        .body("entries.find { it.appointmentId == '" + id + "' }.partnerName", is("林*雨"));
    given()
        .auth()
        .oauth2(otherClerk)
        .queryParam("officeId", office)
        .queryParam("date", day.toString())
        .get("/api/v1/staff/marriage/roster")
        .then()
        .statusCode(404)
        .body("code", is("OFFICE_NOT_FOUND"));
    given()
        .auth()
        .oauth2(groom.accessToken())
        .queryParam("officeId", office)
        .queryParam("date", day.toString())
        .get("/api/v1/staff/marriage/roster")
        .then()
        .statusCode(403);

    char last = token.charAt(token.length() - 1);
    checkIn(clerk, token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'))
        .then()
        .statusCode(422)
        .body("code", is("CHECK_IN_TOKEN_INVALID"));
    checkIn(clerk, "MR1." + java.util.UUID.randomUUID())
        .then()
        .statusCode(422)
        .body("code", is("CHECK_IN_TOKEN_INVALID"));
    checkIn(otherClerk, token).then().statusCode(409).body("code", is("CHECK_IN_WRONG_OFFICE"));
    checkIn(clerk, token)
        .then()
        .statusCode(409)
        .body("code", is("CHECK_IN_WRONG_DAY"))
        .body("appointmentDate", is(day.toString()));

    at(day, LocalTime.of(8, 50));
    try {
      checkIn(clerk, token)
          .then()
          .statusCode(200)
          .body("status", is("CHECKED_IN"))
          .body("applicantName", is("陈建国"))
          .body("partnerName", is("林小雨"));
      checkIn(clerk, token).then().statusCode(409).body("code", is("CHECK_IN_ALREADY_USED"));
    } finally {
      clock.reset();
    }
    given()
        .auth()
        .oauth2(groom.accessToken())
        .get("/api/v1/me/access-log")
        .then()
        .statusCode(200)
        .body(containsString("婚姻登记"));
  }

  @Test
  void shouldSuspendBookingAfterThreeNoShowsIn180Days() {
    String office = office(ALL_SERVICES, 7, 3, "[]");
    String clerk = clerk(office);
    LocalDate day = weekdayAfter(1);
    String slot = slot(office, day, "MARRIAGE", "09:00");
    Citizens.LoggedIn groom = man("孙志强");
    Object hash =
        Db.query("SELECT id_number_hash FROM citizen WHERE id = ?::uuid", groom.id())
            .get(0)
            .get("id_number_hash");
    for (int daysAgo : new int[] {100, 40}) {
      Db.update(
          "INSERT INTO marriage_appointment (id, office_id, slot_id, day, service, applicant_id,"
              + " applicant_id_hash, status, created_at) VALUES (gen_random_uuid(), ?::uuid,"
              + " ?::uuid, ?, 'MARRIAGE', ?::uuid, ?, 'NO_SHOW', now())",
          office,
          slot,
          today().minusDays(daysAgo),
          groom.id(),
          hash);
    }
    String id =
        book(
                groom,
                office,
                slot,
                "MARRIAGE",
                "周婷",
                Citizens.idNumber("321302", LocalDate.of(1995, 1, 1), IdNumber.Sex.FEMALE))
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    given()
        .auth()
        .oauth2(clerk)
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/staff/marriage/appointments/" + id + "/no-show")
        .then()
        .statusCode(409)
        .body("code", is("NO_SHOW_TOO_EARLY"));
    at(day, LocalTime.of(10, 30));
    try {
      given()
          .auth()
          .oauth2(clerk)
          .contentType(ContentType.JSON)
          .body("{}")
          .post("/api/v1/staff/marriage/appointments/" + id + "/no-show")
          .then()
          .statusCode(200)
          .body("status", is("NO_SHOW"));
    } finally {
      clock.reset();
    }
    book(
            groom,
            office,
            slot(office, day, "MARRIAGE", "10:00"),
            "MARRIAGE",
            "周婷",
            Citizens.idNumber("321302", LocalDate.of(1995, 1, 1), IdNumber.Sex.FEMALE))
        .then()
        .statusCode(409)
        .body("code", is("BOOKING_SUSPENDED"))
        .body("suspendedUntil", is(day.plusDays(30).toString()));
    assertThat(
            Db.count(
                "SELECT count(*) FROM notification_outbox WHERE recipient_id = ?::uuid"
                    + " AND template = 'MARRIAGE_NO_SHOW'",
                groom.id()))
        .isEqualTo(1);
  }

  @Test
  void shouldEnforceTheCoolingOffWindowWithdrawalAndLapse() {
    LocalDate filed = weekdayAfter(2);
    StringBuilder specials = new StringBuilder("[");
    for (int plus : new int[] {30, 31, 60, 61}) {
      specials
          .append(specials.length() > 1 ? "," : "")
          .append("{\"date\": \"")
          .append(filed.plusDays(plus))
          .append("\", \"name\": \"测试开放\", \"opensClosedDay\": true}");
    }
    String office = office(ALL_SERVICES, 90, 3, specials.append("]").toString());
    String clerk = clerk(office);
    Citizens.LoggedIn husband = man("吴海峰");
    Citizens.LoggedIn wife = woman("郑佳");
    String applicationSlot = slot(office, filed, "DIVORCE_APPLICATION", "09:00");
    String appointment =
        book(husband, office, applicationSlot, "DIVORCE_APPLICATION", "郑佳", wife.idNumber())
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    // no certificate before an application is filed at the counter
    book(
            husband,
            office,
            slot(office, filed.plusDays(31), "DIVORCE_CERTIFICATE", "09:00"),
            "DIVORCE_CERTIFICATE",
            "郑佳",
            wife.idNumber())
        .then()
        .statusCode(409)
        .body("code", is("DIVORCE_APPLICATION_REQUIRED"));
    at(filed, LocalTime.of(9, 10));
    try {
      checkIn(clerk, token(husband, appointment)).then().statusCode(200);
    } finally {
      clock.reset();
    }
    String applicationId =
        given()
            .auth()
            .oauth2(wife.accessToken())
            .get("/api/v1/marriage/divorce-applications")
            .then()
            .statusCode(200)
            .body("[0].status", is("FILED"))
            .body("[0].filedOn", is(filed.toString()))
            .body("[0].certificateFrom", is(filed.plusDays(31).toString()))
            .body("[0].certificateUntil", is(filed.plusDays(60).toString()))
            .extract()
            .path("[0].id");

    // day 30: still cooling off; day 31 and day 60 (either spouse books); day 61: too late
    book(
            husband,
            office,
            slot(office, filed.plusDays(30), "DIVORCE_CERTIFICATE", "09:00"),
            "DIVORCE_CERTIFICATE",
            "郑佳",
            wife.idNumber())
        .then()
        .statusCode(409)
        .body("code", is("OUTSIDE_CERTIFICATE_WINDOW"))
        .body("windowStart", is(filed.plusDays(31).toString()))
        .body("windowEnd", is(filed.plusDays(60).toString()))
        .body("detail", containsString(filed.plusDays(31).toString()));
    String first =
        book(
                husband,
                office,
                slot(office, filed.plusDays(31), "DIVORCE_CERTIFICATE", "09:00"),
                "DIVORCE_CERTIFICATE",
                "郑佳",
                wife.idNumber())
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    given()
        .auth()
        .oauth2(husband.accessToken())
        .delete("/api/v1/marriage/appointments/" + first)
        .then()
        .statusCode(200);
    book(
            wife,
            office,
            slot(office, filed.plusDays(60), "DIVORCE_CERTIFICATE", "09:00"),
            "DIVORCE_CERTIFICATE",
            "吴海峰",
            husband.idNumber())
        .then()
        .statusCode(201);
    book(
            husband,
            office,
            slot(office, filed.plusDays(61), "DIVORCE_CERTIFICATE", "09:00"),
            "DIVORCE_CERTIFICATE",
            "郑佳",
            wife.idNumber())
        .then()
        .statusCode(409)
        .body("code", is("ACTIVE_BOOKING_EXISTS"));

    // withdrawal: a stranger cannot; after day 30 nobody can; on day 30 either spouse can
    given()
        .auth()
        .oauth2(man("路人甲").accessToken())
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/marriage/divorce-applications/" + applicationId + "/withdraw")
        .then()
        .statusCode(404);
    at(filed.plusDays(31), LocalTime.of(8, 0));
    try {
      given()
          .auth()
          .oauth2(husband.accessToken())
          .contentType(ContentType.JSON)
          .body("{}")
          .post("/api/v1/marriage/divorce-applications/" + applicationId + "/withdraw")
          .then()
          .statusCode(409)
          .body("code", is("COOLING_OFF_OVER"))
          .body("lastWithdrawalDay", is(filed.plusDays(30).toString()));
      at(filed.plusDays(30), LocalTime.of(20, 0));
      given()
          .auth()
          .oauth2(wife.accessToken())
          .contentType(ContentType.JSON)
          .body("{}")
          .post("/api/v1/marriage/divorce-applications/" + applicationId + "/withdraw")
          .then()
          .statusCode(200)
          .body("status", is("WITHDRAWN"));
    } finally {
      clock.reset();
    }
    assertThat(
            Db.count(
                "SELECT count(*) FROM notification_outbox WHERE recipient_id = ?::uuid"
                    + " AND template = 'DIVORCE_APPLICATION_WITHDRAWN'",
                husband.id()))
        .isEqualTo(1);
  }

  @Test
  void shouldLapseAnApplicationNotFollowedByACertificateByDay60() throws Throwable {
    LocalDate filed = weekdayAfter(2);
    String office = office(ALL_SERVICES, 7, 3, "[]");
    String clerk = clerk(office);
    Citizens.LoggedIn husband = man("钱卫东");
    Citizens.LoggedIn wife = woman("冯丽娟");
    String appointment =
        book(
                wife,
                office,
                slot(office, filed, "DIVORCE_APPLICATION", "09:00"),
                "DIVORCE_APPLICATION",
                "钱卫东",
                husband.idNumber())
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    at(filed, LocalTime.of(9, 30));
    try {
      checkIn(clerk, token(wife, appointment)).then().statusCode(200);
      at(filed.plusDays(31), LocalTime.of(7, 0));
      sendReminders();
      at(filed.plusDays(60), LocalTime.of(12, 0));
      given()
          .auth()
          .oauth2(husband.accessToken())
          .get("/api/v1/marriage/divorce-applications")
          .then()
          .body("[0].status", is("FILED"));
      at(filed.plusDays(61), LocalTime.of(0, 5));
      given()
          .auth()
          .oauth2(husband.accessToken())
          .get("/api/v1/marriage/divorce-applications")
          .then()
          .body("[0].status", is("LAPSED"));
    } finally {
      clock.reset();
    }
    assertThat(outboxRows(husband, "DIVORCE_CERTIFICATE_WINDOW_OPEN")).isEqualTo(1);
    assertThat(outboxRows(wife, "DIVORCE_CERTIFICATE_WINDOW_OPEN")).isEqualTo(1);
  }

  @Test
  void shouldRefuseStaffRoutesWithoutAToken() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"token\": \"x\"}")
        .post("/api/v1/staff/marriage/check-ins")
        .then()
        .statusCode(401);
    given()
        .auth()
        .oauth2(Tokens.citizen(java.util.UUID.randomUUID().toString()))
        .contentType(ContentType.JSON)
        .body("{\"token\": \"x\"}")
        .post("/api/v1/staff/marriage/check-ins")
        .then()
        .statusCode(403);
  }
}
