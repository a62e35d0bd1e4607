package org.fingertip.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.fingertip.identity.IdNumber.Sex;
import org.fingertip.platform.embedded.EmbeddedServices;
import org.fingertip.support.Citizens;
import org.fingertip.support.Db;
import org.fingertip.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped under a load of creating requests, then restarted on the same port and data:
 * requests fail fast with 503, readiness goes down while liveness stays fast, the app recovers by
 * itself, and nothing is lost or half-written. The load is regions (admin), marriage bookings, meal
 * orders, self-applications and meal donations (citizens, one attempt each per citizen so every
 * answer can be traced to its rows): every 2xx is stored, every 503 left no row, and the
 * cross-table figures agree afterwards (slot booked = its appointments, canteen places taken and
 * dishes sold = its confirmed orders, subsidy uses = subsidised orders, every application has its
 * CREATE event, every donation's ledger balances against its allocations).
 */
@QuarkusTest
class DatabaseOutageTest {

  private static final String ROUTE = "/api/v1/admin/regions";
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  /** One creating request: the village code it tried to add, and the answer. */
  private record Attempt(String code, Http.Answer answer, boolean whileDown) {}

  /** The citizen routes under load. */
  private enum Kind {
    BOOKING,
    ORDER,
    APPLICATION,
    DONATION
  }

  /** One citizen's attempt of one kind, and the answer. */
  private record CitizenAttempt(Kind kind, Citizens.LoggedIn who, Http.Answer answer) {}

  /** What the citizen routes need: an office slot, a canteen with a menu, and the people. */
  private record Targets(
      String office, String slot, String canteen, String dish, LocalDate mealDay) {}

  @Test
  void shouldFailFastWhileDatabaseIsDownAndLoseNothingAfterRestart() throws Exception {
    String admin = Tokens.admin();
    Map<String, String> auth = Map.of("Authorization", "Bearer " + admin);
    String township = freeTownship(auth);
    AtomicInteger sequence = new AtomicInteger();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicBoolean down = new AtomicBoolean(false);
    List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
    // the seeded admin's staff row: staff routes read the scope from it
    Targets targets =
        targets(
            Map.of(
                "Authorization",
                "Bearer " + Tokens.forRoles("00000000-0000-0000-0000-00000000a001", "admin")));
    Map<Kind, List<Citizens.LoggedIn>> people = new EnumMap<>(Kind.class);
    List<Citizens.LoggedIn> shared = new ArrayList<>();
    for (int i = 0; i < PEOPLE; i++) {
      // born 1950: old enough for elder meals and (as 黄昏恋) for marriage; one of each kind each
      shared.add(Citizens.verified("周德胜", LocalDate.of(1950, 1 + i % 12, 1 + i % 28), Sex.MALE));
    }
    for (Kind kind : Kind.values()) {
      people.put(kind, shared);
    }
    List<CitizenAttempt> citizenAttempts = Collections.synchronizedList(new ArrayList<>());
    ExecutorService load = Executors.newFixedThreadPool(3 + Kind.values().length);
    for (Kind kind : Kind.values()) {
      load.submit(
          () -> {
            for (Citizens.LoggedIn who : people.get(kind)) {
              if (!running.get()) {
                break;
              }
              citizenAttempts.add(new CitizenAttempt(kind, who, attempt(kind, who, targets)));
              pause(150);
            }
          });
    }
    for (int t = 0; t < 3; t++) {
      load.submit(
          () -> {
            while (running.get() && sequence.get() < 999) {
              String code = township + String.format("%03d", sequence.incrementAndGet());
              boolean wasDown = down.get();
              attempts.add(new Attempt(code, create(code, auth), wasDown));
              pause(80);
            }
          });
    }
    try {
      pause(1500);
      EmbeddedServices.control("postgres.stop").run();
      down.set(true);
      pause(1500);

      // readiness names the database DOWN; liveness answers fast meanwhile (event loop is free)
      Http.Answer ready = Http.get("/q/health/ready");
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.body()).contains("DOWN").contains("PostgreSQL");
      assertThat(ready.millis()).isLessThan(8000);
      for (int i = 0; i < 5; i++) {
        Http.Answer live = Http.get("/q/health/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.millis()).as("liveness while the database is down").isLessThan(1500);
      }
      pause(1500);
    } finally {
      down.set(false);
      EmbeddedServices.control("postgres.start").run();
    }

    // recovers by itself: a creating request succeeds again within a bounded time
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    boolean recovered = false;
    while (!recovered && System.nanoTime() < deadline) {
      List<Attempt> latest;
      synchronized (attempts) {
        latest = List.copyOf(attempts.subList(Math.max(0, attempts.size() - 3), attempts.size()));
      }
      recovered = latest.stream().anyMatch(a -> !a.whileDown() && a.answer().status() == 201);
      pause(200);
    }
    pause(1000);
    running.set(false);
    load.shutdown();
    assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).as("no request hangs").isTrue();
    assertThat(recovered).as("the app recovers without a restart").isTrue();
    Http.Answer ready = Http.get("/q/health/ready");
    for (int i = 0; i < 50 && ready.status() != 200; i++) {
      pause(200);
      ready = Http.get("/q/health/ready");
    }
    assertThat(ready.status())
        .as("readiness comes back by itself: %s", ready.body())
        .isEqualTo(200);

    List<Attempt> all;
    synchronized (attempts) {
      all = List.copyOf(attempts);
    }
    List<Attempt> failed = all.stream().filter(a -> a.answer().status() != 201).toList();
    assertThat(all.stream().filter(a -> a.answer().status() == 201)).isNotEmpty();
    assertThat(failed).as("some requests met the outage").isNotEmpty();
    for (Attempt a : failed) {
      Http.Answer answer = a.answer();
      assertThat(answer.status()).as("%s: %s", a.code(), answer.body()).isEqualTo(503);
      assertThat(answer.body()).contains("\"code\":\"SERVICE_UNAVAILABLE\"");
      assertThat(answer.retryAfter()).isNotNull();
      assertThat(answer.contentType()).startsWith("application/problem+json");
    }
    for (Attempt a : all) {
      assertThat(a.answer().millis()).as("fail fast, never hang: %s", a.code()).isLessThan(8000);
    }

    // every 201 is stored; every 503 committed all or nothing (region and idempotency record)
    for (Attempt a : all) {
      long regions = Db.count("SELECT count(*) FROM region WHERE code = ?", a.code());
      long records =
          Db.count(
              "SELECT count(*) FROM idempotency_record WHERE idem_key = ?"
                  + " AND response_status IS NOT NULL",
              a.code());
      if (a.answer().status() == 201) {
        assertThat(regions).as("acknowledged %s is stored", a.code()).isEqualTo(1);
      }
      assertThat(records).as("no partial write for %s", a.code()).isEqualTo(regions);
    }
    // and a client retrying its failed requests with the same key ends with each stored once
    for (Attempt a : failed) {
      assertThat(create(a.code(), auth).status()).isEqualTo(201);
      assertThat(Db.count("SELECT count(*) FROM region WHERE code = ?", a.code())).isEqualTo(1);
    }

    assertCitizenWritesAllOrNothing(List.copyOf(citizenAttempts), targets);
  }

  private static final int PEOPLE = 30;

  private void assertCitizenWritesAllOrNothing(List<CitizenAttempt> all, Targets t) {
    for (Kind kind : Kind.values()) {
      List<CitizenAttempt> ofKind = all.stream().filter(a -> a.kind() == kind).toList();
      assertThat(ofKind).as("%s attempts", kind).isNotEmpty();
      assertThat(ofKind).as("%s: some stored", kind).anyMatch(a -> a.answer().status() / 100 == 2);
      for (CitizenAttempt a : ofKind) {
        Http.Answer answer = a.answer();
        assertThat(answer.status())
            .as("%s %s: %s", kind, a.who().id(), answer.body())
            .isIn(200, 201, 503);
        assertThat(answer.millis()).as("%s fails fast", kind).isLessThan(8000);
        if (answer.status() == 503) {
          assertThat(answer.retryAfter()).isNotNull();
          assertThat(answer.contentType()).startsWith("application/problem+json");
          assertThat(answer.body()).contains("\"code\":\"");
        }
        long rows = rowsOf(kind, UUID.fromString(a.who().id()), t);
        assertThat(rows)
            .as("%s by %s answered %d: stored iff 2xx", kind, a.who().id(), answer.status())
            .isEqualTo(answer.status() / 100 == 2 ? 1 : 0);
      }
    }
    UUID slot = UUID.fromString(t.slot());
    assertThat(Db.count("SELECT booked FROM marriage_slot WHERE id = ?", slot))
        .as("slot booked = its live appointments")
        .isEqualTo(
            Db.count(
                "SELECT count(*) FROM marriage_appointment WHERE slot_id = ?"
                    + " AND status IN ('BOOKED', 'CHECKED_IN')",
                slot));
    UUID canteen = UUID.fromString(t.canteen());
    long confirmed =
        Db.count(
            "SELECT count(*) FROM meal_order WHERE canteen_id = ? AND meal_date = ?"
                + " AND status = 'CONFIRMED'",
            canteen,
            t.mealDay());
    assertThat(
            Db.count(
                "SELECT coalesce(sum(taken), 0) FROM meal_capacity WHERE canteen_id = ?"
                    + " AND meal_date = ?",
                canteen,
                t.mealDay()))
        .as("places taken = confirmed orders")
        .isEqualTo(confirmed);
    assertThat(
            Db.count(
                "SELECT coalesce(sum(sold), 0) FROM meal_menu_item WHERE canteen_id = ?", canteen))
        .as("dishes sold = ordered quantities")
        .isEqualTo(
            Db.count(
                "SELECT coalesce(sum(i.quantity), 0) FROM meal_order_item i JOIN meal_order o"
                    + " ON o.id = i.order_id WHERE o.canteen_id = ? AND o.status = 'CONFIRMED'",
                canteen));
    assertThat(
            Db.count(
                "SELECT count(*) FROM meal_subsidy_use u JOIN meal_order o ON o.id = u.order_id"
                    + " WHERE o.canteen_id = ?",
                canteen))
        .as("one subsidy use per subsidised order")
        .isEqualTo(
            Db.count(
                "SELECT count(*) FROM meal_order WHERE canteen_id = ? AND subsidised"
                    + " AND status <> 'CANCELLED'",
                canteen));
    List<UUID> people = all.stream().map(a -> UUID.fromString(a.who().id())).distinct().toList();
    for (UUID who : people) {
      assertThat(
              Db.count(
                  "SELECT count(*) FROM application a WHERE a.subject_id = ? AND NOT EXISTS"
                      + " (SELECT 1 FROM application_event e WHERE e.application_id = a.id"
                      + " AND e.seq = 1 AND e.action = 'CREATE')",
                  who))
          .as("every stored application has its CREATE event")
          .isZero();
      assertThat(
              Db.count(
                  "SELECT count(*) FROM meal_donation d WHERE d.donor_id = ? AND (d.pledged_fen"
                      + " <> d.allocated_fen + d.remaining_fen OR d.allocated_fen <> (SELECT"
                      + " coalesce(sum(x.amount_fen), 0) FROM meal_donation_allocation x WHERE"
                      + " x.donation_id = d.id))",
                  who))
          .as("donation ledger: pledged = allocated + remaining = allocations + remaining")
          .isZero();
    }
  }

  private static long rowsOf(Kind kind, UUID who, Targets t) {
    return switch (kind) {
      case BOOKING ->
          Db.count(
              "SELECT count(*) FROM marriage_appointment WHERE applicant_id = ? AND slot_id = ?",
              who,
              UUID.fromString(t.slot()));
      case ORDER ->
          Db.count(
              "SELECT count(*) FROM meal_order WHERE citizen_id = ? AND canteen_id = ?",
              who,
              UUID.fromString(t.canteen()));
      case APPLICATION -> Db.count("SELECT count(*) FROM application WHERE subject_id = ?", who);
      case DONATION -> Db.count("SELECT count(*) FROM meal_donation WHERE donor_id = ?", who);
    };
  }

  private static Http.Answer attempt(Kind kind, Citizens.LoggedIn who, Targets t) {
    Map<String, String> headers =
        Map.of(
            "Authorization",
            "Bearer " + who.accessToken(),
            "Idempotency-Key",
            UUID.randomUUID().toString());
    return switch (kind) {
      case BOOKING ->
          Http.send(
              "POST",
              "/api/v1/marriage/appointments",
              "{\"officeId\":\""
                  + t.office()
                  + "\",\"slotId\":\""
                  + t.slot()
                  + "\",\"service\":\"MARRIAGE\",\"partner\":{\"realName\":\"林秀英\","
                  + "\"idNumber\":\""
                  + Citizens.idNumber("321302", LocalDate.of(1952, 5, 20), Sex.FEMALE)
                  + "\"}}",
              headers);
      case ORDER ->
          Http.send(
              "POST",
              "/api/v1/meals/orders",
              "{\"canteenId\":\""
                  + t.canteen()
                  + "\",\"date\":\""
                  + t.mealDay()
                  + "\",\"mealType\":\"LUNCH\",\"items\":[{\"dishId\":\""
                  + t.dish()
                  + "\",\"quantity\":1}],\"fulfilment\":\"PICKUP\"}",
              headers);
      case APPLICATION ->
          Http.send(
              "POST",
              "/api/v1/applications",
              "{\"itemCode\":\"TEMPORARY_ASSISTANCE\",\"regionCode\":\"321302001\","
                  + "\"form\":{\"address\":\"宿城区幸福街道幸福南路 18 号\"}}",
              headers);
      case DONATION ->
          Http.send(
              "POST",
              "/api/v1/meals/donations",
              "{\"canteenId\":\""
                  + t.canteen()
                  + "\",\"meals\":2,\"amountPerMealFen\":300,\"donorName\":\"爱心人士\"}",
              headers);
    };
  }

  /**
   * A marriage office (one big 09:00 slot on a weekday two days out) and a canteen with a lunch
   * menu three days out, both made for this run.
   */
  private static Targets targets(Map<String, String> auth) {
    LocalDate day = LocalDate.now(ZONE).plusDays(2);
    while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
      day = day.plusDays(1);
    }
    Http.Answer office =
        Http.send(
            "POST",
            "/api/v1/staff/marriage/offices",
            ("{\"name\":\"故障演练婚姻登记处%s\",\"regionCode\":\"321302\",\"address\":"
                    + "\"宿迁市宿城区演练路 1 号\",\"latitude\":33.96,\"longitude\":118.29,"
                    + "\"phone\":\"0527-80000000\",\"hours\":\"周一至周五 9:00-11:30\","
                    + "\"services\":[\"MARRIAGE\"],\"releaseDays\":7,\"templates\":["
                    + "{\"weekdays\":[1,2,3,4,5,6,7],\"start\":\"09:00\",\"end\":\"10:00\","
                    + "\"service\":\"MARRIAGE\",\"capacity\":200}],\"specialDays\":[]}")
                .formatted(UUID.randomUUID().toString().substring(0, 6)),
            auth);
    assertThat(office.status()).as(office.body()).isEqualTo(201);
    String officeId = io.restassured.path.json.JsonPath.from(office.body()).getString("id");
    Http.Answer slots =
        Http.get(
            "/api/v1/marriage/offices/" + officeId + "/slots?date=" + day + "&service=MARRIAGE");
    assertThat(slots.status()).as(slots.body()).isEqualTo(200);
    String slot = io.restassured.path.json.JsonPath.from(slots.body()).getString("[0].id");

    UUID canteen = UUID.randomUUID();
    UUID dish = UUID.randomUUID();
    LocalDate mealDay = LocalDate.now(ZONE).plusDays(3);
    Db.update(
        "INSERT INTO meal_canteen (id, name, region_code, address, latitude, longitude,"
            + " operator_name, phone, opening, delivery_offered, delivery_radius_m) VALUES (?,"
            + " ?, '371402001', '德州市德城区新湖大街 99 号', 37.44, 116.31, '德城区慈善总会',"
            + " '0534-2288099', 'DAILY', false, 0)",
        canteen,
        "故障演练长者食堂" + canteen.toString().substring(0, 6));
    Db.update(
        "INSERT INTO meal_service (canteen_id, meal_type, capacity, cutoff_time,"
            + " cutoff_days_before, serve_from, serve_until) VALUES (?, 'LUNCH', 500, '09:30', 0,"
            + " '11:00', '13:00')",
        canteen);
    Db.update(
        "INSERT INTO meal_dish (id, canteen_id, name, tags) VALUES (?, ?, '番茄炒蛋套餐', '{}')",
        dish,
        canteen);
    Db.update(
        "INSERT INTO meal_menu_item (id, canteen_id, meal_date, meal_type, dish_id, price_fen,"
            + " daily_quantity, sold) VALUES (gen_random_uuid(), ?, ?, 'LUNCH', ?, 1200, NULL, 0)",
        canteen,
        mealDay,
        dish);
    return new Targets(officeId, slot, canteen.toString(), dish.toString(), mealDay);
  }

  private static Http.Answer create(String code, Map<String, String> auth) {
    Map<String, String> headers = new java.util.HashMap<>(auth);
    headers.put("Idempotency-Key", code);
    return Http.send(
        "POST", ROUTE, "{\"code\": \"" + code + "\", \"name\": \"压测村" + code + "\"}", headers);
  }

  /** A township code under 宿城区 that no other test uses, created for this run. */
  private static String freeTownship(Map<String, String> auth) {
    for (int n = 900; n < 1000; n++) {
      String code = "321302" + n;
      if (Db.count("SELECT count(*) FROM region WHERE code = ?", code) == 0) {
        assertThat(
                Http.send("POST", ROUTE, "{\"code\": \"" + code + "\", \"name\": \"故障演练街道\"}", auth)
                    .status())
            .isEqualTo(201);
        return code;
      }
    }
    throw new IllegalStateException("no free township code");
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
