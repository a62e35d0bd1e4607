package org.fingertip.meal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fingertip.platform.web.AppClock;
import org.fingertip.support.Citizens;
import org.fingertip.support.Db;
import org.junit.jupiter.api.Test;

/** 我为老人助一餐: priority elders only, oldest pledge first, never beyond it, ledger balanced. */
@QuarkusTest
class MealDonationTest {

  private static final LocalDate DAY = LocalDate.now(AppClock.ZONE).plusDays(7);

  private static String pledge(Citizens.LoggedIn donor, String pool, int meals, long amount) {
    return given()
        .auth()
        .oauth2(donor.accessToken())
        .contentType(ContentType.JSON)
        .body("{" + pool + ", \"meals\": " + meals + ", \"amountPerMealFen\": " + amount + "}")
        .post("/api/v1/meals/donations")
        .then()
        .statusCode(201)
        .body("pledgedFen", is((int) (meals * amount)))
        .body("remainingFen", is((int) (meals * amount)))
        .extract()
        .path("id");
  }

  @Test
  void shouldFundPriorityEldersFromTheOldestPledgeInPriorityOrderAndNeverBeyondIt() {
    var c = MealFixtures.canteen(MealFixtures.spec());
    String dish = MealFixtures.dish(c, DAY, "清真羊肉汤", 1500, null);
    var donor1 = MealFixtures.person(LocalDate.of(1988, 8, 8));
    var donor2 = Citizens.login();
    String older = pledge(donor1, "\"canteenId\": \"" + c.id() + "\"", 2, 500);
    String newer = pledge(donor2, "\"regionCode\": \"" + c.regionCode() + "\"", 3, 300);
    Db.update(
        "UPDATE meal_donation SET created_at = created_at + interval '1 second' WHERE id = ?::uuid",
        UUID.fromString(newer));

    var tekun = MealFixtures.elder(65, DAY);
    var tekun2 = MealFixtures.elder(70, DAY);
    var dibao = MealFixtures.elder(66, DAY);
    var old = MealFixtures.elder(85, DAY);
    var young = MealFixtures.elder(61, DAY);
    MealFixtures.flags(tekun.id(), c, "[\"TEKUN\"]", "");
    MealFixtures.flags(tekun2.id(), c, "[\"TEKUN\"]", "");
    MealFixtures.flags(dibao.id(), c, "[\"DIBAO\"]", "");

    // 60-69 without a special group: no donation
    MealFixtures.lunch(young, c, DAY, dish)
        .statusCode(201)
        .body("price.donationFen", is(0))
        .body("price.payableFen", is(1300));
    // TEKUN may use the whole pledge: one meal's 5 元 from the older pledge
    String tekunOrder =
        MealFixtures.lunch(tekun, c, DAY, dish)
            .statusCode(201)
            .body("category", is("TEKUN"))
            .body("price.subsidyFen", is(800))
            .body("price.donationFen", is(500))
            .body("price.payableFen", is(200))
            .extract()
            .path("id");
    // DIBAO may not touch the last quarter of it (250 of 1000): 250 left for DIBAO
    MealFixtures.lunch(dibao, c, DAY, dish)
        .statusCode(201)
        .body("price.subsidyFen", is(600))
        .body("price.donationFen", is(250))
        .body("price.payableFen", is(650));
    // 80+ may not touch the last half: the older pledge is out of reach, the newer pays 3 元
    MealFixtures.lunch(old, c, DAY, dish)
        .statusCode(201)
        .body("price.subsidyFen", is(500))
        .body("price.donationFen", is(300))
        .body("price.payableFen", is(700));
    // the tail the others could not reach goes to the next TEKUN elder
    MealFixtures.lunch(tekun2, c, DAY, dish)
        .statusCode(201)
        .body("price.donationFen", is(250))
        .body("price.payableFen", is(450));
    // a second lunch the same day is full price: no subsidy, no donation
    MealFixtures.lunch(tekun, c, DAY, dish)
        .statusCode(201)
        .body("price.donationFen", is(0))
        .body("price.payableFen", is(1500));

    // cancelling gives the money back to the older pledge
    given()
        .auth()
        .oauth2(tekun.accessToken())
        .delete("/api/v1/meals/orders/" + tekunOrder)
        .then()
        .statusCode(200);
    String view =
        given()
            .auth()
            .oauth2(donor1.accessToken())
            .get("/api/v1/meals/donations/" + older)
            .then()
            .statusCode(200)
            .body("pledgedFen", is(1000))
            .body("allocatedFen", is(500))
            .body("remainingFen", is(500))
            .body("mealsFunded", is(2))
            .body("fundedMeals.elderCategory", containsInAnyOrder("DIBAO", "TEKUN"))
            .body("fundedMeals[0].canteenName", startsWith("测试幸福食堂"))
            .body("fundedMeals[0].mealType", is("LUNCH"))
            .body("fundedMeals[0].mealDate", is(DAY.toString()))
            .extract()
            .asString();
    // donors never learn who ate
    assertThat(view).doesNotContain(dibao.id(), tekun2.id(), dibao.name(), tekun2.name());
    // another 80+ elder still cannot reach the older pledge's reserved half
    MealFixtures.lunch(MealFixtures.elder(92, DAY), c, DAY, dish)
        .statusCode(201)
        .body("price.donationFen", is(150));
    given()
        .auth()
        .oauth2(donor2.accessToken())
        .get("/api/v1/meals/donations")
        .then()
        .statusCode(200)
        .body("[0].id", is(newer))
        .body("[0].allocatedFen", is(450))
        .body("[0].remainingFen", is(450))
        .body("[0].fundedMeals.elderCategory", everyItem(is("AGE_80_PLUS")));
    given()
        .auth()
        .oauth2(donor2.accessToken())
        .get("/api/v1/meals/donations/" + older)
        .then()
        .statusCode(404);
    assertLedgerBalanced();
  }

