package org.fingertip.meal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.fingertip.platform.web.AppClock;
import org.fingertip.support.Citizens;
import org.fingertip.support.Db;
import org.fingertip.support.Tokens;
import org.junit.jupiter.api.Test;

/** The counter: redemption once and only by that canteen, missed meals, monthly settlement. */
@QuarkusTest
class MealRedemptionTest {

  private static final LocalDate DAY = LocalDate.now(AppClock.ZONE).plusDays(6);

  @Inject AppClock clock;

  private static io.restassured.response.ValidatableResponse redeem(String token, String code) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body("{\"orderCode\": \"" + code + "\"}")
        .post("/api/v1/staff/meals/redemptions")
        .then();
  }

  @Test
  void shouldRedeemOnceOnlyAtThatCanteenOnThatDay() {
    var a = MealFixtures.canteen(MealFixtures.spec());
    var b = MealFixtures.canteen(MealFixtures.spec());
    String dish = MealFixtures.dish(a, DAY, "清蒸鲈鱼", 1500, null);
    MealFixtures.dish(a, DAY.plusDays(1), "清蒸鲈鱼", 1500, null);
    var elder = MealFixtures.elder(77, DAY);
    var other = MealFixtures.elder(65, DAY);
    var citizen = Citizens.login();
    JsonPath first = MealFixtures.lunch(elder, a, DAY, dish).statusCode(201).extract().jsonPath();
    JsonPath byQr = MealFixtures.lunch(other, a, DAY, dish).statusCode(201).extract().jsonPath();
    JsonPath tomorrow =
        MealFixtures.lunch(elder, a, DAY.plusDays(1), dish).statusCode(201).extract().jsonPath();
    try {
      MealFixtures.at(clock, DAY, "11:30");
      redeem(b.operatorToken(), first.getString("code"))
          .statusCode(404)
          .body("code", is("ORDER_NOT_FOUND"));
      redeem(a.operatorToken(), first.getString("code").toLowerCase())
          .statusCode(200)
          .body("orderId", is(first.getString("id")))
          .body("elderName", containsString("*"))
          .body("items[0].name", is("清蒸鲈鱼"))
          .body("payableFen", is(1200));
      redeem(a.operatorToken(), first.getString("code"))
          .statusCode(409)
          .body("code", is("ALREADY_REDEEMED"));
      redeem(a.operatorToken(), tomorrow.getString("code"))
          .statusCode(409)
          .body("code", is("WRONG_DAY"))
          .body("mealDate", is(DAY.plusDays(1).toString()));
      // the signed QR token works; a tampered one does not
      String token = byQr.getString("qrToken");
      redeem(a.operatorToken(), token.substring(0, token.length() - 2) + "xx").statusCode(404);
      redeem(a.operatorToken(), token).statusCode(200).body("orderId", is(byQr.getString("id")));
      redeem(citizen.accessToken(), token).statusCode(403);
      redeem(a.operatorToken(), "ZZZZZZZZ").statusCode(404);
    } finally {
      clock.reset();
    }
    assertThat(
            Db.query(
                    "SELECT status, served_at FROM meal_order WHERE id = ?::uuid",
                    UUID.fromString(first.getString("id")))
                .get(0))
        .containsEntry("status", "SERVED")
        .extractingByKey("served_at")
        .isNotNull();
  }

  @Test
  void shouldMarkUncollectedMealsMissedWithoutSubsidyAndTellTheFamily() {
    var c = MealFixtures.canteen(MealFixtures.spec());
    String dish = MealFixtures.dish(c, DAY, "小米南瓜粥", 500, null);
    var mother = MealFixtures.elder(85, DAY);
    var daughter = MealFixtures.person(LocalDate.of(1970, 6, 6));
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
        .body("{}")
        .post("/api/v1/me/proxies/" + proxyId + "/accept")
        .then()
        .statusCode(200);
    MealFixtures.flags(mother.id(), c, "[\"LIVES_ALONE\"]", "");
    String id = MealFixtures.lunch(mother, c, DAY, dish).statusCode(201).extract().path("id");
    String code =
        Db.query("SELECT code FROM meal_order WHERE id = ?::uuid", UUID.fromString(id))
            .get(0)
            .get("code")
            .toString();
    String admin = Tokens.admin();
    try {
      MealFixtures.at(clock, DAY, "12:59");
      given().auth().oauth2(admin).post("/api/v1/staff/meals/missed-runs").then().statusCode(200);
      assertThat(status(id)).isEqualTo("CONFIRMED");
      MealFixtures.at(clock, DAY, "13:01");
      given()
          .auth()
          .oauth2(admin)
          .post("/api/v1/staff/meals/missed-runs")
          .then()
          .statusCode(200)
          .body("marked", greaterThanOrEqualTo(1));
      assertThat(status(id)).isEqualTo("MISSED");
      redeem(c.operatorToken(), code).statusCode(409).body("code", is("ORDER_NOT_REDEEMABLE"));
      given()
          .auth()
          .oauth2(mother.accessToken())
          .delete("/api/v1/meals/orders/" + id)
          .then()
          .statusCode(409);
    } finally {
      clock.reset();
    }
    assertThat(
            Db.count(
                "SELECT count(*) FROM notification_outbox WHERE recipient_id = ?::uuid AND template = 'MEAL_MISSED'",
                UUID.fromString(mother.id())))
        .isEqualTo(1);
    assertThat(
            Db.count(
                "SELECT count(*) FROM notification_outbox WHERE recipient_id = ?::uuid AND template = 'MEAL_MISSED_FAMILY'",
                UUID.fromString(daughter.id())))
        .isEqualTo(1);
    given()
        .auth()
        .oauth2(Citizens.login().accessToken())
        .post("/api/v1/staff/meals/missed-runs")
        .then()
        .statusCode(403);
  }

  private static String status(String id) {
    return Db.query("SELECT status FROM meal_order WHERE id = ?::uuid", UUID.fromString(id))
        .get(0)
        .get("status")
        .toString();
  }

  @Test
  void shouldSettleTheMonthExactlyAsTheSumOfServedOrders() {
    var c = MealFixtures.canteen(MealFixtures.spec());
    var otherCanteen = MealFixtures.canteen(MealFixtures.spec());
    String dish = MealFixtures.dish(c, DAY, "沂蒙炒鸡", 1300, null);
    var e60 = MealFixtures.elder(62, DAY);
    var e70 = MealFixtures.elder(73, DAY);
    var e80 = MealFixtures.elder(88, DAY);
    var missed = MealFixtures.elder(66, DAY);
    String[] codes = new String[3];
    int i = 0;
    for (var e : new Citizens.LoggedIn[] {e60, e70, e80}) {
      codes[i++] = MealFixtures.lunch(e, c, DAY, dish).statusCode(201).extract().path("code");
    }
    // a second, full-price lunch for the 88-year-old
    String second = MealFixtures.lunch(e80, c, DAY, dish).statusCode(201).extract().path("code");
    MealFixtures.lunch(missed, c, DAY, dish).statusCode(201);
    String decheng = Citizens.staffToken("decheng.mz", "caseworker-dev-123");
    String sucheng = Citizens.staffToken("sucheng.mz", "caseworker-dev-123");
    try {
      MealFixtures.at(clock, DAY, "11:40");
      for (String code : codes) {
        redeem(c.operatorToken(), code).statusCode(200);
      }
      redeem(c.operatorToken(), second).statusCode(200);
      MealFixtures.at(clock, DAY, "14:00");
      given()
          .auth()
          .oauth2(Tokens.admin())
          .post("/api/v1/staff/meals/missed-runs")
          .then()
          .statusCode(200);
    } finally {
      clock.reset();
    }
    String month = DAY.toString().substring(0, 7);
    String url = "/api/v1/staff/meals/settlements?canteenId=" + c.id() + "&month=" + month;
    JsonPath s =
        given()
            .auth()
            .oauth2(c.operatorToken())
            .accept(ContentType.JSON)
            .get(url)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    Map<String, Object> db =
        Db.query(
                "SELECT count(*) AS n, sum(dish_total_fen) AS total, sum(subsidy_fen) AS subsidy, sum(donation_fen) AS donation,"
                    + " sum(payable_fen) AS paid FROM meal_order WHERE canteen_id = ?::uuid AND status = 'SERVED'",
                UUID.fromString(c.id()))
            .get(0);
    assertThat(s.getLong("total.servedMeals"))
        .isEqualTo(((Number) db.get("n")).longValue())
        .isEqualTo(4);
    assertThat(s.getLong("total.dishTotalFen"))
        .isEqualTo(((Number) db.get("total")).longValue())
        .isEqualTo(5200);
    assertThat(s.getLong("total.subsidyFen"))
        .isEqualTo(((Number) db.get("subsidy")).longValue())
        .isEqualTo(200 + 300 + 500);
    assertThat(s.getLong("total.donationFen")).isEqualTo(((Number) db.get("donation")).longValue());
    assertThat(s.getLong("total.elderPaidFen"))
        .isEqualTo(((Number) db.get("paid")).longValue())
        .isEqualTo(5200 - 1000);
    assertThat(s.getLong("missedMeals")).isEqualTo(1);
    assertThat(s.getList("lines.category", String.class))
        .containsExactly("AGE_60_69", "AGE_70_79", "AGE_80_PLUS");
    assertThat(s.getLong("lines.find { it.category == 'AGE_80_PLUS' }.servedMeals")).isEqualTo(2);

    byte[] csv =
        given()
            .auth()
            .oauth2(decheng)
            .accept("text/csv")
            .get(url)
            .then()
            .statusCode(200)
            .contentType(containsString("text/csv"))
            .extract()
            .asByteArray();
    assertThat(csv[0]).isEqualTo((byte) 0xEF);
    assertThat(csv[1]).isEqualTo((byte) 0xBB);
    assertThat(csv[2]).isEqualTo((byte) 0xBF);
    String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
    assertThat(text)
        .contains("测试幸福食堂", "老人类别", "80岁及以上,2,26.00,5.00,", "合计,4,52.00,10.00,", "未取餐(不予补贴),1");

    // out of scope: another region's caseworker, another canteen's operator, a citizen
    given()
        .auth()
        .oauth2(sucheng)
        .get(url)
        .then()
        .statusCode(404)
        .body("code", is("CANTEEN_NOT_FOUND"));
    given().auth().oauth2(otherCanteen.operatorToken()).get(url).then().statusCode(404);
    given().auth().oauth2(Citizens.login().accessToken()).get(url).then().statusCode(403);
    given()
        .auth()
        .oauth2(c.operatorToken())
        .get("/api/v1/staff/meals/settlements?canteenId=" + c.id() + "&month=2026-13")
        .then()
        .statusCode(400)
        .body("errors[0].field", is("month"));
  }
}
