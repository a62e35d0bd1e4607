package org.fingertip.meal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fingertip.platform.web.AppClock;
import org.fingertip.support.Concurrently;
import org.fingertip.support.Db;
import org.fingertip.support.Tokens;
import org.junit.jupiter.api.Test;

/** Missed meals at closing, triggered twice at once through the admin route: each order once. */
@QuarkusTest
class MealJobsTest {

  private static final LocalDate DAY = LocalDate.now(AppClock.ZONE).plusDays(5);

  @Inject AppClock clock;

  @Test
  void shouldMarkEachUncollectedMealMissedOnceWhenTriggeredTwiceAtOnce() throws Exception {
    var canteen = MealFixtures.canteen(MealFixtures.spec());
    String dish = MealFixtures.dish(canteen, DAY, "清蒸鲈鱼", 1500, null);
    List<String> orders =
        List.of(
            MealFixtures.lunch(MealFixtures.elder(71, DAY), canteen, DAY, dish)
                .statusCode(201)
                .extract()
                .path("id"),
            MealFixtures.lunch(MealFixtures.elder(84, DAY), canteen, DAY, dish)
                .statusCode(201)
                .extract()
                .path("id"));
    String admin = Tokens.admin();
    List<Integer> marked;
    List<String> confirmedBefore;
    try {
      MealFixtures.at(clock, DAY, "14:00");
      confirmedBefore =
          Db.query("SELECT CAST(id AS text) AS id FROM meal_order WHERE status = 'CONFIRMED'")
              .stream()
              .map(r -> (String) r.get("id"))
              .toList();
      marked =
          Concurrently.twiceOverHttp(
              () ->
                  given()
                      .auth()
                      .oauth2(admin)
                      .post("/api/v1/staff/meals/missed-runs")
                      .then()
                      .statusCode(200)
                      .extract()
                      .<Integer>path("marked"));
    } finally {
      clock.reset();
    }
    for (String id : orders) {
      assertThat(status(id)).isEqualTo("MISSED");
      assertThat(
              Db.count(
                  "SELECT count(*) FROM notification_outbox WHERE dedup_key = ?",
                  "meal:" + id + ":missed"))
          .isEqualTo(1);
    }
    // every order the two runs marked was marked by exactly one of them
    long nowMissed = confirmedBefore.stream().filter(id -> "MISSED".equals(status(id))).count();
    assertThat(marked.get(0) + marked.get(1)).isEqualTo((int) nowMissed);
  }

  private static String status(String id) {
    return (String)
        Db.query("SELECT status FROM meal_order WHERE id = ?::uuid", UUID.fromString(id))
            .get(0)
            .get("status");
  }
}
