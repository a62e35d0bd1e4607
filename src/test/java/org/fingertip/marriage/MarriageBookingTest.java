package org.fingertip.marriage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.fingertip.marriage.MarriageFixtures.*;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fingertip.identity.IdNumber;
import org.fingertip.platform.web.AppClock;
import org.fingertip.support.Citizens;
import org.fingertip.support.Db;
import org.junit.jupiter.api.Test;

/** Offices, slots and booking: every rule with its code, capacity under concurrency, changes. */
@QuarkusTest
class MarriageBookingTest {

  private static final LocalDate HIM = LocalDate.of(1995, 3, 8);
  private static final LocalDate HER = LocalDate.of(1997, 6, 1);

  @Inject AppClock clock;

  private static Citizens.LoggedIn groom() {
    return Citizens.verified("陈建国", HIM, IdNumber.Sex.MALE);
  }

  private static String brideId() {
    return Citizens.idNumber("321302", HER, IdNumber.Sex.FEMALE);
  }

  @Test
  void shouldListOfficesByRegionAndSlotsWithRemainingPlaces() {
    given()
        .queryParam("region", "320000")
        .queryParam("size", 5)
        .get("/api/v1/marriage/offices")
        .then()
        .statusCode(200)
        .body("page", is(1))
        .body("size", is(5))
        .body("total", greaterThanOrEqualTo(2))
        .body("items.name", hasItems("宿迁市宿城区婚姻登记处", "江阴市婚姻登记处"))
        .body("items.name", not(hasItem("临沂市兰山区婚姻登记处")))
        .body("items.find { it.name == '江阴市婚姻登记处' }.services.label", hasItem("结婚登记"));
    given()
        .queryParam("region", "370000")
        .queryParam("size", 1)
        .queryParam("page", 2)
        .get("/api/v1/marriage/offices")
        .then()
        .statusCode(200)
        .body("items.size()", is(1))
        .body("total", is(2))
        .body("items[0].name", is("德州市德城区婚姻登记处"));
    given()
        .queryParam("size", 101)
        .get("/api/v1/marriage/offices")
        .then()
        .statusCode(400)
        .body("errors[0].field", is("size"));
    String office = office(ALL_SERVICES, 7, 3, "[]");
    LocalDate day = weekdayAfter(1);
    given()
        .queryParam("date", day.toString())
        .queryParam("service", "MARRIAGE")
        .get("/api/v1/marriage/offices/" + office + "/slots")
        .then()
        .statusCode(200)
        .body("size()", is(2))
        .body("[0].start", startsWith("09:00"))
        .body("[0].capacity", is(3))
        .body("[0].remaining", is(3))
        .body("[0].bookable", is(true));
    given()
        .queryParam("date", "2026-02-30")
        .get("/api/v1/marriage/offices/" + office + "/slots")
        .then()
        .statusCode(400)
        .body("errors[0].field", is("date"));
    given()
        .queryParam("date", day.toString())
        .get("/api/v1/marriage/offices/" + java.util.UUID.randomUUID() + "/slots")
        .then()
        .statusCode(404)
        .body("code", is("OFFICE_NOT_FOUND"));
  }

