package org.fingertip.meal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fingertip.platform.web.AppClock;
import org.fingertip.support.Citizens;
import org.fingertip.support.Db;
import org.junit.jupiter.api.Test;

/** Ordering: cutoff, every check's code, subsidy tiers, second meals, proxies, cancel, reorder. */
@QuarkusTest
class MealOrderTest {

  private static final LocalDate DAY = LocalDate.now(AppClock.ZONE).plusDays(4);

  @Inject AppClock clock;

  @Test
  void shouldAcceptOrdersUntilOneSecondBeforeTheCutoffAndNotAfter() {
    var c = MealFixtures.canteen(MealFixtures.spec());
    String dish = MealFixtures.dish(c, DAY, "番茄炒蛋", 800, null);
    var early = MealFixtures.elder(66, DAY);
    var late = MealFixtures.elder(67, DAY);
    try {
      MealFixtures.at(clock, DAY, "09:29:59");
      String id =
          MealFixtures.lunch(early, c, DAY, dish)
              .statusCode(201)
              .body("cutoffAt", startsWith(DAY + "T09:30"))
              .extract()
              .path("id");
      MealFixtures.at(clock, DAY, "09:30:01");
      MealFixtures.lunch(late, c, DAY, dish)
          .statusCode(409)
          .body("code", is("CUTOFF_PASSED"))
          .body("cutoffAt", startsWith(DAY + "T09:30"));
      given()
          .auth()
          .oauth2(early.accessToken())
          .delete("/api/v1/meals/orders/" + id)
          .then()
          .statusCode(409)
          .body("code", is("CUTOFF_PASSED"));
    } finally {
      clock.reset();
    }
    assertThat(
            Db.count(
                "SELECT count(*) FROM meal_order WHERE canteen_id = ?::uuid",
                UUID.fromString(c.id())))
        .isEqualTo(1);
  }

  @Test
  void shouldSubsidiseByAgeOnTheMealDate() {
    var c = MealFixtures.canteen(MealFixtures.spec());
    String dish = MealFixtures.dish(c, DAY, "清蒸鲈鱼", 1500, null);
    MealFixtures.lunch(MealFixtures.elder(59, DAY), c, DAY, dish)
        .statusCode(422)
        .body("code", is("NOT_AN_ELDER"))
        .body("ageOnMealDate", is(59));
    int[][] tiers = {{60, 200}, {69, 200}, {70, 300}, {79, 300}, {80, 500}};
    for (int[] tier : tiers) {
      MealFixtures.lunch(MealFixtures.elder(tier[0], DAY), c, DAY, dish)
          .statusCode(201)
          .body("price.dishTotalFen", is(1500))
          .body("price.subsidyFen", is(tier[1]))
          .body("price.donationFen", is(0))
          .body("price.payableFen", is(1500 - tier[1]))
          .body("price.subsidised", is(true))
          .body(
              "category",
              is(tier[0] >= 80 ? "AGE_80_PLUS" : tier[0] >= 70 ? "AGE_70_79" : "AGE_60_69"));
    }
    // 59 the day before the 60th birthday: still not an elder
    MealFixtures.lunch(MealFixtures.person(DAY.minusYears(60).plusDays(1)), c, DAY, dish)
        .statusCode(422)
        .body("code", is("NOT_AN_ELDER"));
  }

  @Test
  void shouldChargeFullPriceForASecondLunchTheSameDay() {
    var c = MealFixtures.canteen(MealFixtures.spec());
    String dish = MealFixtures.dish(c, DAY, "白菜炖豆腐", 700, null);
    var elder = MealFixtures.elder(75, DAY);
    MealFixtures.lunch(elder, c, DAY, dish).statusCode(201).body("price.subsidyFen", is(300));
    MealFixtures.lunch(elder, c, DAY, dish)
        .statusCode(201)
        .body("price.subsidised", is(false))
        .body("price.subsidyFen", is(0))
        .body("price.payableFen", is(700))
        .body("price.note", containsString("原价"));
    // the next day is subsidised again
    MealFixtures.dish(c, DAY.plusDays(1), "白菜炖豆腐", 700, null);
    MealFixtures.lunch(elder, c, DAY.plusDays(1), dish)
        .statusCode(201)
        .body("price.subsidyFen", is(300));
  }

