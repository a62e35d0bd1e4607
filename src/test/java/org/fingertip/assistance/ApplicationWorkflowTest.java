package org.fingertip.assistance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.fingertip.assistance.Fixtures.*;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fingertip.platform.web.AppClock;
import org.fingertip.support.Citizens;
import org.fingertip.support.Db;
import org.junit.jupiter.api.Test;

/** The review workflow end to end: citizen, caseworker, timeline, deadlines, notifications. */
@QuarkusTest
class ApplicationWorkflowTest {

  @Inject AppClock clock;
  @Inject CaseworkService casework;

  @Test
  void shouldTakeDibaoFromDraftToApprovalWithTwoUploadsAndPublicNotice() throws Throwable {
    Citizens.LoggedIn citizen = citizen();
    String caseworker = staff("sucheng.mz");

    String id = draft(citizen);
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .get("/api/v1/applications/" + id)
        .then()
        .statusCode(200)
        .body("status", is("DRAFT"))
        .body("household[1].realName", is("李*英"))
        .body("household[1].idNumber", startsWith("3213**"))
        .body("household[1].monthlyIncomeFen", is(80000));
    // the household is stored only encrypted
    Map<String, Object> row =
        Db.query(
                "SELECT household_enc, household_masked FROM application WHERE id = ?",
                UUID.fromString(id))
            .get(0);
    assertThat((String) row.get("household_enc"))
        .doesNotContain("李秀英")
        .doesNotContain(citizen.idNumber());
    assertThat((String) row.get("household_masked")).doesNotContain("李秀英").doesNotContain("80000");

    // submitting without the mandatory materials is refused, naming them
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .post("/api/v1/applications/" + id + "/submit")
        .then()
        .statusCode(422)
        .body("code", is("MATERIALS_MISSING"))
        .body("errors.field", hasItems("documents.ID_CARD", "documents.INCOME_PROOF"));

    String photo =
        upload(citizen, id, "ID_CARD", jpeg(50_000), "身份证.jpg", "image/jpeg")
            .statusCode(201)
            .body("contentType", is("image/jpeg"))
            .body("sizeBytes", is(50_000))
            .body("sha256", hasLength(64))
            .extract()
            .path("id");
    upload(citizen, id, "INCOME_PROOF", pdf(120_000), "收入证明.pdf", "application/pdf")
        .statusCode(201)
        .body("contentType", is("application/pdf"));

    given()
        .auth()
        .oauth2(citizen.accessToken())
        .post("/api/v1/applications/" + id + "/submit")
        .then()
        .statusCode(200)
        .body("status", is("SUBMITTED"))
        .body("documents", hasSize(2))
        .body("dueDate", notNullValue());
    // frozen after submission: no upload outside a supplement request
    upload(citizen, id, "HOUSEHOLD_REGISTER", pdf(1000), "户口簿.pdf", "application/pdf")
        .statusCode(409)
        .body("code", is("APPLICATION_FROZEN"));

    // the caseworker sees it in the queue, sorted by due date
    given()
        .auth()
        .oauth2(caseworker)
        .queryParam("status", "SUBMITTED")
        .queryParam("item", "DIBAO")
        .queryParam("size", 100)
        .get("/api/v1/staff/applications")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(id));

    decide(caseworker, id, Map.of("action", "ACCEPT", "comment", "材料齐全，予以受理"))
        .statusCode(200)
        .body("application.status", is("ACCEPTED"))
        .body("subject.realName", is(citizen.name()))
        .body("subject.idNumber", is(citizen.idNumber()));
    decide(
            caseworker,
            id,
            Map.of(
                "action", "START_REVIEW",
                "comment", "已开展家庭经济状况核对和入户调查",
                "internalNote", "入户调查：三人户，住房简陋，无车辆；妻子务农月收入约 800 元"))
        .statusCode(200)
        .body("application.status", is("UNDER_REVIEW"))
        .body("application.timeline.internalNote", hasItem(containsString("入户调查")));
    // approval before the public notice is illegal for DIBAO
    decide(
            caseworker,
            id,
            Map.of("action", "APPROVE", "amountFen", 126000, "startMonth", "2026-12"))
        .statusCode(409)
        .body("code", is("ILLEGAL_TRANSITION"));
    decide(caseworker, id, "START_PUBLIC_NOTICE")
        .statusCode(200)
        .body("application.status", is("PUBLIC_NOTICE"))
        .body("application.noticeEndsAt", notNullValue());
    decide(
            caseworker,
            id,
            Map.of("action", "APPROVE", "amountFen", 126000, "startMonth", "2026-12"))
        .statusCode(409)
        .body("code", is("ILLEGAL_TRANSITION"));