  @Test
  void shouldRefuseEachRuleWithItsOwnCode() {
    String office = office("\"MARRIAGE\", \"REISSUE\"", 3, 5, "[]");
    LocalDate day = weekdayAfter(1);
    String slot = slot(office, day, "MARRIAGE", "09:00");
    String reissueSlot = slot(office, day, "REISSUE", "09:00");
    Citizens.LoggedIn groom = groom();

    // not real-name bound
    book(Citizens.login(), office, slot, "MARRIAGE", "林小雨", brideId())
        .then()
        .statusCode(409)
        .body("code", is("IDENTITY_NOT_VERIFIED"));
    // the partner is missing, or is the applicant himself
    book(groom, office, slot, "MARRIAGE", null, null)
        .then()
        .statusCode(400)
        .body("errors[0].field", is("partner"));
    book(groom, office, slot, "MARRIAGE", "陈建国", groom.idNumber())
        .then()
        .statusCode(400)
        .body("errors[0].code", is("PARTNER_IS_SELF"));
    book(groom, office, slot, "MARRIAGE", "林小雨", "321302199706010000")
        .then()
        .statusCode(400)
        .body("code", is("ID_NUMBER_INVALID"));
    // legal age at the slot date (art. 1047): a man of 21, a woman of 19
    LocalDate young = day.minusYears(22).plusDays(1);
    book(
            Citizens.verified("赵小军", young, IdNumber.Sex.MALE),
            office,
            slot,
            "MARRIAGE",
            "林小雨",
            brideId())
        .then()
        .statusCode(422)
        .body("code", is("UNDER_LEGAL_AGE"))
        .body("party", is("APPLICANT"))
        .body("minimumAge", is(22))
        .body("eligibleFrom", is(young.plusYears(22).toString()));
    book(
            groom,
            office,
            slot,
            "MARRIAGE",
            "林小雨",
            Citizens.idNumber("321302", day.minusYears(20).plusDays(1), IdNumber.Sex.FEMALE))
        .then()
        .statusCode(422)
        .body("code", is("UNDER_LEGAL_AGE"))
        .body("party", is("PARTNER"))
        .body("minimumAge", is(20));
    // the office does not offer the service; the slot is for another service
    book(groom, office, slot, "DIVORCE_APPLICATION", "林小雨", brideId())
        .then()
        .statusCode(409)
        .body("code", is("SERVICE_NOT_OFFERED"));
    book(groom, office, reissueSlot, "MARRIAGE", "林小雨", brideId())
        .then()
        .statusCode(422)
        .body("code", is("SERVICE_MISMATCH"));
    // a slot of another office is not found here
    book(groom, office(ALL_SERVICES, 7, 5, "[]"), slot, "MARRIAGE", "林小雨", brideId())
        .then()
        .statusCode(404)
        .body("code", is("SLOT_NOT_FOUND"));
    // not yet released: 3 days ahead at 00:00
    LocalDate later = day.plusDays(10);
    String admin = admin();
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body(
            "{\"from\": \"" + today().minusDays(14) + "\", \"to\": \"" + later.plusDays(7) + "\"}")
        .post("/api/v1/staff/marriage/offices/" + office + "/slots/generate")
        .then()
        .statusCode(200);
    LocalDate unreleased = weekdayAfter(10);
    book(groom, office, slot(office, unreleased, "MARRIAGE", "09:00"), "MARRIAGE", "林小雨", brideId())
        .then()
        .statusCode(409)
        .body("code", is("NOT_YET_OPEN"))
        .body("opensAt", startsWith(unreleased.minusDays(3) + "T00:00+08:00"));
    // in the past
    LocalDate past = today().minusDays(7);
    while (past.getDayOfWeek().getValue() > 5) {
      past = past.minusDays(1);
    }
    book(groom, office, slot(office, past, "MARRIAGE", "09:00"), "MARRIAGE", "林小雨", brideId())
        .then()
        .statusCode(409)
        .body("code", is("SLOT_IN_PAST"));

    // one active booking per service for either party
    String bride = brideId();
    book(groom, office, slot, "MARRIAGE", "林小雨", bride).then().statusCode(201);
    book(groom, office, slot(office, day, "MARRIAGE", "10:00"), "MARRIAGE", "王芳", brideId())
        .then()
        .statusCode(409)
        .body("code", is("ACTIVE_BOOKING_EXISTS"))
        .body("party", is("APPLICANT"));
    book(groom(), office, slot(office, day, "MARRIAGE", "10:00"), "MARRIAGE", "林小雨", bride)
        .then()
        .statusCode(409)
        .body("code", is("ACTIVE_BOOKING_EXISTS"))
        .body("party", is("PARTNER"));
    // nothing half-written: one appointment, one place taken
    assertThat(
            Db.count("SELECT count(*) FROM marriage_appointment WHERE office_id = ?::uuid", office))
        .isEqualTo(1);
    assertThat(booked(slot)).isEqualTo(1);
  }

