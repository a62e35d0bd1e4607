package org.fingertip.assistance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.fingertip.assistance.Fixtures.*;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fingertip.platform.web.AppClock;
import org.fingertip.support.Citizens;
import org.fingertip.support.Concurrently;
import org.fingertip.support.Db;
import org.junit.jupiter.api.Test;

/**
 * The assistance jobs: supplement deadlines (reminder, overdue mark, never closing the case) and
 * the public-notice end, each triggered twice at once and acting once per application.
 */
@QuarkusTest
class AssistanceJobsTest {

  @Inject AppClock clock;
  @Inject SupplementDeadlines deadlines;
  @Inject CaseworkService casework;
  @Inject org.fingertip.document.DocumentService documents;

  private String supplementRequested(Citizens.LoggedIn citizen) {
    String caseworker = staff("sucheng.mz");
    String id = submitted(citizen);
    decide(caseworker, id, "ACCEPT").statusCode(200);
    decide(
            caseworker,
            id,
            Map.of(
                "action", "REQUEST_SUPPLEMENT", "missingMaterials", List.of("HOUSEHOLD_REGISTER")))
        .statusCode(200)
        .body("application.status", is("SUPPLEMENT_REQUESTED"));
    return id;
  }

  private static Map<String, Object> row(String id) {
    return Db.query(
            "SELECT status, due_date, supplement_round, supplement_remind_on, supplement_reminded_at,"
                + " supplement_overdue_at, deadline_claimed_until FROM application WHERE id = ?",
            UUID.fromString(id))
        .get(0);
  }

  private static LocalDate date(Object sqlDate) {
    return ((Date) sqlDate).toLocalDate();
  }

  /** Moves the clock to the same time of day on {@code day}. */
  private void on(LocalDate day) {
    clock.setOffset(Duration.ofDays(ChronoUnit.DAYS.between(LocalDate.now(AppClock.ZONE), day)));
  }

  private static long outbox(String dedupKey) {
    return Db.count("SELECT count(*) FROM notification_outbox WHERE dedup_key = ?", dedupKey);
  }

  private static long events(String id, String action) {
    return Db.count(
        "SELECT count(*) FROM application_event WHERE application_id = ? AND action = ?",
        UUID.fromString(id),
        action);
  }

  private static String key(String id, String what) {
    return "application:" + id + ":supplement:1:" + what;
  }

  private static List<String> supplementOverdueQueue() {
    return given()
        .auth()
        .oauth2(staff("sucheng.mz"))
        .queryParam("supplementOverdue", "true")
        .queryParam("size", 100)
        .get("/api/v1/staff/applications")
        .then()
        .statusCode(200)
        .extract()
        .path("items.id");
  }

  @Test
  void shouldRemindTheWorkingDayBeforeTheDeadlineOnceWhenTriggeredTwiceAtOnce() throws Throwable {
    String id = supplementRequested(citizen());
    Map<String, Object> before = row(id);
    LocalDate due = date(before.get("due_date"));
    LocalDate remindOn = date(before.get("supplement_remind_on"));
    assertThat(before.get("supplement_round")).isEqualTo(1);
    assertThat(remindOn).isBefore(due);
    try {
      // the day before the reminder day: nothing yet
      on(remindOn.minusDays(1));
      VertxContextSupport.subscribeAndAwait(() -> deadlines.run());
      assertThat(outbox(key(id, "reminder"))).isZero();

      on(remindOn);
      Concurrently.twice(() -> deadlines.run());
      assertThat(outbox(key(id, "reminder"))).isEqualTo(1);
      Map<String, Object> after = row(id);
      assertThat(after.get("supplement_reminded_at")).isNotNull();
      assertThat(after.get("deadline_claimed_until")).isNull();
      assertThat(after.get("status")).isEqualTo("SUPPLEMENT_REQUESTED");
      String body =
          (String)
              Db.query(
                      "SELECT params->>'body' AS body FROM notification_outbox WHERE dedup_key = ?",
                      key(id, "reminder"))
                  .get(0)
                  .get("body");
      assertThat(body)
          .startsWith("请于" + due.getMonthValue() + "月" + due.getDayOfMonth() + "日前补正材料");

      // on the deadline itself it is neither reminded again nor overdue
      on(due);
      VertxContextSupport.subscribeAndAwait(() -> deadlines.run());
      assertThat(outbox(key(id, "reminder"))).isEqualTo(1);
      assertThat(outbox(key(id, "overdue"))).isZero();
      assertThat(events(id, "SUPPLEMENT_OVERDUE")).isZero();
    } finally {
      clock.reset();
    }
  }