  @Test
  void shouldAnswerEachBrokenRuleWithItsOwnCode() {
    var c = MealFixtures.canteen(MealFixtures.spec().capacity(1));
    String dish = MealFixtures.dish(c, DAY, "土豆烧鸡块", 900, 5);
    String scarce = MealFixtures.dish(c, DAY, "清真牛肉", 1200, 1);
    var a = MealFixtures.elder(71, DAY);
    var b = MealFixtures.elder(72, DAY);

    MealFixtures.lunch(a, c, DAY, UUID.randomUUID().toString())
        .statusCode(422)
        .body("code", is("DISH_NOT_ON_MENU"));
    MealFixtures.order(a.accessToken(), MealFixtures.body(c, DAY, scarce, 2, "PICKUP", null))
        .statusCode(409)
        .body("code", is("DISH_SOLD_OUT"));
    // the failed order took nothing: the place and the dish are still there
    assertThat(
            Db.count(
                "SELECT coalesce(sum(taken), 0) FROM meal_capacity WHERE canteen_id = ?::uuid",
                UUID.fromString(c.id())))
        .isZero();
    MealFixtures.lunch(a, c, DAY, dish).statusCode(201);
    MealFixtures.lunch(b, c, DAY, dish).statusCode(409).body("code", is("MEAL_CAPACITY_FULL"));
    // the dish of another day's menu is not on this day's
    MealFixtures.lunch(b, c, DAY.plusDays(1), dish)
        .statusCode(422)
        .body("code", is("DISH_NOT_ON_MENU"));
    MealFixtures.lunch(b, c, LocalDate.now(AppClock.ZONE).plusDays(30), dish)
        .statusCode(422)
        .body("code", is("ORDER_TOO_EARLY"));

    // not real-name bound yet
    MealFixtures.order(
            Citizens.login().accessToken(), MealFixtures.body(c, DAY, dish, 1, "PICKUP", null))
        .statusCode(409)
        .body("code", is("IDENTITY_NOT_VERIFIED"));
    // malformed orders name their fields
    MealFixtures.order(a.accessToken(), "{\"canteenId\": \"" + c.id() + "\", \"items\": []}")
        .statusCode(400)
        .body("errors.field", hasItems("date", "mealType", "fulfilment", "items"));
    given()
        .contentType(ContentType.JSON)
        .body(MealFixtures.body(c, DAY, dish, 1, "PICKUP", null))
        .post("/api/v1/meals/orders")
        .then()
        .statusCode(401);
  }

  @Test
  void shouldKeepWorkingDayCanteensClosedOnHolidaysAndWeekends() {
    var c = MealFixtures.canteen(MealFixtures.spec().opening("WORKING_DAYS"));
    LocalDate sunday = LocalDate.now(AppClock.ZONE).plusDays(1);
    while (sunday.getDayOfWeek() != DayOfWeek.SUNDAY) {
      sunday = sunday.plusDays(1);
    }
    String dish = MealFixtures.dish(c, sunday, "杂粮饭", 300, null);
    var elder = MealFixtures.elder(68, sunday);
    MealFixtures.lunch(elder, c, sunday, dish).statusCode(409).body("code", is("CANTEEN_CLOSED"));
    // 国庆节 2026-10-01 closed; the make-up working Saturday 2026-10-10 open
    LocalDate holiday = LocalDate.of(2026, 10, 1);
    LocalDate makeUp = LocalDate.of(2026, 10, 10);
    String d1 = MealFixtures.dish(c, holiday, "杂粮饭", 300, null);
    MealFixtures.dish(c, makeUp, "杂粮饭", 300, null);
    var old = MealFixtures.elder(70, holiday);
    try {
      MealFixtures.at(clock, LocalDate.of(2026, 9, 28), "10:00");
      MealFixtures.lunch(old, c, holiday, d1).statusCode(409).body("code", is("CANTEEN_CLOSED"));
      MealFixtures.lunch(old, c, makeUp, d1).statusCode(201);
      given()
          .get("/api/v1/meals/canteens/" + c.id() + "/menus?date=" + holiday)
          .then()
          .statusCode(200)
          .body("open", is(false))
          .body("meals[0].orderable", is(false))
          .body("meals[0].placesLeft", is(0));
    } finally {
      clock.reset();
    }
  }