  @Test
  void shouldNeverOverbookUnderConcurrentRequests() throws Exception {
    int capacity = 5;
    String office = office(ALL_SERVICES, 7, capacity, "[]");
    LocalDate day = weekdayAfter(2);
    String slot = slot(office, day, "MARRIAGE", "09:00");
    int attempts = 40;
    List<Citizens.LoggedIn> grooms = new ArrayList<>();
    for (int i = 0; i < attempts; i++) {
      grooms.add(groom());
    }
    ExecutorService pool = Executors.newFixedThreadPool(attempts);
    try {
      List<Callable<Response>> calls = new ArrayList<>();
      for (Citizens.LoggedIn g : grooms) {
        calls.add(() -> book(g, office, slot, "MARRIAGE", "林小雨", brideId()));
      }
      List<Response> responses = new ArrayList<>();
      for (Future<Response> f : pool.invokeAll(calls)) {
        responses.add(f.get());
      }
      List<Integer> statuses = responses.stream().map(Response::statusCode).toList();
      assertThat(statuses).filteredOn(s -> s == 201).hasSize(capacity);
      assertThat(statuses).filteredOn(s -> s == 409).hasSize(attempts - capacity);
      responses.stream()
          .filter(r -> r.statusCode() == 409)
          .forEach(
              r -> {
                assertThat(r.jsonPath().getString("code")).isEqualTo("SLOT_FULL");
                assertThat(r.jsonPath().getList("nextAvailable.id"))
                    .isNotEmpty()
                    .doesNotContain(slot);
              });
    } finally {
      pool.shutdown();
    }
    assertThat(booked(slot)).isEqualTo(capacity);
    assertThat(Db.count("SELECT count(*) FROM marriage_appointment WHERE slot_id = ?::uuid", slot))
        .isEqualTo(capacity);
    given()
        .queryParam("date", day.toString())
        .queryParam("service", "MARRIAGE")
        .get("/api/v1/marriage/offices/" + office + "/slots")
        .then()
        .body("find { it.id == '" + slot + "' }.remaining", is(0))
        .body("find { it.id == '" + slot + "' }.bookable", is(false));
  }

  @Test
  void shouldReturnTheSameBookingForAnIdempotentRetry() {
    String office = office(ALL_SERVICES, 7, 5, "[]");
    String slot = slot(office, weekdayAfter(1), "MARRIAGE", "09:00");
    Citizens.LoggedIn groom = groom();
    String body =
        ("{\"officeId\": \"%s\", \"slotId\": \"%s\", \"service\": \"MARRIAGE\", \"partner\":"
                + " {\"realName\": \"林小雨\", \"idNumber\": \"%s\"}}")
            .formatted(office, slot, brideId());
    String first =
        given()
            .auth()
            .oauth2(groom.accessToken())
            .header("Idempotency-Key", "book-" + groom.id())
            .contentType(ContentType.JSON)
            .body(body)
            .post("/api/v1/marriage/appointments")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    given()
        .auth()
        .oauth2(groom.accessToken())
        .header("Idempotency-Key", "book-" + groom.id())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/marriage/appointments")
        .then()
        .statusCode(201)
        .header("Idempotent-Replayed", "true")
        .body("id", is(first));
    assertThat(booked(slot)).isEqualTo(1);
  }

