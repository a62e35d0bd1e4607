package org.fingertip.assistance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.fingertip.assistance.Fixtures.*;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.fingertip.platform.web.AppClock;
import org.fingertip.support.Citizens;
import org.fingertip.support.Db;
import org.junit.jupiter.api.Test;

/** Public notice online: masked listing, objections that hold the case, resolution. */
@QuarkusTest
class PublicNoticeTest {

  @Inject AppClock clock;
  @Inject CaseworkService casework;

  @Test
  void shouldPublishMaskedAndHoldTheCaseWhileAnObjectionIsOpen() throws Throwable {
    Citizens.LoggedIn citizen = citizen();
    String caseworker = staff("sucheng.mz");
    String id = submitted(citizen);
    Citizens.LoggedIn neighbour = Citizens.login();

    // not under notice yet: no objection possible
    object(neighbour, id, "收入不实").statusCode(404).body("code", is("NOTICE_NOT_FOUND"));
    decide(caseworker, id, "ACCEPT").statusCode(200);
    decide(caseworker, id, "START_REVIEW").statusCode(200);
    decide(caseworker, id, Map.of("action", "START_PUBLIC_NOTICE", "amountFen", 126000))
        .statusCode(200);

    String listing =
        given()
            .auth()
            .oauth2(neighbour.accessToken())
            .queryParam("region", "321302")
            .queryParam("size", 100)
            .get("/api/v1/public-notices")
            .then()
            .statusCode(200)
            .body("items.find { it.id == '" + id + "' }.name", is("张*华"))
            .body("items.find { it.id == '" + id + "' }.villageOrCommunity", is("幸福社区"))
            .body("items.find { it.id == '" + id + "' }.amountFen", is(126000))
            .body("items.find { it.id == '" + id + "' }.itemName", is("最低生活保障"))
            .extract()
            .asString();
    assertThat(listing)
        .doesNotContain(citizen.idNumber())
        .doesNotContain("幸福南路")
        .doesNotContain(citizen.name());
    given().queryParam("region", "321302").get("/api/v1/public-notices").then().statusCode(401);

    object(neighbour, id, " ").statusCode(400);
    object(neighbour, id, "据了解其家中有一辆小轿车，未如实申报").statusCode(202);
    try {
      clock.setOffset(Duration.ofDays(8));
      VertxContextSupport.subscribeAndAwait(() -> casework.endExpiredNotices());
      assertThat(status(id)).isEqualTo("PUBLIC_NOTICE");
    } finally {
      clock.reset();
    }
    // the caseworker sees the reason; the citizen sees only that the case is held
    given()
        .auth()
        .oauth2(caseworker)
        .get("/api/v1/staff/applications/" + id)
        .then()
        .statusCode(200)
        .body("application.timeline.internalNote", hasItem(containsString("小轿车")));
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .get("/api/v1/applications/" + id)
        .then()
        .body("timeline[-1].action", is("OBJECTION_FILED"))
        .body("timeline[-1].comment", containsString("暂缓审批"))
        .body(not(containsString("小轿车")));

    decide(caseworker, id, Map.of("action", "RESOLVE_OBJECTION"))
        .statusCode(400)
        .body("errors[0].field", is("comment"));
    decide(
            caseworker,
            id,
            Map.of("action", "RESOLVE_OBJECTION", "comment", "经核实，该车辆已于 2024 年报废注销，异议不成立"))
        .statusCode(200);
    decide(caseworker, id, Map.of("action", "RESOLVE_OBJECTION", "comment", "再次处理"))
        .statusCode(409)
        .body("code", is("NO_OPEN_OBJECTION"));
    try {
      clock.setOffset(Duration.ofDays(8));
      VertxContextSupport.subscribeAndAwait(() -> casework.endExpiredNotices());
      assertThat(status(id)).isEqualTo("NOTICE_ENDED");
    } finally {
      clock.reset();
    }
    assertThat(
            Db.count(
                "SELECT count(*) FROM public_notice_objection WHERE application_id = ? AND"
                    + " resolved_at IS NOT NULL",
                UUID.fromString(id)))
        .isEqualTo(1);
  }

  private static io.restassured.response.ValidatableResponse object(
      Citizens.LoggedIn who, String id, String reason) {
    return given()
        .auth()
        .oauth2(who.accessToken())
        .contentType(ContentType.JSON)
        .body(Map.of("reason", reason))
        .post("/api/v1/public-notices/" + id + "/objections")
        .then();
  }

  private static String status(String id) {
    return (String)
        Db.query("SELECT status FROM application WHERE id = ?", UUID.fromString(id))
            .get(0)
            .get("status");
  }
}
