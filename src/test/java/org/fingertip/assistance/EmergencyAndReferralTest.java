package org.fingertip.assistance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.fingertip.assistance.Fixtures.*;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fingertip.support.Citizens;
import org.fingertip.support.Db;
import org.junit.jupiter.api.Test;

/** Help first, review after (三先三后), claw-back on a breach, and referral to long-term items. */
@QuarkusTest
class EmergencyAndReferralTest {

  private static Map<String, Object> emergency(Citizens.LoggedIn who) {
    Map<String, Object> form = new HashMap<>();
    form.put("address", "宿城区幸福街道幸福南路 18 号 3 栋 201 室");
    form.put("villageOrCommunity", "幸福社区");
    form.put("contactPhone", "13912345678");
    form.put("reason", "家中突发火灾，房屋和家具被烧毁，一家三口暂无住处和生活用品。");
    form.put("eventDate", "2026-11-20");
    form.put("eventType", "FIRE");
    form.put("lossFen", 3000000);
    Map<String, Object> body = new HashMap<>();
    body.put("itemCode", "TEMPORARY_ASSISTANCE");
    body.put("regionCode", TOWNSHIP);
    body.put("form", form);
    body.put("household", household(who));
    body.put("emergency", true);
    body.put("creditCommitmentSigned", true);
    return body;
  }

  private static String emergencySubmitted(Citizens.LoggedIn who) {
    String id =
        create(who, emergency(who))
            .statusCode(201)
            .body("emergency", is(true))
            .body("commitmentSignedAt", notNullValue())
            .extract()
            .path("id");
    upload(who, id, "ID_CARD", jpeg(3000), "id.jpg", "image/jpeg").statusCode(201);
    given()
        .auth()
        .oauth2(who.accessToken())
        .post("/api/v1/applications/" + id + "/submit")
        .then()
        .statusCode(200);
    return id;
  }

  @Test
  void shouldGrantFirstThenClawBackAndShowTheBreachNextTime() {
    Citizens.LoggedIn citizen = citizen();
    String caseworker = staff("sucheng.mz");

    Map<String, Object> unsigned = emergency(citizen);
    unsigned.remove("creditCommitmentSigned");
    create(citizen, unsigned).statusCode(400).body("errors[0].field", is("creditCommitmentSigned"));
    Map<String, Object> dibao = dibaoDraft(citizen);
    dibao.put("emergency", true);
    dibao.put("creditCommitmentSigned", true);
    create(citizen, dibao).statusCode(422).body("code", is("EMERGENCY_NOT_ALLOWED"));

    String id = emergencySubmitted(citizen);
    assertThat(
            Db.query("SELECT commitment_text FROM application WHERE id = ?", UUID.fromString(id))
                .get(0)
                .get("commitment_text"))
        .asString()
        .contains("本人承诺");
    // the cap is 3 × the monthly DIBAO (1890 元)
    decide(caseworker, id, Map.of("action", "GRANT_EMERGENCY", "amountFen", 200000))
        .statusCode(422)
        .body("code", is("EMERGENCY_CAP_EXCEEDED"));
    decide(caseworker, id, Map.of("action", "GRANT_EMERGENCY", "amountFen", 150000))
        .statusCode(200)
        .body("application.status", is("ACCEPTED"))
        .body("application.emergencyGrantFen", is(150000))
        .body("application.timeline[-1].comment", containsString("1500"));
    decide(caseworker, id, Map.of("action", "GRANT_EMERGENCY", "amountFen", 10000))
        .statusCode(409)
        .body("code", is("EMERGENCY_ALREADY_GRANTED"));
    decide(caseworker, id, "START_REVIEW").statusCode(200);
    decide(
            caseworker,
            id,
            Map.of(
                "action", "DENY",
                "reason", "经核查，火灾损失已由保险全额赔付，且家庭拥有商品房两套，未如实申报",
                "creditBreach", true))
        .statusCode(200)
        .body("application.status", is("DENIED"))
        .body("application.clawbackFen", is(150000))
        .body("creditBreach", is(true));

    // the next emergency request shows the breach to staff (not to the citizen)
    String next = emergencySubmitted(citizen);
    decide(caseworker, next, "ACCEPT")
        .statusCode(200)
        .body("priorCreditBreaches", is(1))
        .body("creditBreach", is(false));
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .get("/api/v1/applications/" + next)
        .then()
        .statusCode(200)
        .body(not(containsString("creditBreach")));

    // a case not filed on the emergency path cannot be granted first
    String ordinary = submitted(citizen());
    decide(caseworker, ordinary, Map.of("action", "GRANT_EMERGENCY", "amountFen", 10000))
        .statusCode(409)
        .body("code", is("NOT_EMERGENCY"));
  }

  @Test
  void shouldReferToLongTermItemsAsLinkedPrefilledDrafts() {
    Citizens.LoggedIn citizen = citizen();
    String caseworker = staff("sucheng.mz");
    String id = emergencySubmitted(citizen);
    decide(caseworker, id, Map.of("action", "GRANT_EMERGENCY", "amountFen", 100000))
        .statusCode(200);

    decide(caseworker, id, Map.of("action", "REFER")).statusCode(400);
    decide(caseworker, id, Map.of("action", "REFER", "referItems", List.of("NO_SUCH_ITEM")))
        .statusCode(400)
        .body("errors[0].code", is("UNKNOWN_ITEM"));
    List<String> referrals =
        decide(
                caseworker,
                id,
                Map.of("action", "REFER", "referItems", List.of("DIBAO", "MEDICAL_ASSISTANCE")))
            .statusCode(200)
            .body("referrals", hasSize(2))
            .extract()
            .path("referrals");

    String dibao =
        given()
            .auth()
            .oauth2(citizen.accessToken())
            .get("/api/v1/applications")
            .then()
            .statusCode(200)
            .extract()
            .path("items.find { it.itemCode == 'DIBAO' }.id");
    assertThat(referrals).contains(dibao);
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .get("/api/v1/applications/" + dibao)
        .then()
        .statusCode(200)
        .body("status", is("DRAFT"))
        .body("referredFrom", is(id))
        .body("form.address", is("宿城区幸福街道幸福南路 18 号 3 栋 201 室"))
        .body("form.contactPhone", is("13912345678"))
        .body("form", not(hasKey("eventType")))
        .body("household", hasSize(2))
        .body("timeline[0].actorRole", is("CASEWORKER"));
    assertThat(
            Db.count(
                "SELECT count(*) FROM notification_outbox WHERE recipient_id = ? AND template ="
                    + " 'APPLICATION_REFERRED'",
                UUID.fromString(citizen.id())))
        .isEqualTo(2);
    // referring again does not duplicate an open draft
    decide(caseworker, id, Map.of("action", "REFER", "referItems", List.of("DIBAO")))
        .statusCode(200)
        .body("referrals", hasSize(2));
  }
}