  @Test
  void shouldShowTheBookingToBothSpousesOnlyAndCancelFreeingThePlace() {
    String office = office(ALL_SERVICES, 7, 1, "[]");
    String slot = slot(office, weekdayAfter(1), "MARRIAGE", "09:00");
    Citizens.LoggedIn groom = groom();
    Citizens.LoggedIn bride = Citizens.verified("林小雨", HER, IdNumber.Sex.FEMALE);
    String id =
        book(groom, office, slot, "MARRIAGE", "林小雨", bride.idNumber())
            .then()
            .statusCode(201)
            .body("status", is("BOOKED"))
            .body("partnerName", is("林*雨"))
            .body("partnerIdNumber", not(containsString(bride.idNumber().substring(6, 14))))
            .body("checkInToken", startsWith("MR1."))
            .extract()
            .path("id");
    // the partner, a citizen, sees it; the stored partner ID is encrypted
    given()
        .auth()
        .oauth2(bride.accessToken())
        .get("/api/v1/marriage/appointments")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(id))
        .body("items.find { it.id == '" + id + "' }.role", is("PARTNER"));
    assertThat(
            Db.query("SELECT partner_id_enc FROM marriage_appointment WHERE id = ?::uuid", id)
                .get(0)
                .get("partner_id_enc")
                .toString())
        .doesNotContain(bride.idNumber());
    // another citizen: 404 on read and on cancel
    Citizens.LoggedIn stranger = groom();
    given()
        .auth()
        .oauth2(stranger.accessToken())
        .get("/api/v1/marriage/appointments/" + id)
        .then()
        .statusCode(404)
        .body("code", is("APPOINTMENT_NOT_FOUND"));
    given()
        .auth()
        .oauth2(stranger.accessToken())
        .delete("/api/v1/marriage/appointments/" + id)
        .then()
        .statusCode(404);
    given().get("/api/v1/marriage/appointments/" + id).then().statusCode(401);
    // the slot is full, a cancel frees it at once
    book(stranger, office, slot, "MARRIAGE", "王芳", brideId())
        .then()
        .statusCode(409)
        .body("code", is("SLOT_FULL"));
    given()
        .auth()
        .oauth2(groom.accessToken())
        .delete("/api/v1/marriage/appointments/" + id)
        .then()
        .statusCode(200)
        .body("status", is("CANCELLED"))
        .body("checkInToken", nullValue());
    assertThat(booked(slot)).isZero();
    book(stranger, office, slot, "MARRIAGE", "王芳", brideId()).then().statusCode(201);
    given()
        .auth()
        .oauth2(groom.accessToken())
        .delete("/api/v1/marriage/appointments/" + id)
        .then()
        .statusCode(409)
        .body("code", is("APPOINTMENT_NOT_ACTIVE"));
  }

  @Test
  void shouldRescheduleAtomicallyAndKeepTheOldBookingWhenTheNewSlotIsFull() {
    String office = office(ALL_SERVICES, 7, 1, "[]");
    LocalDate day = weekdayAfter(1);
    String nine = slot(office, day, "MARRIAGE", "09:00");
    String ten = slot(office, day, "MARRIAGE", "10:00");
    Citizens.LoggedIn groom = groom();
    String id =
        book(groom, office, nine, "MARRIAGE", "林小雨", brideId())
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    book(groom(), office, ten, "MARRIAGE", "王芳", brideId()).then().statusCode(201);

    given()
        .auth()
        .oauth2(groom.accessToken())
        .contentType(ContentType.JSON)
        .body("{\"slotId\": \"" + ten + "\"}")
        .post("/api/v1/marriage/appointments/" + id + "/reschedule")
        .then()
        .statusCode(409)
        .body("code", is("SLOT_FULL"));
    assertThat(booked(nine)).isEqualTo(1);
    assertThat(booked(ten)).isEqualTo(1);
    given()
        .auth()
        .oauth2(groom.accessToken())
        .get("/api/v1/marriage/appointments/" + id)
        .then()
        .body("slotId", is(nine))
        .body("status", is("BOOKED"));

    String nextDay =
        slot(
            office,
            weekdayAfter(2).equals(day) ? day.plusDays(3) : weekdayAfter(2),
            "MARRIAGE",
            "09:00");
    given()
        .auth()
        .oauth2(groom.accessToken())
        .contentType(ContentType.JSON)
        .body("{\"slotId\": \"" + nextDay + "\"}")
        .post("/api/v1/marriage/appointments/" + id + "/reschedule")
        .then()
        .statusCode(200)
        .body("slotId", is(nextDay));
    assertThat(booked(nine)).isZero();
    assertThat(booked(nextDay)).isEqualTo(1);
  }

  @Test
  void shouldRateLimitBookingAttemptsPerCitizen() {
    Citizens.LoggedIn script = groom();
    String missing = java.util.UUID.randomUUID().toString();
    for (int i = 0; i < 30; i++) {
      book(script, missing, missing, "MARRIAGE", "林小雨", brideId()).then().statusCode(404);
    }
    book(script, missing, missing, "MARRIAGE", "林小雨", brideId())
        .then()
        .statusCode(429)
        .header("Retry-After", notNullValue())
        .body("code", is("RATE_LIMITED"));
    // another citizen is not affected
    book(groom(), missing, missing, "MARRIAGE", "林小雨", brideId()).then().statusCode(404);
  }

  @Test
  void shouldRefuseCancellingAfterTheCutoff() {
    String office = office(ALL_SERVICES, 7, 2, "[]");
    LocalDate day = weekdayAfter(1);
    String slot = slot(office, day, "MARRIAGE", "09:00");
    Citizens.LoggedIn groom = groom();
    String id =
        book(groom, office, slot, "MARRIAGE", "林小雨", brideId())
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    // one hour before 09:00 on the day: inside the 2 h cutoff
    clock.travelTo(day.atTime(LocalTime.of(8, 0)).atZone(ZONE).toInstant());
    try {
      given()
          .auth()
          .oauth2(groom.accessToken())
          .delete("/api/v1/marriage/appointments/" + id)
          .then()
          .statusCode(409)
          .body("code", is("CUTOFF_PASSED"))
          .body("cutoff", startsWith(day + "T07:00+08:00"));
    } finally {
      clock.reset();
    }
    assertThat(booked(slot)).isEqualTo(1);
    clock.setOffset(Duration.ZERO);
  }
}