  @Test
  void shouldMarkAMissedDeadlineOnceAndLeaveTheDecisionToTheCaseworker() throws Throwable {
    Citizens.LoggedIn citizen = citizen();
    String id = supplementRequested(citizen);
    LocalDate due = date(row(id).get("due_date"));
    try {
      on(due.plusDays(1));
      List<SupplementDeadlines.Run> runs = Concurrently.twice(() -> deadlines.run());
      assertThat(runs).allSatisfy(r -> assertThat(r).isNotNull());
      assertThat(events(id, "SUPPLEMENT_OVERDUE")).isEqualTo(1);
      assertThat(outbox(key(id, "overdue"))).isEqualTo(1);
      // the reminder day was missed (no run then): it is not sent late
      assertThat(outbox(key(id, "reminder"))).isZero();
      Map<String, Object> after = row(id);
      assertThat(after.get("status")).isEqualTo("SUPPLEMENT_REQUESTED");
      assertThat(after.get("supplement_overdue_at")).isNotNull();
      assertThat(after.get("deadline_claimed_until")).isNull();
      assertThat(
              Db.query(
                      "SELECT actor_role, from_status, to_status FROM application_event"
                          + " WHERE application_id = ? AND action = 'SUPPLEMENT_OVERDUE'",
                      UUID.fromString(id))
                  .get(0))
          .containsEntry("actor_role", "SYSTEM")
          .containsEntry("from_status", "SUPPLEMENT_REQUESTED")
          .containsEntry("to_status", "SUPPLEMENT_REQUESTED");

      // a later run does nothing more
      VertxContextSupport.subscribeAndAwait(() -> deadlines.run());
      assertThat(events(id, "SUPPLEMENT_OVERDUE")).isEqualTo(1);

      // the caseworker's queue shows and filters it; the citizen's timeline tells them
      assertThat(supplementOverdueQueue()).contains(id);
      given()
          .auth()
          .oauth2(staff("sucheng.mz"))
          .queryParam("supplementOverdue", "maybe")
          .get("/api/v1/staff/applications")
          .then()
          .statusCode(400)
          .body("errors[0].field", is("supplementOverdue"));
      given()
          .auth()
          .oauth2(citizen.accessToken())
          .get("/api/v1/applications/" + id)
          .then()
          .statusCode(200)
          .body("status", is("SUPPLEMENT_REQUESTED"))
          .body("timeline[-1].action", is("SUPPLEMENT_OVERDUE"))
          .body("timeline[-1].comment", containsString("仍可补正材料"));

      // the family can still resubmit: the case goes on and leaves the overdue list
      upload(citizen, id, "HOUSEHOLD_REGISTER", pdf(2000), "户口簿.pdf", "application/pdf")
          .statusCode(201);
      given()
          .auth()
          .oauth2(citizen.accessToken())
          .contentType(ContentType.JSON)
          .body("{}")
          .post("/api/v1/applications/" + id + "/resubmit")
          .then()
          .statusCode(200)
          .body("status", is("ACCEPTED"));
      assertThat(supplementOverdueQueue()).doesNotContain(id);
    } finally {
      clock.reset();
    }
  }