  @Test
  void shouldRefuseAPledgeWithoutExactlyOnePool() {
    var donor = Citizens.login();
    given()
        .auth()
        .oauth2(donor.accessToken())
        .contentType(ContentType.JSON)
        .body("{\"meals\": 10, \"amountPerMealFen\": 500}")
        .post("/api/v1/meals/donations")
        .then()
        .statusCode(400)
        .body("errors[0].code", is("POOL_REQUIRED"));
    given()
        .auth()
        .oauth2(donor.accessToken())
        .contentType(ContentType.JSON)
        .body(
            "{\"canteenId\": \""
                + UUID.randomUUID()
                + "\", \"meals\": 10, \"amountPerMealFen\": 500}")
        .post("/api/v1/meals/donations")
        .then()
        .statusCode(404)
        .body("code", is("CANTEEN_NOT_FOUND"));
    given()
        .auth()
        .oauth2(donor.accessToken())
        .contentType(ContentType.JSON)
        .body("{\"regionCode\": \"371400\", \"meals\": 0, \"amountPerMealFen\": 50}")
        .post("/api/v1/meals/donations")
        .then()
        .statusCode(400)
        .body("errors.field", hasItems("meals", "amountPerMealFen"));
    given()
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/meals/donations")
        .then()
        .statusCode(401);
  }