    // six days later the notice is still running; after seven it ends by itself
    try {
      clock.setOffset(Duration.ofDays(6));
      VertxContextSupport.subscribeAndAwait(() -> casework.endExpiredNotices());
      assertThat(status(id)).isEqualTo("PUBLIC_NOTICE");
      clock.setOffset(Duration.ofDays(7).plusMinutes(1));
      VertxContextSupport.subscribeAndAwait(() -> casework.endExpiredNotices());
      assertThat(status(id)).isEqualTo("NOTICE_ENDED");
    } finally {
      clock.reset();
    }

    decide(caseworker, id, Map.of("action", "APPROVE"))
        .statusCode(400)
        .body("errors.field", hasItems("amountFen", "startMonth"));
    decide(
            caseworker,
            id,
            Map.of(
                "action", "APPROVE",
                "amountFen", 126000,
                "startMonth", "2026-12",
                "comment", "经审核，核定低保金每月 1260 元"))
        .statusCode(200)
        .body("application.status", is("APPROVED"));

    JsonPath mine =
        given()
            .auth()
            .oauth2(citizen.accessToken())
            .get("/api/v1/applications/" + id)
            .then()
            .statusCode(200)
            .body("status", is("APPROVED"))
            .body("amountFen", is(126000))
            .body("startMonth", is("2026-12"))
            .extract()
            .jsonPath();
    assertThat(mine.getList("timeline.action", String.class))
        .containsExactly(
            "CREATE",
            "SUBMIT",
            "ACCEPT",
            "START_REVIEW",
            "START_PUBLIC_NOTICE",
            "END_PUBLIC_NOTICE",
            "APPROVE");
    assertThat(mine.getList("timeline.actorRole", String.class))
        .containsExactly(
            "CITIZEN", "CITIZEN", "CASEWORKER", "CASEWORKER", "CASEWORKER", "SYSTEM", "CASEWORKER");
    // internal notes never reach the citizen
    assertThat(mine.prettify()).doesNotContain("入户调查：").doesNotContain("internalNote");
    assertThat(mine.getString("timeline[3].comment")).isEqualTo("已开展家庭经济状况核对和入户调查");

    // one notification per status change, in the outbox
    assertThat(
            Db.count(
                "SELECT count(*) FROM notification_outbox WHERE recipient_id = ? AND template ="
                    + " 'APPLICATION_STATUS_CHANGED'",
                UUID.fromString(citizen.id())))
        .isEqualTo(6);
    // the case view was written to the citizen's access log
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .get("/api/v1/me/access-log")
        .then()
        .statusCode(200)
        .body("items.purpose", hasItem(containsString(id)));
    // the caseworker can read the uploaded photo; the download is logged too
    given()
        .auth()
        .oauth2(caseworker)
        .get("/api/v1/documents/" + photo + "/content")
        .then()
        .statusCode(200)
        .header("Content-Type", startsWith("image/jpeg"))
        .header("X-Content-Type-Options", is("nosniff"))
        .header("Content-Disposition", startsWith("attachment"));