  @Test
  void shouldDeliverOnlyWhereOfferedToAssessedEldersInsideTheRadius() {
    var pickupOnly = MealFixtures.canteen(MealFixtures.spec());
    var delivering = MealFixtures.canteen(MealFixtures.spec().delivery(1500).at(37.4392, 116.3089));
    String d1 = MealFixtures.dish(pickupOnly, DAY, "肉末蒸蛋", 500, null);
    String d2 = MealFixtures.dish(delivering, DAY, "肉末蒸蛋", 500, null);
    var elder = MealFixtures.elder(83, DAY);
    MealFixtures.order(
            elder.accessToken(), MealFixtures.body(pickupOnly, DAY, d1, 1, "DELIVERY", null))
        .statusCode(422)
        .body("code", is("DELIVERY_NOT_AVAILABLE"))
        .body("reason", is("NOT_OFFERED"));
    MealFixtures.order(
            elder.accessToken(), MealFixtures.body(delivering, DAY, d2, 1, "DELIVERY", null))
        .statusCode(422)
        .body("code", is("DELIVERY_NOT_AVAILABLE"))
        .body("reason", is("NOT_ASSESSED"));
    // lives about 2.2 km away: outside the 1.5 km radius
    MealFixtures.flags(
        elder.id(),
        delivering,
        "[\"NEEDS_DELIVERY\"]",
        ", \"latitude\": 37.4592, \"longitude\": 116.3089");
    MealFixtures.order(
            elder.accessToken(), MealFixtures.body(delivering, DAY, d2, 1, "DELIVERY", null))
        .statusCode(422)
        .body("code", is("DELIVERY_NOT_AVAILABLE"))
        .body("reason", is("OUT_OF_RANGE"));
    MealFixtures.flags(
        elder.id(),
        delivering,
        "[\"NEEDS_DELIVERY\"]",
        ", \"address\": \"新湖大街 20 号\", \"latitude\": 37.4482, \"longitude\": 116.3089");
    MealFixtures.order(
            elder.accessToken(), MealFixtures.body(delivering, DAY, d2, 1, "DELIVERY", null))
        .statusCode(201)
        .body("fulfilment", is("DELIVERY"));
  }