  @Test
  void shouldKeepTheLedgerBalancedUnderConcurrentOrdersAndCancellations() throws Exception {
    var c = MealFixtures.canteen(MealFixtures.spec().capacity(100));
    String dish = MealFixtures.dish(c, DAY, "德州扒鸡", 1500, null);
    var donor = Citizens.login();
    String id = pledge(donor, "\"canteenId\": \"" + c.id() + "\"", 6, 400);
    List<Citizens.LoggedIn> elders = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      elders.add(MealFixtures.elder(80 + i, DAY));
    }
    // the first half order, then the second half orders while the first half cancels
    List<String> firstIds = new ArrayList<>();
    for (Citizens.LoggedIn e : elders.subList(0, 7)) {
      firstIds.add(MealFixtures.lunch(e, c, DAY, dish).statusCode(201).extract().path("id"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(10);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 7; i++) {
        Citizens.LoggedIn first = elders.get(i);
        String orderId = firstIds.get(i);
        Citizens.LoggedIn second = elders.get(7 + i);
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return given()
                      .auth()
                      .oauth2(first.accessToken())
                      .delete("/api/v1/meals/orders/" + orderId)
                      .then()
                      .extract()
                      .statusCode();
                }));
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return MealFixtures.lunch(second, c, DAY, dish).extract().statusCode();
                }));
      }
      start.countDown();
      for (Future<Integer> f : results) {
        assertThat(f.get()).isIn(200, 201);
      }
    } finally {
      pool.shutdownNow();
    }
    Map<String, Object> d =
        Db.query(
                "SELECT pledged_fen, allocated_fen, remaining_fen FROM meal_donation WHERE id = ?::uuid",
                UUID.fromString(id))
            .get(0);
    long allocated = ((Number) d.get("allocated_fen")).longValue();
    assertThat(allocated).isLessThanOrEqualTo(2400);
    // what the pledge shows allocated is exactly what the live orders hold
    assertThat(allocated)
        .isEqualTo(
            Db.count(
                "SELECT coalesce(sum(a.amount_fen), 0) FROM meal_donation_allocation a JOIN meal_order o ON o.id = a.order_id WHERE a.donation_id = ?::uuid AND o.status = 'CONFIRMED'",
                UUID.fromString(id)));
    assertLedgerBalanced();
  }

  @Test
  void shouldCorrectTheShareWhenConcurrentOrdersDrawThePledgeDownFirst() throws Exception {
    var c = MealFixtures.canteen(MealFixtures.spec().capacity(100));
    String dish = MealFixtures.dish(c, DAY, "红烧狮子头", 1500, null);
    // 4 meals x 4 yuan, half of it kept for the groups before 80+ elders: two shares in reach
    String id = pledge(Citizens.login(), "\"canteenId\": \"" + c.id() + "\"", 4, 400);
    List<Citizens.LoggedIn> elders = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      elders.add(MealFixtures.elder(80 + i, DAY));
    }
    ExecutorService pool = Executors.newFixedThreadPool(12);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Map<String, Object>>> results = new ArrayList<>();
    try {
      for (Citizens.LoggedIn e : elders) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  String key = "lunch-" + UUID.randomUUID();
                  var r = lunchWithKey(e, c, dish, key).statusCode(201).extract();
                  return Map.<String, Object>of(
                      "id", r.path("id"),
                      "key", key,
                      "elder", e,
                      "donationFen", r.path("price.donationFen"),
                      "payableFen", r.path("price.payableFen"));
                }));
      }
      start.countDown();
      for (Future<Map<String, Object>> f : results) {
        Map<String, Object> answer = f.get();
        // what the elder was told is what the order holds
        Map<String, Object> row =
            Db.query(
                    "SELECT donation_fen, payable_fen FROM meal_order WHERE id = ?::uuid",
                    UUID.fromString((String) answer.get("id")))
                .get(0);
        assertThat(((Number) row.get("donation_fen")).longValue())
            .isEqualTo(((Number) answer.get("donationFen")).longValue());
        assertThat(((Number) row.get("payable_fen")).longValue())
            .isEqualTo(((Number) answer.get("payableFen")).longValue());
        // a retry gets the answer the order was corrected to, not the one recorded before it
        var replayed =
            lunchWithKey(
                    (Citizens.LoggedIn) answer.get("elder"), c, dish, (String) answer.get("key"))
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .extract();
        assertThat((String) replayed.path("id")).isEqualTo(answer.get("id"));
        assertThat(((Number) replayed.path("price.payableFen")).longValue())
            .isEqualTo(((Number) row.get("payable_fen")).longValue());
        assertThat(((Number) replayed.path("price.donationFen")).longValue())
            .isEqualTo(((Number) row.get("donation_fen")).longValue());
      }
    } finally {
      pool.shutdownNow();
    }
    Map<String, Object> d =
        Db.query(
                "SELECT allocated_fen, remaining_fen FROM meal_donation WHERE id = ?::uuid",
                UUID.fromString(id))
            .get(0);
    assertThat(((Number) d.get("allocated_fen")).longValue()).isEqualTo(800);
    assertThat(
            Db.count(
                "SELECT count(*) FROM meal_order WHERE canteen_id = ?::uuid AND donation_fen > 0",
                UUID.fromString(c.id())))
        .isEqualTo(2);
    // the confirmations in the outbox carry the corrected amount
    assertThat(
            Db.count(
                "SELECT count(*) FROM meal_order o JOIN notification_outbox n ON n.dedup_key = 'meal:' || o.id || ':confirmed' WHERE o.canteen_id = ?::uuid AND (n.params->>'payableFen')::bigint = o.payable_fen",
                UUID.fromString(c.id())))
        .isEqualTo(12);
    assertLedgerBalanced();
  }

  private static ValidatableResponse lunchWithKey(
      Citizens.LoggedIn who, MealFixtures.TestCanteen c, String dish, String key) {
    return given()
        .auth()
        .oauth2(who.accessToken())
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body(MealFixtures.body(c, DAY, dish, 1, "PICKUP", null))
        .post("/api/v1/meals/orders")
        .then();
  }

  /** pledged = allocated + remaining for every pledge; allocations match their orders. */
  private static void assertLedgerBalanced() {
    assertThat(
            Db.count(
                "SELECT count(*) FROM meal_donation WHERE pledged_fen <> allocated_fen + remaining_fen OR remaining_fen < 0"))
        .isZero();
    assertThat(
            Db.count(
                "SELECT count(*) FROM meal_donation d WHERE allocated_fen <> (SELECT coalesce(sum(amount_fen), 0) FROM meal_donation_allocation a WHERE a.donation_id = d.id)"))
        .isZero();
    assertThat(
            Db.count(
                "SELECT count(*) FROM meal_donation_allocation a JOIN meal_order o ON o.id = a.order_id WHERE o.donation_fen <> a.amount_fen OR o.status IN ('CANCELLED', 'MISSED')"))
        .isZero();
  }
}
