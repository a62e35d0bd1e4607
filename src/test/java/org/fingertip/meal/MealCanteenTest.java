package org.fingertip.meal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import org.fingertip.platform.web.AppClock;
import org.fingertip.support.Citizens;
import org.fingertip.support.Db;
import org.junit.jupiter.api.Test;

/** Canteens by distance and filters, menus with places left, operators publishing menus. */
@QuarkusTest
class MealCanteenTest {

  @Inject AppClock clock;

  @Test
  void shouldSortCanteensByDistanceAndRefuseBadCoordinates() {
    // three canteens far from every other (南太平洋), at about 3 km, 1 km and 2 km
    var far = MealFixtures.canteen(MealFixtures.spec().at(-20.027, -150.0));
    var near = MealFixtures.canteen(MealFixtures.spec().at(-20.009, -150.0));
    var middle = MealFixtures.canteen(MealFixtures.spec().at(-20.018, -150.0));
    List<String> ids =
        given()
            .get("/api/v1/meals/canteens?near=-20.0,-150.0")
            .then()
            .statusCode(200)
            .body("[0].distanceMetres", allOf(greaterThan(950), lessThan(1050)))
            .body("[1].distanceMetres", allOf(greaterThan(1950), lessThan(2050)))
            .extract()
            .path("id");
    assertThat(ids.subList(0, 3)).containsExactly(near.id(), middle.id(), far.id());

    for (String bad : List.of("abc", "91,120", "37.4,200", "37.4")) {
      given()
          .get("/api/v1/meals/canteens?near=" + bad)
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors[0].field", is("near"))
          .body("errors[0].code", is("COORDINATES_INVALID"));
    }
  }

  @Test
  void shouldFilterByRegionAndOpeningDay() {
    // 德城区 holds the demo canteens of 新湖街道 and 长河街道, not those of 宿迁 or 临沂
    List<String> names =
        given()
            .get("/api/v1/meals/canteens?region=371402")
            .then()
            .statusCode(200)
            .extract()
            .path("name");
    assertThat(names).contains("新湖街道幸福食堂", "长河街道助老食堂").doesNotContain("幸福街道助老食堂", "兰山街道幸福食堂");
    // 2026-10-01 国庆节: working-day canteens are closed, daily ones open
    List<String> open =
        given()
            .get("/api/v1/meals/canteens?region=371402&openOn=2026-10-01")
            .then()
            .statusCode(200)
            .body("openOnDate", everyItem(is(true)))
            .extract()
            .path("name");
    assertThat(open).contains("新湖街道幸福食堂").doesNotContain("长河街道助老食堂");
    // 2026-10-10 is a make-up working Saturday: both open
    List<String> makeUp =
        given()
            .get("/api/v1/meals/canteens?region=371402&openOn=2026-10-10")
            .then()
            .extract()
            .path("name");
    assertThat(makeUp).contains("新湖街道幸福食堂", "长河街道助老食堂");
    given()
        .get("/api/v1/meals/canteens?openOn=2026-13-01")
        .then()
        .statusCode(400)
        .body("errors[0].field", is("openOn"));
    given()
        .get("/api/v1/meals/canteens?region=999999")
        .then()
        .statusCode(404)
        .body("code", is("REGION_NOT_FOUND"));
  }

  @Test
  void shouldShowMenusWithPricesTagsPlacesAndCutoff() {
    LocalDate day = LocalDate.now(AppClock.ZONE).plusDays(2);
    var c = MealFixtures.canteen(MealFixtures.spec().capacity(30));
    String limited = MealFixtures.dish(c, day, "红烧狮子头", 1200, 10);
    MealFixtures.dish(c, day, "小米南瓜粥", 300, null);
    var elder = MealFixtures.elder(72, day);
    MealFixtures.order(elder.accessToken(), MealFixtures.body(c, day, limited, 2, "PICKUP", null))
        .statusCode(201);

    given()
        .get("/api/v1/meals/canteens/" + c.id() + "/menus?date=" + day)
        .then()
        .statusCode(200)
        .body("open", is(true))
        .body("meals", hasSize(1))
        .body("meals[0].mealType", is("LUNCH"))
        .body("meals[0].capacity", is(30))
        .body("meals[0].placesLeft", is(29))
        .body("meals[0].orderable", is(true))
        .body("meals[0].cutoffAt", startsWith(day + "T09:30"))
        .body("meals[0].dishes.find { it.name == '红烧狮子头' }.priceFen", is(1200))
        .body("meals[0].dishes.find { it.name == '红烧狮子头' }.dailyQuantity", is(10))
        .body("meals[0].dishes.find { it.name == '红烧狮子头' }.quantityLeft", is(8))
        .body("meals[0].dishes.find { it.name == '红烧狮子头' }.tags", contains("软食"))
        .body("meals[0].dishes.find { it.name == '小米南瓜粥' }.dailyQuantity", nullValue());
    given()
        .get("/api/v1/meals/canteens/not-a-uuid/menus")
        .then()
        .statusCode(404)
        .body("code", is("CANTEEN_NOT_FOUND"));
    given()
        .get("/api/v1/meals/canteens/" + c.id() + "/menus?date=tomorrow")
        .then()
        .statusCode(400)
        .body("errors[0].field", is("date"));
  }

