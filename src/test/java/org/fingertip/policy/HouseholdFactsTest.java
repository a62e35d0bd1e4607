package org.fingertip.policy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.fingertip.identity.IdNumber;
import org.fingertip.notification.Dispatcher;
import org.fingertip.policy.household.MatchJobs;
import org.fingertip.support.Citizens;
import org.fingertip.support.Db;
import org.fingertip.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * 政策找人 with saved facts: consent, encryption at rest, owner-only access, deletion, the new-match
 * notification after a standard change, and the hand-off to an application draft.
 */
@QuarkusTest
class HouseholdFactsTest {

  private static final String FACTS = "/api/v1/me/household-facts";

  @Inject MatchJobs matchJobs;
  @Inject Dispatcher dispatcher;

  /** Two working-age members with the given monthly incomes (fen) in a region. */
  private static String facts(String region, long income1, long income2, String consent) {
    return "{"
        + (consent == null ? "" : "\"consent\": " + consent + ", ")
        + "\"region\": \""
        + region
        + "\", \"members\": [{\"age\": 41, \"monthlyIncomeFen\": "
        + income1
        + "}, {\"age\": 39, \"monthlyIncomeFen\": "
        + income2
        + "}]}";
  }

  private static io.restassured.response.ValidatableResponse put(String token, String body) {
    return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).put(FACTS).then();
  }

  /** A fresh township under 鸠江区 (芜湖), so standards set on it touch no other test's data. */
  private static String township(String name) {
    String code = "340207" + (500 + ThreadLocalRandom.current().nextInt(400));
    while (Db.count("SELECT count(*) FROM region WHERE code = ?", code) > 0) {
      code = "340207" + (500 + ThreadLocalRandom.current().nextInt(400));
    }
    given()
        .auth()
        .oauth2(Tokens.admin())
        .contentType(ContentType.JSON)
        .body(Map.of("code", code, "name", name, "parentCode", "340207"))
        .post("/api/v1/admin/regions")
        .then()
        .statusCode(201);
    return code;
  }

  private static long publishedPolicy(String title) {
    String admin = Tokens.admin();
    long id =
        given()
            .auth()
            .oauth2(admin)
            .contentType(ContentType.JSON)
            .body(PolicyLookupTest.input(title, "提高低保标准。", "低保标准调整。", "340207", "2025-01-01"))
            .post("/api/v1/admin/policies")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/admin/policies/" + id + "/publish")
        .then()
        .statusCode(200);
    return id;
  }

  private static io.restassured.response.ValidatableResponse addStandard(
      String region, long amountFen, String from, long policyId) {
    return given()
        .auth()
        .oauth2(Tokens.admin())
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "regionCode", region,
                "type", "DIBAO_MONTHLY",
                "amountFen", amountFen,
                "effectiveFrom", from,
                "policyId", policyId))
        .post("/api/v1/admin/standards")
        .then();
  }

  private void runJobsAndDeliver() throws Throwable {
    VertxContextSupport.subscribeAndAwait(() -> matchJobs.drain());
    while (VertxContextSupport.subscribeAndAwait(() -> dispatcher.drainOnce()) > 0) {
      // deliver everything pending
    }
  }

  private static List<Map<String, Object>> newMatchMessages(String token) {
    return given()
        .auth()
        .oauth2(token)
        .queryParam("size", 100)
        .get("/api/v1/me/messages")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .<Map<String, Object>>getList("items")
        .stream()
        .filter(m -> "POLICY_NEW_MATCH".equals(m.get("template")))
        .toList();
  }

  @Test
  void shouldRefuseToSaveWithoutConsentAndStoreNothing() {
    var citizen = Citizens.login();
    put(citizen.accessToken(), facts("340207001", 50000, 50000, null))
        .statusCode(400)
        .body("code", is("CONSENT_REQUIRED"));
    put(citizen.accessToken(), facts("340207001", 50000, 50000, "false"))
        .statusCode(400)
        .body("code", is("CONSENT_REQUIRED"));
    assertThat(
            Db.count(
                "SELECT count(*) FROM saved_household WHERE citizen_id = ?",
                UUID.fromString(citizen.id())))
        .isZero();
  }

  @Test
  void shouldValidateExactlyLikeTheCheckRoute() {
    var citizen = Citizens.login();
    List<String> invalid =
        List.of(
            "\"region\": \"340207001\", \"members\": [{\"monthlyIncomeFen\": -1}]",
            "\"region\": \"340207001\", \"members\": [{\"monthlyIncomeFen\": 100}]",
            "\"region\": \"340207001\", \"members\": [{\"age\": 3, \"disabilityGrade\": 7}]",
            "\"region\": \"340207001\", \"members\": [{\"birthDate\": \"2999-01-01\"}]",
            "\"region\": \"340207001\", \"members\": []",
            "\"region\": \"999999\", \"members\": [{\"age\": 30}]",
            "\"region\": \"\", \"members\": [{\"age\": 30}], \"assetsFen\": -5");
    for (String body : invalid) {
      var check =
          given()
              .contentType(ContentType.JSON)
              .body("{" + body + "}")
              .post("/api/v1/eligibility/check")
              .then()
              .extract()
              .jsonPath();
      var saved =
          put(citizen.accessToken(), "{\"consent\": true, " + body + "}").extract().jsonPath();
      assertThat(check.getInt("status")).as(body).isGreaterThanOrEqualTo(400);
      assertThat(saved.getInt("status")).as(body).isEqualTo(check.getInt("status"));
      assertThat(saved.getString("code")).as(body).isEqualTo(check.getString("code"));
      assertThat(saved.getList("errors.field")).as(body).isEqualTo(check.getList("errors.field"));
    }
    assertThat(
            Db.count(
                "SELECT count(*) FROM saved_household WHERE citizen_id = ?",
                UUID.fromString(citizen.id())))
        .isZero();
  }

  @Test
  void shouldStoreCiphertextShowItToItsOwnerOnlyAndDeleteIt() {
    var owner = Citizens.login();
    put(owner.accessToken(), facts("340207001", 83456, 81234, "true"))
        .statusCode(200)
        .header("Cache-Control", is("no-store"))
        .body("facts.members[0].monthlyIncomeFen", is(83456))
        .body("eligibleItems", not(hasItem("DIBAO")))
        // 824 元 per head against Wuhu's 690 元 line: a near miss, with its reason
        .body("result.nearMisses.itemCode", hasItem("DIBAO"));

    var row =
        Db.query(
                "SELECT facts_enc, last_eligible_enc, region_code FROM saved_household"
                    + " WHERE citizen_id = ?",
                UUID.fromString(owner.id()))
            .get(0);
    assertThat((String) row.get("facts_enc"))
        .doesNotContain("83456")
        .doesNotContain("monthlyIncomeFen")
        .doesNotContain("members");
    assertThat((String) row.get("last_eligible_enc")).doesNotContain("DIBAO").contains(":");
    assertThat(row.get("region_code")).isEqualTo("340207001");

    given()
        .auth()
        .oauth2(owner.accessToken())
        .get(FACTS)
        .then()
        .statusCode(200)
        .body("facts.region", is("340207001"))
        .body("facts.members[1].monthlyIncomeFen", is(81234))
        .body("result", nullValue());

    // another citizen reaches only their own (absent) facts: 404, and cannot delete the owner's
    var attacker = Citizens.login();
    given()
        .auth()
        .oauth2(attacker.accessToken())
        .get(FACTS)
        .then()
        .statusCode(404)
        .body("code", is("HOUSEHOLD_FACTS_NOT_FOUND"))
        .body(not(containsString("83456")));
    given().auth().oauth2(attacker.accessToken()).delete(FACTS).then().statusCode(404);
    given().auth().oauth2(owner.accessToken()).get(FACTS).then().statusCode(200);

    // no token, an expired one, a staff token
    given().get(FACTS).then().statusCode(401);
    given().auth().oauth2(Tokens.expired(owner.id(), "citizen")).get(FACTS).then().statusCode(401);
    given().auth().oauth2(Tokens.admin()).get(FACTS).then().statusCode(403);

    // withdrawing consent deletes the data
    given().auth().oauth2(owner.accessToken()).delete(FACTS).then().statusCode(204);
    given().auth().oauth2(owner.accessToken()).get(FACTS).then().statusCode(404);
    assertThat(
            Db.count(
                "SELECT count(*) FROM saved_household WHERE citizen_id = ?",
                UUID.fromString(owner.id())))
        .isZero();
  }

  @Test
  void shouldNotifyOnlyHouseholdsThatNewlyMatchWhenTheDibaoLineRises() throws Throwable {
    String raised = township("幸福测试街道");
    String elsewhere = township("平安测试街道");
    var nearLine = Citizens.login(); // 800 元 per head: above 690, below the new 900
    var alreadyPoor = Citizens.login(); // 300 元 per head: matched already
    var otherRegion = Citizens.login(); // 800 元 per head, but in the sibling township
    put(nearLine.accessToken(), facts(raised, 90000, 70000, "true"))
        .statusCode(200)
        .body("eligibleItems", not(hasItem("DIBAO")));
    put(alreadyPoor.accessToken(), facts(raised, 30000, 30000, "true"))
        .statusCode(200)
        .body("eligibleItems", hasItem("DIBAO"));
    put(otherRegion.accessToken(), facts(elsewhere, 90000, 70000, "true")).statusCode(200);

    long policy = publishedPolicy("鸠江区测试街道提高低保标准的通知");
    addStandard(raised, 90000, "2027-01-01", policy).statusCode(201);
    assertThat(
            Db.count(
                "SELECT count(*) FROM policy_match_job WHERE region_code = ? AND done_at IS NULL",
                raised))
        .isEqualTo(1);
    runJobsAndDeliver();

    var messages = newMatchMessages(nearLine.accessToken());
    assertThat(messages).hasSize(1);
    assertThat((String) messages.get(0).get("title")).contains("政策找人");
    assertThat((String) messages.get(0).get("body"))
        .contains("最低生活保障")
        .contains("900.00 元/月")
        .contains("2027-01-01")
        .contains("200.00 元"); // (900 − 800) × 2 members
    assertThat(newMatchMessages(alreadyPoor.accessToken())).isEmpty();
    assertThat(newMatchMessages(otherRegion.accessToken())).isEmpty();
    given()
        .auth()
        .oauth2(nearLine.accessToken())
        .get(FACTS)
        .then()
        .body("eligibleItems", hasItem("DIBAO"));

    // the same change again is refused; the same amount from a later date notifies nobody again
    addStandard(raised, 90000, "2027-01-01", policy)
        .statusCode(409)
        .body("code", is("STANDARD_EXISTS"));
    addStandard(raised, 90000, "2027-07-01", policy).statusCode(201);
    runJobsAndDeliver();
    VertxContextSupport.subscribeAndAwait(() -> matchJobs.drain());
    assertThat(newMatchMessages(nearLine.accessToken())).hasSize(1);
    assertThat(
            Db.count(
                "SELECT count(*) FROM notification_outbox WHERE recipient_id = ? AND template ="
                    + " 'POLICY_NEW_MATCH'",
                UUID.fromString(nearLine.id())))
        .isEqualTo(1);
    assertThat(
            Db.count(
                "SELECT count(*) FROM policy_match_job WHERE region_code = ? AND done_at IS NULL",
                raised))
        .isZero();
  }

  @Test
  void shouldAnnounceADraftPolicysStandardOnItsFirstPublishAndANewRule() throws Throwable {
    String region = township("和顺测试街道");
    var household = Citizens.login();
    put(household.accessToken(), facts(region, 90000, 70000, "true")).statusCode(200);
    String admin = Tokens.admin();
    long draft =
        given()
            .auth()
            .oauth2(admin)
            .contentType(ContentType.JSON)
            .body(
                PolicyLookupTest.input("和顺测试街道低保标准调整", "调整低保标准。", "低保标准调整。", region, "2025-01-01"))
            .post("/api/v1/admin/policies")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    addStandard(region, 90000, "2027-03-01", draft).statusCode(201);
    String pending =
        "SELECT count(*) FROM policy_match_job WHERE region_code = ? AND done_at IS NULL";
    // a draft's figures are not public: nothing to re-evaluate yet
    assertThat(Db.count(pending, region)).isZero();
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/admin/policies/" + draft + "/publish")
        .then()
        .statusCode(200);
    assertThat(Db.count(pending, region)).isEqualTo(1);
    runJobsAndDeliver();
    assertThat(newMatchMessages(household.accessToken()))
        .singleElement()
        .satisfies(m -> assertThat((String) m.get("body")).contains("900.00 元/月", "2027-03-01"));

    // a new rule is an item the household may newly match too
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "regionCode", region,
                "itemCode", "WINTER_HEATING",
                "itemName", "冬季取暖补贴",
                "scope", "HOUSEHOLD",
                "conditions", List.of("perCapitaIncomeFen < 100000"),
                "amountFormula", "NONE",
                "description", "家庭人均月收入低于1000元的，冬季发放取暖补贴",
                "effectiveFrom", "2025-01-01",
                "policyId", draft))
        .post("/api/v1/admin/eligibility-rules")
        .then()
        .statusCode(201);
    runJobsAndDeliver();
    assertThat(newMatchMessages(household.accessToken()))
        .hasSize(2)
        .anySatisfy(m -> assertThat((String) m.get("body")).contains("“冬季取暖补贴”"));
  }

  @Test
  void shouldStartAnApplicationDraftFromTheSavedFacts() {
    var citizen = Citizens.verified("周秀英", LocalDate.of(1975, 3, 8), IdNumber.Sex.FEMALE);
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .contentType(ContentType.JSON)
        .body("{\"itemCode\": \"DIBAO\"}")
        .post(FACTS + "/applications")
        .then()
        .statusCode(404)
        .body("code", is("HOUSEHOLD_FACTS_NOT_FOUND"));
    put(
            citizen.accessToken(),
            "{\"consent\": true, \"region\": \"321302001\", \"otherMonthlyIncomeFen\": 5000,"
                + " \"members\": [{\"age\": 50, \"monthlyIncomeFen\": 60000}, {\"age\": 48},"
                + " {\"age\": 16, \"inSchool\": true}]}")
        .statusCode(200)
        .body("eligibleItems", hasItem("DIBAO"));
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .contentType(ContentType.JSON)
        .body("{\"itemCode\": \"DIBAO\"}")
        .post(FACTS + "/applications")
        .then()
        .statusCode(201)
        .body("itemCode", is("DIBAO"))
        .body("status", is("DRAFT"))
        .body("regionCode", is("321302001"))
        .body("subjectId", is(citizen.id()))
        .body("form.householdSize", is(3))
        .body("form.householdMonthlyIncomeFen", is(65000));
  }
}
