package org.fingertip.meal;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.fingertip.identity.IdNumber;
import org.fingertip.platform.web.AppClock;
import org.fingertip.support.Citizens;
import org.fingertip.support.Db;

/**
 * Test canteens, each in its own village under 新湖街道 with its own subsidy rules (60-69: 2 元, 70-79:
 * 3 元, 80+: 5 元, 低保: 6 元, 特困: 8 元) and its own operator, so tests never share counters.
 */
final class MealFixtures {

  static final String OPERATOR_PASSWORD = "canteen-dev-123";
  private static final String OPERATOR_HASH =
      "$2a$10$HjJnEEso1YwYcTIRpxbDpuWcB8s/qD2xCik1VUkfznL66sMGgOycq";
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
  private static final String[] GIVEN = {"桂兰", "秀英", "玉珍", "建国", "德胜", "淑芬", "凤英", "长顺"};

  private MealFixtures() {}

  /** A canteen made for one test. */
  record TestCanteen(String id, String regionCode, String operatorToken) {}

  static final class Spec {
    String opening = "DAILY";
    int capacity = 50;
    String cutoff = "09:30";
    boolean delivery = false;
    int radius = 0;
    double latitude = 37.44;
    double longitude = 116.31;

    Spec opening(String v) {
      opening = v;
      return this;
    }

    Spec capacity(int v) {
      capacity = v;
      return this;
    }

    Spec delivery(int radiusMetres) {
      delivery = true;
      radius = radiusMetres;
      return this;
    }

    Spec at(double lat, double lng) {
      latitude = lat;
      longitude = lng;
      return this;
    }
  }

  static Spec spec() {
    return new Spec();
  }

  static TestCanteen canteen(Spec s) {
    String region = newVillage();
    String id = UUID.randomUUID().toString();
    int n = SEQ.incrementAndGet();
    Db.update(
        "INSERT INTO meal_canteen (id, name, region_code, address, latitude, longitude,"
            + " operator_name, phone, opening, delivery_offered, delivery_radius_m) VALUES (?::uuid,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        id,
        "测试幸福食堂" + n,
        region,
        "德州市德城区新湖大街 " + n + " 号",
        s.latitude,
        s.longitude,
        "德城区慈善总会",
        "0534-22880" + (10 + n % 90),
        s.opening,
        s.delivery,
        s.radius);
    Db.update(
        "INSERT INTO meal_service (canteen_id, meal_type, capacity, cutoff_time,"
            + " cutoff_days_before, serve_from, serve_until) VALUES (?::uuid, 'LUNCH', ?, ?, 0,"
            + " '11:00', '13:00')",
        id,
        s.capacity,
        LocalTime.parse(s.cutoff));
    String[][] rules = {
      {"AGE_60_69", "200"},
      {"AGE_70_79", "300"},
      {"AGE_80_PLUS", "500"},
      {"DIBAO", "600"},
      {"TEKUN", "800"}
    };
    for (String[] r : rules) {
      Db.update(
          "INSERT INTO meal_subsidy_rule (id, region_code, category, amount_fen, effective_from)"
              + " VALUES (gen_random_uuid(), ?, ?, ?, '2020-01-01')",
          region,
          r[0],
          Long.parseLong(r[1]));
    }
    String username = "op" + UUID.randomUUID().toString().substring(0, 8);
    Db.update(
        "INSERT INTO staff (id, username, password_hash, display_name, role, canteens,"
            + " created_at) VALUES (gen_random_uuid(), ?, ?, '测试助餐点工作人员', 'canteen_operator',"
            + " ARRAY[?]::varchar[], now())",
        username,
        OPERATOR_HASH,
        id);
    return new TestCanteen(id, region, Citizens.staffToken(username, OPERATOR_PASSWORD));
  }

  private static String newVillage() {
    while (true) {
      String code = "371402001" + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
      if (Db.count("SELECT count(*) FROM region WHERE code = ?", code) == 0) {
        Db.update(
            "INSERT INTO region (code, name, level, parent_code, path) VALUES (?, ?, 'VILLAGE',"
                + " '371402001', ?)",
            code,
            "测试社区" + code.substring(9),
            "/370000/371400/371402/371402001/" + code + "/");
        return code;
      }
    }
  }

  /** Puts a dish on the canteen's lunch menu of {@code date}; returns the dish id. */
  static String dish(TestCanteen c, LocalDate date, String name, long priceFen, Integer quantity) {
    var existing =
        Db.query("SELECT id FROM meal_dish WHERE canteen_id = ?::uuid AND name = ?", c.id(), name);
    String dishId;
    if (existing.isEmpty()) {
      dishId = UUID.randomUUID().toString();
      Db.update(
          "INSERT INTO meal_dish (id, canteen_id, name, tags) VALUES (?::uuid, ?::uuid, ?,"
              + " '{软食}')",
          dishId,
          c.id(),
          name);
    } else {
      dishId = existing.get(0).get("id").toString();
    }
    Db.update(
        "INSERT INTO meal_menu_item (id, canteen_id, meal_date, meal_type, dish_id, price_fen,"
            + " daily_quantity) VALUES (gen_random_uuid(), ?::uuid, ?, 'LUNCH', ?::uuid, ?, ?)",
        c.id(),
        date,
        dishId,
        priceFen,
        quantity);
    return dishId;
  }

  /** A verified citizen who is exactly {@code age} on {@code mealDate} (birthday that day). */
  static Citizens.LoggedIn elder(int age, LocalDate mealDate) {
    return person(mealDate.minusYears(age));
  }

  static Citizens.LoggedIn person(LocalDate birth) {
    int n = SEQ.incrementAndGet();
    String name = SURNAMES[n % SURNAMES.length] + GIVEN[n % GIVEN.length];
    return Citizens.verified(name, birth, n % 2 == 0 ? IdNumber.Sex.FEMALE : IdNumber.Sex.MALE);
  }

  static String body(
      TestCanteen c, LocalDate date, String dishId, int quantity, String fulfilment, String forId) {
    return "{\"canteenId\": \""
        + c.id()
        + "\", \"date\": \""
        + date
        + "\", \"mealType\": \"LUNCH\", \"items\": [{\"dishId\": \""
        + dishId
        + "\", \"quantity\": "
        + quantity
        + "}], \"fulfilment\": \""
        + fulfilment
        + "\""
        + (forId == null ? "" : ", \"forCitizenId\": \"" + forId + "\"")
        + "}";
  }

  static ValidatableResponse order(String token, String body) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/meals/orders")
        .then();
  }

  static ValidatableResponse lunch(
      Citizens.LoggedIn who, TestCanteen c, LocalDate date, String dishId) {
    return order(who.accessToken(), body(c, date, dishId, 1, "PICKUP", null));
  }

  /** Moves the service clock to a local time in Asia/Shanghai. */
  static void at(AppClock clock, LocalDate date, String time) {
    clock.travelTo(date.atTime(LocalTime.parse(time)).atZone(AppClock.ZONE).toInstant());
  }

  /** A caseworker (admin) records flags for an elder, in the canteen's village. */
  static void flags(String citizenId, TestCanteen c, String flagsJson, String extra) {
    given()
        .auth()
        .oauth2(Citizens.staffToken("admin", "admin-dev-123"))
        .contentType(ContentType.JSON)
        .body(
            "{\"flags\": "
                + flagsJson
                + ", \"regionCode\": \""
                + c.regionCode()
                + "\""
                + extra
                + "}")
        .put("/api/v1/staff/meals/elders/" + citizenId)
        .then()
        .statusCode(200);
  }
}