  @Test
  void shouldLetOperatorsPublishMenusForTheirOwnCanteenOnly() {
    LocalDate day = LocalDate.now(AppClock.ZONE).plusDays(3);
    var mine = MealFixtures.canteen(MealFixtures.spec());
    var other = MealFixtures.canteen(MealFixtures.spec());
    String menu =
        "{\"items\": [{\"name\": \"清蒸鲈鱼\", \"tags\": [\"低盐\", \"软食\"], \"priceFen\": 1500,"
            + " \"dailyQuantity\": 20}, {\"name\": \"山药炒木耳\", \"tags\": [\"低糖\"], \"priceFen\": 600}]}";
    String path = "/api/v1/staff/meals/canteens/%s/menus/" + day + "/LUNCH";
    given()
        .auth()
        .oauth2(mine.operatorToken())
        .contentType(ContentType.JSON)
        .body(menu)
        .put(path.formatted(mine.id()))
        .then()
        .statusCode(200)
        .body("meals[0].dishes", hasSize(2))
        .body("meals[0].dishes.find { it.name == '清蒸鲈鱼' }.tags", contains("低盐", "软食"))
        .body("meals[0].dishes.find { it.name == '清蒸鲈鱼' }.quantityLeft", is(20));
    // republishing changes price and drops a dish nobody ordered
    given()
        .auth()
        .oauth2(mine.operatorToken())
        .contentType(ContentType.JSON)
        .body("{\"items\": [{\"name\": \"清蒸鲈鱼\", \"tags\": [\"低盐\"], \"priceFen\": 1400}]}")
        .put(path.formatted(mine.id()))
        .then()
        .statusCode(200)
        .body("meals[0].dishes", hasSize(1))
        .body("meals[0].dishes[0].priceFen", is(1400))
        .body("meals[0].dishes[0].dailyQuantity", nullValue());
    // another canteen's operator: the canteen does not exist for them
    given()
        .auth()
        .oauth2(other.operatorToken())
        .contentType(ContentType.JSON)
        .body(menu)
        .put(path.formatted(mine.id()))
        .then()
        .statusCode(404)
        .body("code", is("CANTEEN_NOT_FOUND"));
    // a caseworker or a citizen may not publish at all
    given()
        .auth()
        .oauth2(Citizens.staffToken("sucheng.mz", "caseworker-dev-123"))
        .contentType(ContentType.JSON)
        .body(menu)
        .put(path.formatted(mine.id()))
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(Citizens.login().accessToken())
        .contentType(ContentType.JSON)
        .body(menu)
        .put(path.formatted(mine.id()))
        .then()
        .statusCode(403);
    given()
        .contentType(ContentType.JSON)
        .body(menu)
        .put(path.formatted(mine.id()))
        .then()
        .statusCode(401);
    // bad tags and prices are named
    given()
        .auth()
        .oauth2(mine.operatorToken())
        .contentType(ContentType.JSON)
        .body("{\"items\": [{\"name\": \"麻辣香锅\", \"tags\": [\"重辣\"], \"priceFen\": 0}]}")
        .put(path.formatted(mine.id()))
        .then()
        .statusCode(400)
        .body("errors.code", hasItems("TAG_INVALID", "RANGE"));
    assertThat(
            Db.count(
                "SELECT count(*) FROM meal_menu_item WHERE canteen_id = ?::uuid AND meal_date = ?",
                mine.id(),
                day))
        .isEqualTo(1);
  }
}
