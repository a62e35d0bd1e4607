package org.fingertip.marriage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.fingertip.marriage.MarriageFixtures.*;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import org.fingertip.identity.IdNumber;
import org.fingertip.platform.web.AppClock;
import org.fingertip.support.Citizens;
import org.fingertip.support.Db;
import org.junit.jupiter.api.Test;

/** Waitlist: a freed place is held for the first in line, expires and passes on, or goes back. */
@QuarkusTest
class MarriageWaitlistTest {

  @Inject AppClock clock;
  @Inject WaitlistOffers offers;

  private static Citizens.LoggedIn groom() {
    return Citizens.verified("许文博", LocalDate.of(1994, 10, 1), IdNumber.Sex.MALE);
  }

  private static String bride() {
    return Citizens.idNumber("321302", LocalDate.of(1996, 12, 12), IdNumber.Sex.FEMALE);
  }

  private static Response join(Citizens.LoggedIn who, String slot) {
    return given()
        .auth()
        .oauth2(who.accessToken())
        .contentType(ContentType.JSON)
        .body(
            "{\"service\": \"MARRIAGE\", \"partner\": {\"realName\": \"唐悦\", \"idNumber\": \""
                + bride()
                + "\"}}")
        .post("/api/v1/marriage/slots/" + slot + "/waitlist");
  }

  private static Response claim(Citizens.LoggedIn who, String entry) {
    return given()
        .auth()
        .oauth2(who.accessToken())
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/marriage/waitlist/" + entry + "/claim");
  }

  private static void cancel(Citizens.LoggedIn who, String appointment) {
    given()
        .auth()
        .oauth2(who.accessToken())
        .delete("/api/v1/marriage/appointments/" + appointment)
        .then()
        .statusCode(200);
  }

  @Test
  void shouldOfferAFreedPlaceToTheFirstInLineAndPassItOnWhenTheHoldExpires() throws Throwable {
    String office = office(ALL_SERVICES, 7, 1, "[]");
    LocalDate day = weekdayAfter(1);
    String slot = slot(office, day, "MARRIAGE", "09:00");
    Citizens.LoggedIn first = groom();
    String booking =
        book(first, office, slot, "MARRIAGE", "唐悦", bride())
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    Citizens.LoggedIn b = groom();
    Citizens.LoggedIn c = groom();
    String entryB =
        join(b, slot).then().statusCode(201).body("position", is(1)).extract().path("id");
    String entryC =
        join(c, slot).then().statusCode(201).body("position", is(2)).extract().path("id");
    join(b, slot).then().statusCode(409).body("code", is("ALREADY_WAITLISTED"));
    join(b, slot(office, day, "MARRIAGE", "10:00"))
        .then()
        .statusCode(409)
        .body("code", is("SLOT_HAS_PLACES"));
    claim(c, entryC).then().statusCode(409).body("code", is("NOT_OFFERED_YET"));
    claim(c, entryB).then().statusCode(404);

    // the place freed by a cancel is held for b: nobody else can book it
    cancel(first, booking);
    assertThat(booked(slot)).isEqualTo(1);
    given()
        .auth()
        .oauth2(b.accessToken())
        .get("/api/v1/marriage/waitlist")
        .then()
        .body("[0].status", is("OFFERED"))
        .body("[0].holdUntil", notNullValue());
    assertThat(
            Db.count(
                "SELECT count(*) FROM notification_outbox WHERE recipient_id = ?::uuid"
                    + " AND template = 'MARRIAGE_WAITLIST_OFFER'",
                b.id()))
        .isEqualTo(1);
    book(groom(), office, slot, "MARRIAGE", "唐悦", bride())
        .then()
        .statusCode(409)
        .body("code", is("SLOT_FULL"));

    // b lets the 30 minutes pass: the hold goes to c
    clock.setOffset(Duration.ofMinutes(31));
    try {
      VertxContextSupport.subscribeAndAwait(() -> offers.expireHolds());
      claim(b, entryB).then().statusCode(409).body("code", is("HOLD_EXPIRED"));
      claim(c, entryC)
          .then()
          .statusCode(201)
          .body("status", is("BOOKED"))
          .body("slotId", is(slot))
          .body("checkInToken", startsWith("MR1."));
    } finally {
      clock.reset();
    }
    assertThat(booked(slot)).isEqualTo(1);
    assertThat(
            Db.count(
                "SELECT count(*) FROM marriage_appointment WHERE slot_id = ?::uuid"
                    + " AND status = 'BOOKED'",
                slot))
        .isEqualTo(1);
  }

  @Test
  void shouldGiveThePlaceBackToTheSlotWhenNobodyElseWaits() {
    String office = office(ALL_SERVICES, 7, 1, "[]");
    String slot = slot(office, weekdayAfter(1), "MARRIAGE", "09:00");
    Citizens.LoggedIn first = groom();
    String booking =
        book(first, office, slot, "MARRIAGE", "唐悦", bride())
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    Citizens.LoggedIn b = groom();
    String entry = join(b, slot).then().statusCode(201).extract().path("id");
    cancel(first, booking);
    given()
        .auth()
        .oauth2(b.accessToken())
        .delete("/api/v1/marriage/waitlist/" + entry)
        .then()
        .statusCode(200)
        .body("status", is("LEFT"));
    assertThat(booked(slot)).isZero();
    book(groom(), office, slot, "MARRIAGE", "唐悦", bride()).then().statusCode(201);
  }
}