  @Test
  void shouldLetAnActiveProxyWithTheScopeOrderForAParent() {
    var c = MealFixtures.canteen(MealFixtures.spec());
    String dish = MealFixtures.dish(c, DAY, "山药炒木耳", 600, null);
    var mother = MealFixtures.elder(78, DAY);
    var daughter = MealFixtures.person(LocalDate.of(1985, 3, 3));
    String forMother = MealFixtures.body(c, DAY, dish, 1, "PICKUP", mother.id());
    MealFixtures.order(daughter.accessToken(), forMother)
        .statusCode(403)
        .body("code", is("PROXY_NOT_ACTIVE"));

    String proxyId =
        given()
            .auth()
            .oauth2(daughter.accessToken())
            .contentType(ContentType.JSON)
            .body(
                "{\"realName\": \""
                    + mother.name()
                    + "\", \"idNumber\": \""
                    + mother.idNumber()
                    + "\", \"relation\": \"CHILD\"}")
            .post("/api/v1/me/proxies")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    given()
        .auth()
        .oauth2(mother.accessToken())
        .contentType(ContentType.JSON)
        .body("{\"scopes\": [\"VIEW_STATUS\"]}")
        .post("/api/v1/me/proxies/" + proxyId + "/accept")
        .then()
        .statusCode(200);
    MealFixtures.order(daughter.accessToken(), forMother)
        .statusCode(403)
        .body("code", is("PROXY_SCOPE_MISSING"));

    given()
        .auth()
        .oauth2(mother.accessToken())
        .contentType(ContentType.JSON)
        .body("{\"scopes\": [\"VIEW_STATUS\", \"ORDER_MEALS\"]}")
        .put("/api/v1/me/proxies/" + proxyId + "/scopes")
        .then()
        .statusCode(200);
    String orderId =
        MealFixtures.order(daughter.accessToken(), forMother)
            .statusCode(201)
            .body("citizenId", is(mother.id()))
            .body("placedBy", is(daughter.id()))
            .body("price.subsidyFen", is(300))
            .extract()
            .path("id");
    // both see it; the mother sees what was done for her; both were notified
    given()
        .auth()
        .oauth2(daughter.accessToken())
        .get("/api/v1/meals/orders")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(orderId));
    given()
        .auth()
        .oauth2(mother.accessToken())
        .get("/api/v1/meals/orders/" + orderId)
        .then()
        .statusCode(200)
        .body("code", notNullValue());
    assertThat(
            Db.count(
                "SELECT count(*) FROM proxy_action WHERE subject_id = ?::uuid AND action = 'MEAL_ORDERED'",
                mother.id()))
        .isEqualTo(1);
    assertThat(
            Db.count(
                "SELECT count(*) FROM notification_outbox WHERE recipient_id = ?::uuid AND template = 'MEAL_ORDER_CONFIRMED'",
                mother.id()))
        .isEqualTo(1);
    assertThat(
            Db.count(
                "SELECT count(*) FROM notification_outbox WHERE recipient_id = ?::uuid AND template = 'MEAL_ORDER_CONFIRMED_FAMILY'",
                daughter.id()))
        .isEqualTo(1);
    // the daughter may cancel it for her mother
    given()
        .auth()
        .oauth2(daughter.accessToken())
        .delete("/api/v1/meals/orders/" + orderId)
        .then()
        .statusCode(200)
        .body("status", is("CANCELLED"));
  }

  @Test
  void shouldCancelBeforeTheCutoffAndGiveThePlaceAndSubsidyBack() {
    var c = MealFixtures.canteen(MealFixtures.spec().capacity(1));
    String dish = MealFixtures.dish(c, DAY, "冬瓜虾皮汤", 400, 3);
    var elder = MealFixtures.elder(81, DAY);
    var other = MealFixtures.elder(82, DAY);
    String id = MealFixtures.lunch(elder, c, DAY, dish).statusCode(201).extract().path("id");
    MealFixtures.lunch(other, c, DAY, dish).statusCode(409).body("code", is("MEAL_CAPACITY_FULL"));

    given()
        .auth()
        .oauth2(elder.accessToken())
        .delete("/api/v1/meals/orders/" + id)
        .then()
        .statusCode(200)
        .body("status", is("CANCELLED"))
        .body("cancelledAt", notNullValue());
    assertThat(
            Db.count(
                "SELECT taken FROM meal_capacity WHERE canteen_id = ?::uuid",
                UUID.fromString(c.id())))
        .isZero();
    assertThat(Db.count("SELECT sold FROM meal_menu_item WHERE dish_id = ?::uuid", dish)).isZero();
    assertThat(
            Db.count(
                "SELECT count(*) FROM meal_subsidy_use WHERE citizen_id = ?::uuid", elder.id()))
        .isZero();
    given()
        .auth()
        .oauth2(elder.accessToken())
        .delete("/api/v1/meals/orders/" + id)
        .then()
        .statusCode(409)
        .body("code", is("ORDER_NOT_CANCELLABLE"));
    // the freed place goes to the next elder; the first elder's subsidy is free again
    MealFixtures.lunch(other, c, DAY, dish).statusCode(201);
    given()
        .get("/api/v1/meals/canteens/" + c.id() + "/menus?date=" + DAY)
        .then()
        .body("meals[0].placesLeft", is(0));
  }

  @Test
  void shouldHideAnotherCitizensOrder() {
    var c = MealFixtures.canteen(MealFixtures.spec());
    String dish = MealFixtures.dish(c, DAY, "鸡蛋羹", 300, null);
    var elder = MealFixtures.elder(64, DAY);
    String id = MealFixtures.lunch(elder, c, DAY, dish).statusCode(201).extract().path("id");
    var stranger = Citizens.login();
    given()
        .auth()
        .oauth2(stranger.accessToken())
        .get("/api/v1/meals/orders/" + id)
        .then()
        .statusCode(404)
        .body("code", is("ORDER_NOT_FOUND"));
    given()
        .auth()
        .oauth2(stranger.accessToken())
        .delete("/api/v1/meals/orders/" + id)
        .then()
        .statusCode(404);
    given()
        .auth()
        .oauth2(stranger.accessToken())
        .contentType(ContentType.JSON)
        .body("{\"date\": \"" + DAY.plusDays(1) + "\"}")
        .post("/api/v1/meals/orders/" + id + "/reorder")
        .then()
        .statusCode(404);
    given()
        .auth()
        .oauth2(stranger.accessToken())
        .get("/api/v1/meals/orders")
        .then()
        .statusCode(200)
        .body("items", empty());
    given()
        .auth()
        .oauth2(stranger.accessToken())
        .get("/api/v1/meals/orders/nope")
        .then()
        .statusCode(404);
    given().get("/api/v1/meals/orders/" + id).then().statusCode(401);
    given()
        .auth()
        .oauth2(elder.accessToken())
        .get("/api/v1/meals/orders/" + id)
        .then()
        .statusCode(200)
        .body("items[0].name", is("鸡蛋羹"))
        .body("qrToken", startsWith(id + "."));
  }

  @Test
  void shouldReorderForAnotherDayRepricedAndRechecked() {
    var c = MealFixtures.canteen(MealFixtures.spec());
    String dish = MealFixtures.dish(c, DAY, "红烧狮子头", 1000, null);
    MealFixtures.dish(c, DAY.plusDays(1), "红烧狮子头", 1100, null);
    var elder = MealFixtures.elder(90, DAY);
    String id =
        MealFixtures.order(elder.accessToken(), MealFixtures.body(c, DAY, dish, 2, "PICKUP", null))
            .statusCode(201)
            .body("price.dishTotalFen", is(2000))
            .extract()
            .path("id");
    given()
        .auth()
        .oauth2(elder.accessToken())
        .contentType(ContentType.JSON)
        .body("{\"date\": \"" + DAY.plusDays(1) + "\"}")
        .post("/api/v1/meals/orders/" + id + "/reorder")
        .then()
        .statusCode(201)
        .body("reorderedFrom", is(id))
        .body("mealDate", is(DAY.plusDays(1).toString()))
        .body("items[0].quantity", is(2))
        .body("price.dishTotalFen", is(2200))
        .body("price.subsidyFen", is(500));
    given()
        .auth()
        .oauth2(elder.accessToken())
        .contentType(ContentType.JSON)
        .body("{\"date\": \"" + DAY.plusDays(2) + "\"}")
        .post("/api/v1/meals/orders/" + id + "/reorder")
        .then()
        .statusCode(422)
        .body("code", is("DISH_NOT_ON_MENU"));
  }

  @Test
  void shouldReplayAnOrderRetriedWithTheSameIdempotencyKey() {
    var c = MealFixtures.canteen(MealFixtures.spec());
    String dish = MealFixtures.dish(c, DAY, "小米粥", 200, null);
    var elder = MealFixtures.elder(66, DAY);
    String body = MealFixtures.body(c, DAY, dish, 1, "PICKUP", null);
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ids.add(
          given()
              .auth()
              .oauth2(elder.accessToken())
              .header("Idempotency-Key", "lunch-" + elder.id())
              .contentType(ContentType.JSON)
              .body(body)
              .post("/api/v1/meals/orders")
              .then()
              .statusCode(201)
              .extract()
              .path("id"));
    }
    assertThat(ids.get(0)).isEqualTo(ids.get(1));
    assertThat(
            Db.count(
                "SELECT count(*) FROM meal_order WHERE citizen_id = ?::uuid",
                UUID.fromString(elder.id())))
        .isEqualTo(1);
  }

  @Test
  void shouldLimitHowOftenOneAccountOrders() {
    var someone = Citizens.login();
    for (int i = 0; i < 20; i++) {
      MealFixtures.order(someone.accessToken(), "{\"items\": []}").statusCode(400);
    }
    MealFixtures.order(someone.accessToken(), "{\"items\": []}")
        .statusCode(429)
        .header("Retry-After", notNullValue())
        .body("code", is("RATE_LIMITED"));
  }
}
