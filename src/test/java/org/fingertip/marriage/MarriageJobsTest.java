package org.fingertip.marriage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.fingertip.marriage.MarriageFixtures.*;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import org.fingertip.identity.IdNumber;
import org.fingertip.platform.web.AppClock;
import org.fingertip.support.Citizens;
import org.fingertip.support.Concurrently;
import org.fingertip.support.Db;
import org.junit.jupiter.api.Test;

/**
 * The marriage jobs — day-before reminders, the cooling-off window opening, divorce lapse, waitlist
 * hold expiry — each triggered twice at once (as two instances would) and moving its item once.
 */
@QuarkusTest
class MarriageJobsTest {

  @Inject AppClock clock;
  @Inject ReminderService reminders;
  @Inject DivorceService divorces;
  @Inject WaitlistOffers offers;

  private void at(LocalDate day, LocalTime time) {
    clock.travelTo(day.atTime(time).atZone(ZONE).toInstant());
  }

  private static Citizens.LoggedIn man(String name) {
    return Citizens.verified(name, LocalDate.of(1989, 5, 20), IdNumber.Sex.MALE);
  }

  private static Citizens.LoggedIn woman(String name) {
    return Citizens.verified(name, LocalDate.of(1991, 11, 2), IdNumber.Sex.FEMALE);
  }

  private static long outbox(String dedupKey) {
    return Db.count("SELECT count(*) FROM notification_outbox WHERE dedup_key = ?", dedupKey);
  }

  private static String appointmentId(io.restassured.response.Response booking) {
    return booking.then().statusCode(201).extract().path("id");
  }

  @Test
  void shouldRecordEachDayBeforeReminderOnceWhenTriggeredTwiceAtOnce() throws Exception {
    String office = office(ALL_SERVICES, 7, 3, "[]");
    LocalDate day = weekdayAfter(2);
    Citizens.LoggedIn groom = man("蒋立新");
    Citizens.LoggedIn bride = woman("沈梦瑶");
    String appointment =
        appointmentId(
            book(
                groom,
                office,
                slot(office, day, "MARRIAGE", "09:00"),
                "MARRIAGE",
                "沈梦瑶",
                bride.idNumber()));
    try {
      at(day.minusDays(2), LocalTime.of(18, 0));
      Concurrently.twice(() -> reminders.sendDue());
      assertThat(outbox("marriage:" + appointment + ":eve:" + groom.id())).isZero();

      at(day.minusDays(1), LocalTime.of(18, 0));
      Concurrently.twice(() -> reminders.sendDue());
    } finally {
      clock.reset();
    }
    assertThat(outbox("marriage:" + appointment + ":eve:" + groom.id())).isEqualTo(1);
    assertThat(outbox("marriage:" + appointment + ":eve:" + bride.id())).isEqualTo(1);
  }