    // statistics count the approved case and its monthly amount, in scope only
    JsonPath stats =
        given()
            .auth()
            .oauth2(caseworker)
            .get("/api/v1/staff/statistics/assistance")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(stats.getLong("byItem.find { it.key == 'DIBAO' }.approved")).isPositive();
    assertThat(stats.getLong("byItem.find { it.key == 'DIBAO' }.approvedAmountFen"))
        .isGreaterThanOrEqualTo(126000);
    assertThat(stats.getLong("byItem.find { it.key == 'DIBAO' }.peopleCovered"))
        .isGreaterThanOrEqualTo(2);
    given()
        .auth()
        .oauth2(staff("jiujiang.mz"))
        .queryParam("from", "2026-01-01")
        .get("/api/v1/staff/statistics/assistance")
        .then()
        .statusCode(200)
        .body("byRegion.key", not(hasItem("321302001")));
  }

  @Test
  void shouldLoopThroughASupplementRequest() {
    Citizens.LoggedIn citizen = citizen();
    String caseworker = staff("sucheng.mz");
    String id = submitted(citizen);
    decide(caseworker, id, "ACCEPT").statusCode(200);
    decide(caseworker, id, Map.of("action", "REQUEST_SUPPLEMENT"))
        .statusCode(400)
        .body("errors.field", hasItem("missingMaterials"));
    decide(
            caseworker,
            id,
            Map.of(
                "action", "REQUEST_SUPPLEMENT", "missingMaterials", List.of("HOUSEHOLD_REGISTER")))
        .statusCode(200)
        .body("application.status", is("SUPPLEMENT_REQUESTED"));
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .get("/api/v1/applications/" + id)
        .then()
        .body("missingMaterials", contains("HOUSEHOLD_REGISTER"))
        .body("timeline[-1].comment", containsString("户口簿"));
    upload(citizen, id, "HOUSEHOLD_REGISTER", pdf(3000), "户口簿.pdf", "application/pdf")
        .statusCode(201);
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/applications/" + id + "/resubmit")
        .then()
        .statusCode(200)
        .body("status", is("ACCEPTED"))
        .body("documents", hasSize(3))
        .body("missingMaterials", empty());
    decide(caseworker, id, "START_REVIEW").statusCode(200);
  }

  @Test
  void shouldComputeDueDatesInWorkingDaysAcrossTheSpringFestival() {
    Citizens.LoggedIn citizen = citizen();
    String caseworker = staff("sucheng.mz");
    String id = draft(citizen);
    upload(citizen, id, "ID_CARD", jpeg(2000), "id.jpg", "image/jpeg").statusCode(201);
    upload(citizen, id, "INCOME_PROOF", pdf(2000), "income.pdf", "application/pdf").statusCode(201);
    try {
      // Thursday 12 February 2026, 10:00 in Shanghai; 14 Feb is a make-up Saturday, 15–23 off
      clock.travelTo(Instant.parse("2026-02-12T02:00:00Z"));
      given()
          .auth()
          .oauth2(citizen.accessToken())
          .post("/api/v1/applications/" + id + "/submit")
          .then()
          .statusCode(200)
          .body("dueDate", is("2026-02-24"));
      // accepted the same day: 20 working days, counting both make-up Saturdays (14 and 28 Feb)
      decide(caseworker, id, "ACCEPT")
          .statusCode(200)
          .body("application.dueDate", is("2026-03-18"));
      decide(
              caseworker,
              id,
              Map.of("action", "REQUEST_SUPPLEMENT", "missingMaterials", List.of("BANK_CARD")))
          .statusCode(200)
          .body("application.dueDate", is("2026-03-04"));
      // supplements received on 2 March: the 20 working days run again from there
      clock.travelTo(Instant.parse("2026-03-02T02:00:00Z"));
      given()
          .auth()
          .oauth2(citizen.accessToken())
          .contentType(ContentType.JSON)
          .body("{}")
          .post("/api/v1/applications/" + id + "/resubmit")
          .then()
          .statusCode(200)
          .body("dueDate", is("2026-03-30"));
      // on 31 March it is overdue
      clock.travelTo(Instant.parse("2026-03-31T02:00:00Z"));
      given()
          .auth()
          .oauth2(caseworker)
          .queryParam("overdue", "true")
          .queryParam("size", 100)
          .get("/api/v1/staff/applications")
          .then()
          .statusCode(200)
          .body("items.find { it.id == '" + id + "' }.overdue", is(true));
    } finally {
      clock.reset();
    }
  }

  @Test
  void shouldRefuseEveryIllegalTransition() {
    Citizens.LoggedIn citizen = citizen();
    String caseworker = staff("sucheng.mz");
    String id = submitted(citizen);
    Map<String, Map<String, Object>> payloads = new HashMap<>();
    payloads.put("ACCEPT", Map.of("action", "ACCEPT"));
    payloads.put("REJECT", Map.of("action", "REJECT", "reason", "不符合条件"));
    payloads.put(
        "REQUEST_SUPPLEMENT",
        Map.of("action", "REQUEST_SUPPLEMENT", "missingMaterials", List.of("BANK_CARD")));
    payloads.put("START_REVIEW", Map.of("action", "START_REVIEW"));
    payloads.put("START_PUBLIC_NOTICE", Map.of("action", "START_PUBLIC_NOTICE"));
    payloads.put("APPROVE", Map.of("action", "APPROVE", "amountFen", 100, "startMonth", "2026-12"));
    payloads.put("DENY", Map.of("action", "DENY", "reason", "家庭收入超过标准"));

    // SUBMITTED: only ACCEPT or REJECT
    for (String action :
        List.of("REQUEST_SUPPLEMENT", "START_REVIEW", "START_PUBLIC_NOTICE", "APPROVE", "DENY")) {
      decide(caseworker, id, payloads.get(action))
          .statusCode(409)
          .body("code", is("ILLEGAL_TRANSITION"));
    }
    decide(caseworker, id, "ACCEPT").statusCode(200);
    // ACCEPTED: supplement or review
    for (String action : List.of("ACCEPT", "REJECT", "START_PUBLIC_NOTICE", "APPROVE", "DENY")) {
      decide(caseworker, id, payloads.get(action))
          .statusCode(409)
          .body("code", is("ILLEGAL_TRANSITION"));
    }
    // the citizen cannot resubmit what was never sent back
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/applications/" + id + "/resubmit")
        .then()
        .statusCode(409)
        .body("code", is("ILLEGAL_TRANSITION"));
    decide(caseworker, id, "START_REVIEW").statusCode(200);
    // UNDER_REVIEW: notice (DIBAO needs it) or deny
    for (String action :
        List.of("ACCEPT", "REJECT", "REQUEST_SUPPLEMENT", "START_REVIEW", "APPROVE")) {
      decide(caseworker, id, payloads.get(action))
          .statusCode(409)
          .body("code", is("ILLEGAL_TRANSITION"));
    }
    decide(caseworker, id, payloads.get("DENY"))
        .statusCode(200)
        .body("application.status", is("DENIED"))
        .body("application.appealInfo", containsString("行政复议"));
    // DENIED is final
    for (String action : payloads.keySet()) {
      decide(caseworker, id, payloads.get(action))
          .statusCode(409)
          .body("code", is("ILLEGAL_TRANSITION"));
    }
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/applications/" + id + "/withdraw")
        .then()
        .statusCode(409)
        .body("code", is("ILLEGAL_TRANSITION"));
    // a citizen-only or system action is not a staff decision
    decide(caseworker, id, "END_PUBLIC_NOTICE").statusCode(400);
    decide(caseworker, id, "SUBMIT").statusCode(400);
  }

  @Test
  void shouldWithdrawBeforeADecisionAndThenAllowANewApplication() {
    Citizens.LoggedIn citizen = citizen();
    String id = submitted(citizen);
    // a second open application for the same item is refused
    create(citizen, dibaoDraft(citizen))
        .statusCode(409)
        .body("code", is("APPLICATION_ALREADY_OPEN"))
        .body("applicationId", is(id));
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .contentType(ContentType.JSON)
        .body("{\"comment\": \"家庭情况好转，暂不申请\"}")
        .post("/api/v1/applications/" + id + "/withdraw")
        .then()
        .statusCode(200)
        .body("status", is("WITHDRAWN"))
        .body("timeline[-1].comment", is("家庭情况好转，暂不申请"));
    // the caseworker can no longer act on it
    decide(staff("sucheng.mz"), id, "ACCEPT").statusCode(409);
    // and the household profile pre-fills the new one (no household sent)
    Map<String, Object> again = dibaoDraft(citizen);
    again.remove("household");
    create(citizen, again)
        .statusCode(201)
        .body("household", hasSize(2))
        .body("household[1].relation", is("SPOUSE"));
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .get("/api/v1/household-profile")
        .then()
        .statusCode(200)
        .body("realName", contains("张*华", "李*英"));
  }

  @Test
  void shouldReportSchemaErrorsPerField() {
    Citizens.LoggedIn citizen = citizen();
    Map<String, Object> body = dibaoDraft(citizen);
    Map<String, Object> form = new HashMap<>(dibaoForm());
    form.put("householdSize", 0);
    form.put("contactPhone", "12345");
    form.put("housingType", "CASTLE");
    form.put("hasVehicle", "no");
    form.put("householdMonthlyIncomeFen", 12.5);
    form.put("favouriteColour", "红");
    form.remove("address");
    body.put("form", form);
    body.put("submit", true);
    create(citizen, body)
        .statusCode(400)
        .body("code", is("VALIDATION_FAILED"))
        .body(
            "errors.field",
            containsInAnyOrder(
                "form.householdSize",
                "form.contactPhone",
                "form.housingType",
                "form.hasVehicle",
                "form.householdMonthlyIncomeFen",
                "form.favouriteColour",
                "form.address"))
        .body("errors.find { it.field == 'form.householdSize' }.code", is("MIN"))
        .body("errors.find { it.field == 'form.contactPhone' }.code", is("PATTERN"))
        .body("errors.find { it.field == 'form.housingType' }.code", is("NOT_AN_OPTION"))
        .body("errors.find { it.field == 'form.address' }.code", is("REQUIRED"));
    assertThat(
            Db.count(
                "SELECT count(*) FROM application WHERE subject_id = ?",
                UUID.fromString(citizen.id())))
        .isZero();
    // household members are checked too
    Map<String, Object> bad = dibaoDraft(citizen);
    bad.put(
        "household",
        List.of(Map.of("relation", "SPOUSE", "realName", "李秀英", "idNumber", "321302197206010000")));
    create(citizen, bad)
        .statusCode(400)
        .body("errors.field", hasItems("household[0].idNumber", "household[0].monthlyIncomeFen"));
  }

  @Test
  void shouldIdempotentlyCreateAndSubmit() {
    Citizens.LoggedIn citizen = citizen();
    String key = "create-" + UUID.randomUUID();
    Map<String, Object> body = dibaoDraft(citizen);
    String first =
        given()
            .auth()
            .oauth2(citizen.accessToken())
            .header("Idempotency-Key", key)
            .contentType(ContentType.JSON)
            .body(body)
            .post("/api/v1/applications")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/applications")
        .then()
        .statusCode(201)
        .header("Idempotent-Replayed", "true")
        .body("id", is(first));
    upload(citizen, first, "ID_CARD", jpeg(1000), "id.jpg", "image/jpeg").statusCode(201);
    upload(citizen, first, "INCOME_PROOF", pdf(1000), "in.pdf", "application/pdf").statusCode(201);
    String submitKey = "submit-" + UUID.randomUUID();
    for (int i = 0; i < 2; i++) {
      given()
          .auth()
          .oauth2(citizen.accessToken())
          .header("Idempotency-Key", submitKey)
          .post("/api/v1/applications/" + first + "/submit")
          .then()
          .statusCode(200)
          .body("status", is("SUBMITTED"));
    }
    assertThat(
            Db.count(
                "SELECT count(*) FROM application_event WHERE application_id = ? AND action ="
                    + " 'SUBMIT'",
                UUID.fromString(first)))
        .isEqualTo(1);
  }

  @Test
  void shouldHideApplicationsFromOtherCitizensAndOutOfScopeCaseworkers() {
    Citizens.LoggedIn citizen = citizen();
    String id = submitted(citizen);
    Citizens.LoggedIn stranger = Citizens.login();
    given()
        .auth()
        .oauth2(stranger.accessToken())
        .get("/api/v1/applications/" + id)
        .then()
        .statusCode(404)
        .body("code", is("APPLICATION_NOT_FOUND"));
    given()
        .auth()
        .oauth2(stranger.accessToken())
        .post("/api/v1/applications/" + id + "/submit")
        .then()
        .statusCode(404);
    String jiujiang = staff("jiujiang.mz");
    given().auth().oauth2(jiujiang).get("/api/v1/staff/applications/" + id).then().statusCode(404);
    decide(jiujiang, id, "ACCEPT").statusCode(404);
    given()
        .auth()
        .oauth2(jiujiang)
        .queryParam("size", 100)
        .get("/api/v1/staff/applications")
        .then()
        .statusCode(200)
        .body("items.id", not(hasItem(id)));
    // another department of the same district does not see a civil-affairs case
    given()
        .auth()
        .oauth2(staff("sucheng.jy"))
        .get("/api/v1/staff/applications/" + id)
        .then()
        .statusCode(404);
    // citizens are not staff; no token is 401
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .get("/api/v1/staff/applications")
        .then()
        .statusCode(403);
    given().get("/api/v1/applications/" + id).then().statusCode(401);
    // nothing was revealed to the out-of-scope caseworkers
    assertThat(
            Db.count(
                "SELECT count(*) FROM pii_access_log WHERE citizen_id = ?",
                UUID.fromString(citizen.id())))
        .isZero();
  }

  private String status(String id) {
    return (String)
        Db.query("SELECT status FROM application WHERE id = ?", UUID.fromString(id))
            .get(0)
            .get("status");
  }
}
