package org.fingertip.marriage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.fingertip.marriage.MarriageFixtures.*;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fingertip.identity.IdNumber;
import org.fingertip.platform.web.AppClock;
import org.fingertip.support.Citizens;
import org.fingertip.support.Db;
import org.junit.jupiter.api.Test;

/**
 * Lottery for peak days: the registration window and its edges, one entry per couple, first-come
 * refused, a draw reproducible from its published seed that never assigns more than capacity and
 * waitlists the rest in draw order, confirmation in time and too late, and a draw triggered twice.
 */
@QuarkusTest
class MarriageLotteryTest {

  @Inject AppClock clock;
  @Inject LotteryService lottery;

  /** A lottery day of a fresh office, with the window around now. */
  record Lottery(
      String office, LocalDate day, String dayId, Instant opens, Instant closes, Instant drawAt) {

    String slot(String start) {
      return MarriageFixtures.slot(office, day, "MARRIAGE", start);
    }
  }

  private static Lottery lottery(int capacity) {
    String office = office(ALL_SERVICES, 7, capacity, "[]");
    LocalDate day = weekdayAfter(10);
    while (slots(office, day, "MARRIAGE").isEmpty()) {
      day = weekdayAfter((int) (day.toEpochDay() - today().toEpochDay()) + 1);
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant opens = now.minus(Duration.ofHours(1));
    Instant closes = now.plus(Duration.ofDays(1));
    Instant drawAt = closes.plus(Duration.ofHours(1));
    String dayId =
        given()
            .auth()
            .oauth2(admin())
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "date",
                    day.toString(),
                    "name",
                    "520 摇号日",
                    "extraCapacity",
                    0,
                    "mode",
                    "LOTTERY",
                    "registrationOpens",
                    opens.toString(),
                    "registrationCloses",
                    closes.toString(),
                    "drawAt",
                    drawAt.toString(),
                    "confirmHours",
                    24))
            .post("/api/v1/staff/marriage/offices/" + office + "/special-days")
            .then()
            .statusCode(201)
            .body("mode", is("LOTTERY"))
            .body("seedSha256", matchesPattern("[0-9a-f]{64}"))
            .body("$", not(hasKey("seed")))
            .extract()
            .path("id");
    return new Lottery(office, day, dayId, opens, closes, drawAt);
  }

  private static Citizens.LoggedIn groom() {
    return Citizens.verified("周明远", LocalDate.of(1993, 5, 20), IdNumber.Sex.MALE);
  }

  private static String bride() {
    return Citizens.idNumber("321302", LocalDate.of(1997, 2, 14), IdNumber.Sex.FEMALE);
  }

  private static Response enter(Citizens.LoggedIn who, String slot, String name, String id) {
    return given()
        .auth()
        .oauth2(who.accessToken())
        .contentType(ContentType.JSON)
        .body(
            "{\"slotId\": \""
                + slot
                + "\", \"service\": \"MARRIAGE\", \"partner\": {\"realName\": \""
                + name
                + "\", \"idNumber\": \""
                + id
                + "\"}}")
        .post("/api/v1/marriage/lottery-entries");
  }

  private static Response enter(Citizens.LoggedIn who, String slot) {
    return enter(who, slot, "林晓雨", bride());
  }

  private static String entered(Citizens.LoggedIn who, String slot) {
    return enter(who, slot).then().statusCode(201).extract().path("id");
  }

  private static Response confirm(Citizens.LoggedIn who, String entry) {
    return given()
        .auth()
        .oauth2(who.accessToken())
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/marriage/lottery-entries/" + entry + "/confirm");
  }

  private static Response draw(String token, String dayId) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/staff/marriage/lotteries/" + dayId + "/draw");
  }

  private static JsonPath published(String dayId) {
    return given()
        .get("/api/v1/marriage/lotteries/" + dayId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The documented algorithm, written out again here rather than calling the app's code. */
  private static String key(String seed, String entryId) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256")
                .digest((seed + ":" + entryId).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldTakeEntriesOnlyInsideTheWindowAndRefuseFirstComeOnALotteryDay() {
    Lottery l = lottery(2);
    String slot = l.slot("09:00");
    given()
        .queryParam("date", l.day().toString())
        .queryParam("service", "MARRIAGE")
        .get("/api/v1/marriage/offices/" + l.office() + "/slots")
        .then()
        .body("[0].lottery", is(true))
        .body("[0].bookable", is(false));

    // first come is refused, and the problem tells the registration window
    Citizens.LoggedIn early = groom();
    clock.setOffset(Duration.ofDays(4)); // the day is released: only the lottery stands in the way
    try {
      book(early, l.office(), slot, "MARRIAGE", "林晓雨", bride())
          .then()
          .statusCode(409)
          .body("code", is("LOTTERY_DAY"))
          .body("detail", containsString(l.day().toString()))
          .body("registrationCloses", notNullValue())
          .body("drawAt", notNullValue());
    } finally {
      clock.reset();
    }
    assertThat(booked(slot)).isZero();

    Citizens.LoggedIn a = groom();
    Citizens.LoggedIn b = groom();
    try {
      clock.travelTo(l.opens().minusSeconds(5));
      enter(a, slot)
          .then()
          .statusCode(409)
          .body("code", is("LOTTERY_REGISTRATION_NOT_OPEN"))
          .body("detail", containsString("报名时间为"))
          .body("registrationOpens", notNullValue());
      clock.travelTo(l.opens().plusSeconds(1));
      enter(a, slot).then().statusCode(201).body("status", is("REGISTERED"));
      clock.travelTo(l.closes().minusSeconds(5));
      enter(b, slot).then().statusCode(201);
      clock.travelTo(l.closes());
      enter(groom(), slot)
          .then()
          .statusCode(409)
          .body("code", is("LOTTERY_REGISTRATION_CLOSED"))
          .body("registrationCloses", notNullValue());
    } finally {
      clock.reset();
    }
    assertThat(
            Db.count(
                "SELECT count(*) FROM marriage_lottery_entry WHERE special_day_id = ?::uuid",
                l.dayId()))
        .isEqualTo(2);
  }

  @Test
  void shouldAllowOneEntryPerCoupleWhicheverPartnerEntersAndKeepEntriesPrivate() {
    Lottery l = lottery(2);
    String slot = l.slot("09:00");
    Citizens.LoggedIn him = groom();
    Citizens.LoggedIn her =
        Citizens.verified("林晓雨", LocalDate.of(1997, 2, 14), IdNumber.Sex.FEMALE);
    String entry =
        enter(him, slot, her.name(), her.idNumber())
            .then()
            .statusCode(201)
            .body("partnerName", not(is("林晓雨")))
            .extract()
            .path("id");
    enter(him, l.slot("10:00")).then().statusCode(409).body("code", is("LOTTERY_ALREADY_ENTERED"));
    // she enters naming somebody else: still the same couple's day
    given()
        .auth()
        .oauth2(her.accessToken())
        .contentType(ContentType.JSON)
        .body(
            "{\"slotId\": \""
                + slot
                + "\", \"service\": \"MARRIAGE\", \"partner\": {\"realName\": \"高远\", \"idNumber\": \""
                + Citizens.idNumber("321302", LocalDate.of(1992, 1, 1), IdNumber.Sex.MALE)
                + "\"}}")
        .post("/api/v1/marriage/lottery-entries")
        .then()
        .statusCode(409)
        .body("code", is("LOTTERY_ALREADY_ENTERED"));

    // another citizen can neither see, withdraw nor confirm it
    Citizens.LoggedIn stranger = groom();
    given()
        .auth()
        .oauth2(stranger.accessToken())
        .get("/api/v1/marriage/lottery-entries/" + entry)
        .then()
        .statusCode(404)
        .body("code", is("LOTTERY_ENTRY_NOT_FOUND"));
    given()
        .auth()
        .oauth2(stranger.accessToken())
        .delete("/api/v1/marriage/lottery-entries/" + entry)
        .then()
        .statusCode(404);
    confirm(stranger, entry).then().statusCode(404);
    given()
        .auth()
        .oauth2(stranger.accessToken())
        .get("/api/v1/marriage/lottery-entries")
        .then()
        .statusCode(200)
        .body("total", is(0));
    given().get("/api/v1/marriage/lottery-entries").then().statusCode(401);
    given().auth().oauth2(admin()).get("/api/v1/marriage/lottery-entries").then().statusCode(403);

    // withdrawn, the couple may enter again
    given()
        .auth()
        .oauth2(him.accessToken())
        .delete("/api/v1/marriage/lottery-entries/" + entry)
        .then()
        .statusCode(200)
        .body("status", is("WITHDRAWN"));
    enter(him, slot, her.name(), her.idNumber()).then().statusCode(201);
    given()
        .auth()
        .oauth2(him.accessToken())
        .get("/api/v1/marriage/lottery-entries")
        .then()
        .statusCode(200)
        .body("total", is(2))
        .body("items.status", containsInAnyOrder("REGISTERED", "WITHDRAWN"));

    // before the draw: the seed's commitment is public, the seed is not; drawing is too early
    JsonPath before = published(l.dayId());
    assertThat(before.getString("seed")).isNull();
    assertThat(before.getString("seedSha256")).hasSize(64);
    assertThat(before.getInt("entryCount")).isEqualTo(1);
    assertThat(before.getList("order")).isEmpty();
    draw(admin(), l.dayId()).then().statusCode(409).body("code", is("DRAW_TIME_NOT_REACHED"));
  }

  @Test
  void shouldDrawOnceReproduciblyWithinCapacityAndWaitlistTheRestInDrawOrder() throws Exception {
    Lottery l = lottery(2);
    String nine = l.slot("09:00");
    String ten = l.slot("10:00");
    Map<String, Citizens.LoggedIn> byEntry = new LinkedHashMap<>();
    for (int i = 0; i < 6; i++) {
      Citizens.LoggedIn c = groom();
      byEntry.put(entered(c, nine), c);
    }
    Citizens.LoggedIn alone = groom();
    String tenEntry = entered(alone, ten);
    String otherClerk = clerk(office(ALL_SERVICES, 7, 1, "[]"));
    String ownClerk = clerk(l.office());

    clock.travelTo(l.drawAt().plusSeconds(60));
    List<Integer> statuses = new ArrayList<>();
    try {
      draw(otherClerk, l.dayId()).then().statusCode(404);
      draw(groom().accessToken(), l.dayId()).then().statusCode(403);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Callable<Integer>> both =
            List.of(
                () -> draw(admin(), l.dayId()).statusCode(),
                () -> draw(ownClerk, l.dayId()).statusCode());
        for (Future<Integer> f : pool.invokeAll(both)) {
          statuses.add(f.get());
        }
      } finally {
        pool.shutdown();
      }
      draw(admin(), l.dayId()).then().statusCode(409).body("code", is("LOTTERY_ALREADY_DRAWN"));
    } finally {
      clock.reset();
    }
    assertThat(statuses).containsExactlyInAnyOrder(200, 409);

    // the published record: seed matching its commitment, every entry with its position
    JsonPath pub = published(l.dayId());
    String seed = pub.getString("seed");
    assertThat(seed).matches("[0-9a-f]{64}");
    assertThat(
            HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256")
                        .digest(seed.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(pub.getString("seedSha256"));
    assertThat(pub.getInt("entryCount")).isEqualTo(7);
    List<Map<String, Object>> order = pub.getList("order");
    assertThat(order).hasSize(7);

    // re-run the documented algorithm over the published entry ids
    List<String> ids = new ArrayList<>(order.stream().map(o -> (String) o.get("entryId")).toList());
    List<String> recomputed = new ArrayList<>(ids);
    recomputed.sort(
        Comparator.comparing(
            id -> {
              try {
                return key(seed, id);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            }));
    assertThat(order.stream().map(o -> (Integer) o.get("position")).toList())
        .containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThat(ids).containsExactlyElementsOf(recomputed);
    assertThat(ids)
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.Stream.concat(
                    byEntry.keySet().stream(), java.util.stream.Stream.of(tenEntry))
                .toList());

    // 09:00 has 2 places for 6 entries: the first two in draw order win, never more
    List<String> nineInOrder =
        order.stream()
            .filter(o -> nine.equals(o.get("slotId")))
            .map(o -> (String) o.get("entryId"))
            .toList();
    List<String> nineResults =
        order.stream()
            .filter(o -> nine.equals(o.get("slotId")))
            .map(o -> (String) o.get("result"))
            .toList();
    assertThat(nineResults)
        .containsExactly("WON", "WON", "WAITLISTED", "WAITLISTED", "WAITLISTED", "WAITLISTED");
    assertThat(booked(nine)).isEqualTo(2);
    assertThat(booked(ten)).isEqualTo(1);
    assertThat(
            order.stream()
                .filter(o -> tenEntry.equals(o.get("entryId")))
                .findFirst()
                .orElseThrow()
                .get("result"))
        .isEqualTo("WON");

    // the losers are in the slot's waitlist, in draw order
    List<String> queue =
        Db.query(
                "SELECT CAST(citizen_id AS text) AS c FROM marriage_waitlist WHERE slot_id = ?::uuid"
                    + " AND status = 'WAITING' ORDER BY position",
                nine)
            .stream()
            .map(r -> (String) r.get("c"))
            .toList();
    assertThat(queue)
        .containsExactlyElementsOf(
            nineInOrder.subList(2, 6).stream().map(e -> byEntry.get(e).id()).toList());
    Citizens.LoggedIn firstLoser = byEntry.get(nineInOrder.get(2));
    given()
        .auth()
        .oauth2(firstLoser.accessToken())
        .get("/api/v1/marriage/waitlist")
        .then()
        .body("[0].position", is(1))
        .body("[0].status", is("WAITING"));
    Citizens.LoggedIn winner = byEntry.get(nineInOrder.get(0));
    given()
        .auth()
        .oauth2(winner.accessToken())
        .get("/api/v1/marriage/lottery-entries/" + nineInOrder.get(0))
        .then()
        .body("status", is("WON"))
        .body("drawPosition", notNullValue())
        .body("confirmUntil", notNullValue());
    assertThat(
            Db.count(
                "SELECT count(*) FROM notification_outbox WHERE recipient_id = ?::uuid"
                    + " AND template = 'MARRIAGE_LOTTERY_WON'",
                winner.id()))
        .isEqualTo(1);
    assertThat(
            Db.count(
                "SELECT count(*) FROM notification_outbox WHERE recipient_id = ?::uuid"
                    + " AND template = 'MARRIAGE_LOTTERY_WAITLISTED'",
                firstLoser.id()))
        .isEqualTo(1);
    // drawn: the slots are no longer marked as lottery slots
    given()
        .queryParam("date", l.day().toString())
        .queryParam("service", "MARRIAGE")
        .get("/api/v1/marriage/offices/" + l.office() + "/slots")
        .then()
        .body("lottery", everyItem(is(false)));
  }

  @Test
  void shouldBookAWinnerWhoConfirmsInTimeAndPassTheLatePlaceToTheWaitlist() throws Throwable {
    Lottery l = lottery(1);
    String nine = l.slot("09:00");
    String ten = l.slot("10:00");
    Map<String, Citizens.LoggedIn> nineEntries = new LinkedHashMap<>();
    Map<String, Citizens.LoggedIn> tenEntries = new LinkedHashMap<>();
    for (int i = 0; i < 2; i++) {
      Citizens.LoggedIn c = groom();
      nineEntries.put(entered(c, nine), c);
      Citizens.LoggedIn d = groom();
      tenEntries.put(entered(d, ten), d);
    }
    try {
      clock.travelTo(l.drawAt().plusSeconds(1));
      confirm(nineEntries.values().iterator().next(), nineEntries.keySet().iterator().next())
          .then()
          .statusCode(409)
          .body("code", is("LOTTERY_NOT_DRAWN"));
      VertxContextSupport.subscribeAndAwait(
          () -> lottery.draw(java.util.UUID.fromString(l.dayId())));
      JsonPath pub = published(l.dayId());
      String nineWinner = winner(pub, nine);
      String nineLoser = loser(pub, nine);
      String tenWinner = winner(pub, ten);
      String tenLoser = loser(pub, ten);

      // in time: the held place becomes a booking
      clock.travelTo(l.drawAt().plus(Duration.ofHours(23)));
      confirm(nineEntries.get(nineLoser), nineLoser)
          .then()
          .statusCode(409)
          .body("code", is("LOTTERY_NOT_WON"));
      confirm(tenEntries.get(tenWinner), nineWinner).then().statusCode(404);
      String appointment =
          confirm(nineEntries.get(nineWinner), nineWinner)
              .then()
              .statusCode(201)
              .body("status", is("BOOKED"))
              .body("slotId", is(nine))
              .body("checkInToken", startsWith("MR1."))
              .extract()
              .path("id");
      confirm(nineEntries.get(nineWinner), nineWinner)
          .then()
          .statusCode(409)
          .body("code", is("LOTTERY_ALREADY_CONFIRMED"));
      assertThat(booked(nine)).isEqualTo(1);
      given()
          .auth()
          .oauth2(nineEntries.get(nineWinner).accessToken())
          .get("/api/v1/marriage/lottery-entries/" + nineWinner)
          .then()
          .body("status", is("CONFIRMED"))
          .body("appointmentId", is(appointment));

      // too late: the job ends the hold and offers the place to the first in the waitlist
      clock.travelTo(l.drawAt().plus(Duration.ofHours(25)));
      int expired = VertxContextSupport.subscribeAndAwait(() -> lottery.expireUnconfirmed());
      assertThat(expired).isGreaterThanOrEqualTo(1);
      confirm(tenEntries.get(tenWinner), tenWinner)
          .then()
          .statusCode(409)
          .body("code", is("CONFIRM_DEADLINE_PASSED"))
          .body("confirmUntil", notNullValue());
      assertThat(booked(ten)).isEqualTo(1);
      claimFirstOffer(tenEntries.get(tenLoser), ten);
    } finally {
      clock.reset();
    }
    assertThat(booked(ten)).isEqualTo(1);
    assertThat(
            Db.count(
                "SELECT count(*) FROM marriage_appointment WHERE slot_id = ?::uuid AND status ="
                    + " 'BOOKED'",
                ten))
        .isEqualTo(1);
  }

  @Test
  void shouldLetAWinnerGiveThePlaceBackSoTheWaitlistGetsItAtOnce() throws Throwable {
    Lottery l = lottery(1);
    String nine = l.slot("09:00");
    Map<String, Citizens.LoggedIn> entries = new LinkedHashMap<>();
    for (int i = 0; i < 2; i++) {
      Citizens.LoggedIn c = groom();
      entries.put(entered(c, nine), c);
    }
    try {
      clock.travelTo(l.drawAt().plusSeconds(1));
      VertxContextSupport.subscribeAndAwait(
          () -> lottery.draw(java.util.UUID.fromString(l.dayId())));
      JsonPath pub = published(l.dayId());
      String winner = winner(pub, nine);
      String loser = loser(pub, nine);
      assertThat(booked(nine)).isEqualTo(1);

      // another citizen cannot give it back for them
      given()
          .auth()
          .oauth2(entries.get(loser).accessToken())
          .delete("/api/v1/marriage/lottery-entries/" + winner)
          .then()
          .statusCode(404);

      clock.travelTo(l.drawAt().plus(Duration.ofHours(2)));
      given()
          .auth()
          .oauth2(entries.get(winner).accessToken())
          .delete("/api/v1/marriage/lottery-entries/" + winner)
          .then()
          .statusCode(200)
          .body("status", is("WITHDRAWN"));
      given()
          .auth()
          .oauth2(entries.get(winner).accessToken())
          .delete("/api/v1/marriage/lottery-entries/" + winner)
          .then()
          .statusCode(409)
          .body("code", is("LOTTERY_ENTRY_NOT_ACTIVE"));
      confirm(entries.get(winner), winner)
          .then()
          .statusCode(409)
          .body("code", is("LOTTERY_ENTRY_NOT_ACTIVE"));

      // the place is held for the first couple in the waitlist, not given to the slot at large
      assertThat(booked(nine)).isEqualTo(1);
      claimFirstOffer(entries.get(loser), nine);
      // a place given back cannot also expire later
      clock.travelTo(l.drawAt().plus(Duration.ofHours(25)));
      VertxContextSupport.subscribeAndAwait(() -> lottery.expireUnconfirmed());
    } finally {
      clock.reset();
    }
    assertThat(booked(nine)).isEqualTo(1);
    assertThat(
            Db.count(
                "SELECT count(*) FROM marriage_appointment WHERE slot_id = ?::uuid AND status ="
                    + " 'BOOKED'",
                nine))
        .isEqualTo(1);
  }

  @Test
  void shouldFixDateAndModeOnceCouplesEnteredAndEverythingOnceDrawn() {
    Lottery l = lottery(2);
    String clerk = clerk(l.office());
    entered(groom(), l.slot("09:00"));
    String path = "/api/v1/staff/marriage/offices/" + l.office() + "/special-days/" + l.dayId();
    String body =
        "{\"date\": \"%s\", \"name\": \"520 摇号日\", \"mode\": \"%s\","
            + " \"registrationOpens\": \"%s\", \"registrationCloses\": \"%s\","
            + " \"drawAt\": \"%s\", \"confirmHours\": 24}";
    given()
        .auth()
        .oauth2(clerk)
        .contentType(ContentType.JSON)
        .body("{\"date\": \"" + l.day() + "\", \"name\": \"改为先到先得\"}")
        .put(path)
        .then()
        .statusCode(409)
        .body("code", is("LOTTERY_HAS_ENTRIES"));
    given()
        .auth()
        .oauth2(clerk)
        .delete(path)
        .then()
        .statusCode(409)
        .body("code", is("LOTTERY_HAS_ENTRIES"));
    // the window may still move: the slots carry the new draw time
    Instant later = l.drawAt().plus(Duration.ofHours(2));
    given()
        .auth()
        .oauth2(clerk)
        .contentType(ContentType.JSON)
        .body(body.formatted(l.day(), "LOTTERY", l.opens(), l.closes(), later))
        .put(path)
        .then()
        .statusCode(200)
        .body("drawAt", notNullValue());
    assertThat(
            Db.count(
                "SELECT count(*) FROM marriage_slot WHERE office_id = ?::uuid AND day = ?::date"
                    + " AND lottery_draw_at = ?::timestamptz",
                l.office(),
                l.day().toString(),
                later.toString()))
        .isGreaterThan(0);
    clock.travelTo(later.plusSeconds(5));
    try {
      draw(clerk, l.dayId()).then().statusCode(200).body("entryCount", is(1));
      given()
          .auth()
          .oauth2(clerk)
          .contentType(ContentType.JSON)
          .body(body.formatted(l.day(), "LOTTERY", l.opens(), l.closes(), later.plusSeconds(60)))
          .put(path)
          .then()
          .statusCode(409)
          .body("code", is("LOTTERY_ALREADY_DRAWN"));
    } finally {
      clock.reset();
    }
  }

  /** The first couple in the waitlist takes the place offered to them: a booking of the slot. */
  private static void claimFirstOffer(Citizens.LoggedIn next, String slot) {
    String offer =
        given()
            .auth()
            .oauth2(next.accessToken())
            .get("/api/v1/marriage/waitlist")
            .then()
            .body("[0].status", is("OFFERED"))
            .extract()
            .path("[0].id");
    given()
        .auth()
        .oauth2(next.accessToken())
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/marriage/waitlist/" + offer + "/claim")
        .then()
        .statusCode(201)
        .body("slotId", is(slot));
  }

  private static String winner(JsonPath pub, String slot) {
    return result(pub, slot, "WON");
  }

  private static String loser(JsonPath pub, String slot) {
    return result(pub, slot, "WAITLISTED");
  }

  private static String result(JsonPath pub, String slot, String result) {
    List<Map<String, Object>> order = pub.getList("order");
    return order.stream()
        .filter(o -> slot.equals(o.get("slotId")) && result.equals(o.get("result")))
        .map(o -> (String) o.get("entryId"))
        .findFirst()
        .orElseThrow();
  }
}
