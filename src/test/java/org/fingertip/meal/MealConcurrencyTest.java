package org.fingertip.meal;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fingertip.platform.web.AppClock;
import org.fingertip.support.Citizens;
import org.fingertip.support.Db;
import org.junit.jupiter.api.Test;

/** Many elders at once: the last places and a limited dish are never oversold. */
@QuarkusTest
class MealConcurrencyTest {

  private static final LocalDate DAY = LocalDate.now(AppClock.ZONE).plusDays(5);

  private static List<Integer> race(
      List<Citizens.LoggedIn> elders, MealFixtures.TestCanteen c, String dish) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(12);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (Citizens.LoggedIn e : elders) {
        Callable<Integer> call =
            () -> {
              start.await();
              return MealFixtures.lunch(e, c, DAY, dish).extract().statusCode();
            };
        results.add(pool.submit(call));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : results) {
        statuses.add(f.get());
      }
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Citizens.LoggedIn> elders(int n) {
    List<Citizens.LoggedIn> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(MealFixtures.elder(60 + i % 30, DAY));
    }
    return list;
  }

  @Test
  void shouldSellExactlyTheLastPlacesUnderConcurrency() throws Exception {
    var c = MealFixtures.canteen(MealFixtures.spec().capacity(8));
    String dish = MealFixtures.dish(c, DAY, "番茄炒蛋", 600, null);
    List<Citizens.LoggedIn> elders = elders(24);
    List<Integer> statuses = race(elders, c, dish);
    assertThat(statuses).filteredOn(s -> s == 201).hasSize(8);
    assertThat(statuses).filteredOn(s -> s == 409).hasSize(16);
    assertThat(
            Db.count(
                "SELECT count(*) FROM meal_order WHERE canteen_id = ?::uuid AND status = 'CONFIRMED'",
                UUID.fromString(c.id())))
        .isEqualTo(8);
    Map<String, Object> places =
        Db.query(
                "SELECT capacity, taken FROM meal_capacity WHERE canteen_id = ?::uuid",
                UUID.fromString(c.id()))
            .get(0);
    assertThat(((Number) places.get("taken")).intValue()).isEqualTo(8);
    // the losers wrote their order rows before the place was refused: all rolled back
    UUID canteen = UUID.fromString(c.id());
    assertThat(
            Db.count(
                "SELECT count(*) FROM meal_order_item i JOIN meal_order o ON o.id = i.order_id WHERE o.canteen_id = ?::uuid",
                canteen))
        .isEqualTo(8);
    String who =
        elders.stream().map(e -> "'" + e.id() + "'").reduce((a, b) -> a + "," + b).orElseThrow();
    assertThat(
            Db.count(
                "SELECT count(*) FROM meal_subsidy_use WHERE citizen_id::text IN (" + who + ")"))
        .isEqualTo(8);
    assertThat(
            Db.count(
                "SELECT count(*) FROM notification_outbox WHERE template = 'MEAL_ORDER_CONFIRMED'"
                    + " AND recipient_id::text IN ("
                    + who
                    + ")"))
        .isEqualTo(8);
  }

  @Test
  void shouldSellALimitedDishExactlyToItsQuantity() throws Exception {
    var c = MealFixtures.canteen(MealFixtures.spec().capacity(100));
    String dish = MealFixtures.dish(c, DAY, "德州扒鸡", 1500, 5);
    List<Citizens.LoggedIn> elders = elders(18);
    List<Integer> statuses = race(elders, c, dish);
    assertThat(statuses).filteredOn(s -> s == 201).hasSize(5);
    assertThat(statuses).filteredOn(s -> s == 409).hasSize(13);
    assertThat(
            Db.count(
                "SELECT sold FROM meal_menu_item WHERE dish_id = ?::uuid", UUID.fromString(dish)))
        .isEqualTo(5);
    assertThat(
            Db.count(
                "SELECT coalesce(sum(i.quantity), 0) FROM meal_order_item i JOIN meal_order o ON o.id = i.order_id WHERE i.dish_id = ?::uuid AND o.status = 'CONFIRMED'",
                UUID.fromString(dish)))
        .isEqualTo(5);
    // losers took no place either
    assertThat(
            Db.count(
                "SELECT taken FROM meal_capacity WHERE canteen_id = ?::uuid",
                UUID.fromString(c.id())))
        .isEqualTo(5);
    // every loser got as far as writing its order before the dish said no: nothing of it stays
    String who =
        elders.stream().map(e -> "'" + e.id() + "'").reduce((a, b) -> a + "," + b).orElseThrow();
    assertThat(Db.count("SELECT count(*) FROM meal_order WHERE citizen_id::text IN (" + who + ")"))
        .isEqualTo(5);
    assertThat(
            Db.count(
                "SELECT count(*) FROM meal_subsidy_use WHERE citizen_id::text IN (" + who + ")"))
        .isEqualTo(5);
    assertThat(
            Db.count(
                "SELECT count(*) FROM notification_outbox WHERE template = 'MEAL_ORDER_CONFIRMED'"
                    + " AND recipient_id::text IN ("
                    + who
                    + ")"))
        .isEqualTo(5);
  }
}