  @Test
  void shouldFinishAnApplicationWhoseClaimWasLeftByADeadInstance() throws Throwable {
    String id = supplementRequested(citizen());
    LocalDate due = date(row(id).get("due_date"));
    try {
      on(due.plusDays(1));
      // another instance holds a live lease: this run leaves the row alone
      Db.update(
          "UPDATE application SET deadline_claimed_until = now() + interval '1 hour' + ? * interval"
              + " '1 day' WHERE id = ?",
          (int) ChronoUnit.DAYS.between(LocalDate.now(AppClock.ZONE), due.plusDays(1)),
          UUID.fromString(id));
      VertxContextSupport.subscribeAndAwait(() -> deadlines.run());
      assertThat(events(id, "SUPPLEMENT_OVERDUE")).isZero();

      // that instance died mid-batch: its lease has run out, the next run finishes the work
      Db.update(
          "UPDATE application SET deadline_claimed_until = ? WHERE id = ?",
          java.sql.Timestamp.from(clock.instant().minus(Duration.ofMinutes(1))),
          UUID.fromString(id));
      VertxContextSupport.subscribeAndAwait(() -> deadlines.run());
      assertThat(events(id, "SUPPLEMENT_OVERDUE")).isEqualTo(1);
      assertThat(outbox(key(id, "overdue"))).isEqualTo(1);
      assertThat(row(id).get("deadline_claimed_until")).isNull();
    } finally {
      clock.reset();
    }
  }

  @Test
  void shouldNotMoveTheDeadlineWhenACaseworkerOnlyAddsANote() {
    String id = supplementRequested(citizen());
    Map<String, Object> before = row(id);
    decide(staff("sucheng.mz"), id, Map.of("action", "NOTE", "internalNote", "已电话告知申请人需补交户口簿"))
        .statusCode(200);
    Map<String, Object> after = row(id);
    assertThat(after.get("due_date")).isEqualTo(before.get("due_date"));
    assertThat(after.get("supplement_round")).isEqualTo(1);
  }

  @Test
  void shouldEndEachExpiredNoticeOnceWhenTriggeredTwiceAtOnce() throws Throwable {
    String caseworker = staff("sucheng.mz");
    String id = submitted(citizen());
    decide(caseworker, id, "ACCEPT").statusCode(200);
    decide(caseworker, id, "START_REVIEW").statusCode(200);
    decide(caseworker, id, "START_PUBLIC_NOTICE").statusCode(200);
    try {
      clock.setOffset(Duration.ofDays(7).plusMinutes(1));
      // before the fix the second run failed on the duplicate timeline entry
      List<Integer> ended = Concurrently.twice(() -> casework.endExpiredNotices());
      assertThat(ended).doesNotContainNull();
    } finally {
      clock.reset();
    }
    assertThat(Db.query("SELECT status FROM application WHERE id = ?", UUID.fromString(id)))
        .extracting(r -> r.get("status"))
        .containsExactly("NOTICE_ENDED");
    assertThat(events(id, "END_PUBLIC_NOTICE")).isEqualTo(1);
    assertThat(
            Db.count(
                "SELECT count(*) FROM notification_outbox WHERE template = 'APPLICATION_STATUS_CHANGED'"
                    + " AND params->>'applicationId' = ? AND params->>'status' = 'NOTICE_ENDED'",
                id))
        .isEqualTo(1);
  }

  @Test
  void shouldPurgeEachWithdrawnDraftsDocumentOnceWhenTriggeredTwiceAtOnce() throws Exception {
    Citizens.LoggedIn citizen = citizen();
    String app = draft(citizen);
    String doc =
        upload(citizen, app, "ID_CARD", jpeg(4000), "身份证.jpg", "image/jpeg")
            .statusCode(201)
            .extract()
            .path("id");
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/applications/" + app + "/withdraw")
        .then()
        .statusCode(200);
    long before = Db.count("SELECT count(*) FROM document");
    List<Integer> purged;
    try {
      clock.setOffset(Duration.ofDays(31));
      purged = Concurrently.twice(() -> documents.purgeWithdrawnDrafts());
    } finally {
      clock.reset();
    }
    assertThat(Db.count("SELECT count(*) FROM document WHERE id = ?", UUID.fromString(doc)))
        .isZero();
    // every row removed was counted by exactly one of the two runs
    assertThat(purged.get(0) + purged.get(1))
        .isEqualTo((int) (before - Db.count("SELECT count(*) FROM document")));
  }
}