  @Test
  void shouldOpenTheCertificateWindowAndLapseOnceWhenTriggeredTwiceAtOnce() throws Exception {
    LocalDate filed = weekdayAfter(2);
    String office = office(ALL_SERVICES, 7, 3, "[]");
    String clerk = clerk(office);
    Citizens.LoggedIn husband = man("袁国强");
    Citizens.LoggedIn wife = woman("邱丽萍");
    String appointment =
        appointmentId(
            book(
                wife,
                office,
                slot(office, filed, "DIVORCE_APPLICATION", "09:00"),
                "DIVORCE_APPLICATION",
                "袁国强",
                husband.idNumber()));
    String checkInToken =
        given()
            .auth()
            .oauth2(wife.accessToken())
            .get("/api/v1/marriage/appointments/" + appointment)
            .then()
            .statusCode(200)
            .extract()
            .path("checkInToken");
    String application;
    try {
      at(filed, LocalTime.of(9, 20));
      given()
          .auth()
          .oauth2(clerk)
          .contentType(ContentType.JSON)
          .body("{\"token\": \"" + checkInToken + "\"}")
          .post("/api/v1/staff/marriage/check-ins")
          .then()
          .statusCode(200);
      application =
          (String)
              Db.query(
                      "SELECT CAST(id AS text) AS id FROM marriage_divorce_application"
                          + " WHERE appointment_id = ?::uuid",
                      appointment)
                  .get(0)
                  .get("id");

      // day 31: the window opens, both spouses are told once
      at(filed.plusDays(31), LocalTime.of(7, 0));
      Concurrently.twice(() -> reminders.sendDue());
      for (Citizens.LoggedIn spouse : List.of(husband, wife)) {
        assertThat(
                outbox(
                    "divorce:" + application + ":DIVORCE_CERTIFICATE_WINDOW_OPEN:" + spouse.id()))
            .isEqualTo(1);
      }

      // day 61 without a certificate: the application lapses, changed by one of the two runs
      at(filed.plusDays(61), LocalTime.of(0, 5));
      long due =
          Db.count(
              "SELECT count(*) FROM marriage_divorce_application WHERE status = 'FILED'"
                  + " AND filed_on < ?",
              Date.valueOf(clock.today().minusDays(60)));
      List<Integer> lapsed = Concurrently.twice(() -> divorces.lapseOverdue());
      assertThat(due).isPositive();
      assertThat(lapsed.get(0) + lapsed.get(1)).isEqualTo((int) due);
    } finally {
      clock.reset();
    }
    assertThat(
            Db.query(
                "SELECT status FROM marriage_divorce_application WHERE id = ?::uuid", application))
        .extracting(r -> r.get("status"))
        .containsExactly("LAPSED");
  }

  @Test
  void shouldPassAnExpiredHoldOnOnceWhenTriggeredTwiceAtOnce() throws Exception {
    String office = office(ALL_SERVICES, 7, 1, "[]");
    LocalDate day = weekdayAfter(1);
    String slot = slot(office, day, "MARRIAGE", "09:00");
    Citizens.LoggedIn first = man("贾文涛");
    String booking = appointmentId(book(first, office, slot, "MARRIAGE", "罗静怡", bride()));
    Citizens.LoggedIn b = man("孔祥瑞");
    Citizens.LoggedIn c = man("白振宇");
    String entryB = join(b, slot);
    String entryC = join(c, slot);
    given()
        .auth()
        .oauth2(first.accessToken())
        .delete("/api/v1/marriage/appointments/" + booking)
        .then()
        .statusCode(200);
    assertThat(entryStatus(entryB)).isEqualTo("OFFERED");
    try {
      clock.setOffset(Duration.ofMinutes(31));
      Concurrently.twice(() -> offers.expireHolds());
    } finally {
      clock.reset();
    }
    assertThat(entryStatus(entryB)).isEqualTo("EXPIRED");
    assertThat(entryStatus(entryC)).isEqualTo("OFFERED");
    assertThat(
            Db.count(
                "SELECT count(*) FROM notification_outbox WHERE recipient_id = ?::uuid"
                    + " AND template = 'MARRIAGE_WAITLIST_OFFER'",
                c.id()))
        .isEqualTo(1);
    // the place went on to c, not back to the slot
    assertThat(booked(slot)).isEqualTo(1);
  }

  private static String bride() {
    return Citizens.idNumber("321302", LocalDate.of(1995, 3, 15), IdNumber.Sex.FEMALE);
  }

  private static String join(Citizens.LoggedIn who, String slot) {
    return given()
        .auth()
        .oauth2(who.accessToken())
        .contentType(ContentType.JSON)
        .body(
            "{\"service\": \"MARRIAGE\", \"partner\": {\"realName\": \"罗静怡\", \"idNumber\": \""
                + bride()
                + "\"}}")
        .post("/api/v1/marriage/slots/" + slot + "/waitlist")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static String entryStatus(String entry) {
    return (String)
        Db.query("SELECT status FROM marriage_waitlist WHERE id = ?::uuid", UUID.fromString(entry))
            .get(0)
            .get("status");
  }
}
