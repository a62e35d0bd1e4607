package org.fingertip.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import org.fingertip.support.Citizens;
import org.fingertip.support.Db;
import org.junit.jupiter.api.Test;

/** Family proxies: consent, scopes, ending, offline subjects, caseworker scope, access log. */
@QuarkusTest
class ProxyTest {

  private static String request(Citizens.LoggedIn actor, String name, String id, String extra) {
    return given()
        .auth()
        .oauth2(actor.accessToken())
        .contentType(ContentType.JSON)
        .body(
            "{\"realName\": \""
                + name
                + "\", \"idNumber\": \""
                + id
                + "\", \"relation\": \"CHILD\""
                + extra
                + "}")
        .post("/api/v1/me/proxies")
        .then()
        .statusCode(201)
        .body("status", is("PENDING"))
        // times are ISO 8601 with the Asia/Shanghai offset
        .body("requestedAt", endsWith("+08:00"))
        .extract()
        .path("id");
  }

  @Test
  void shouldActivateOnlyWhenTheSubjectAcceptsAndHonourScopes() {
    Citizens.LoggedIn daughter =
        Citizens.verified("周敏", LocalDate.of(1980, 1, 1), IdNumber.Sex.FEMALE);
    Citizens.LoggedIn mother =
        Citizens.verified("吴桂兰", LocalDate.of(1941, 5, 5), IdNumber.Sex.FEMALE);
    String proxyId = request(daughter, "吴桂兰", mother.idNumber(), "");

    // the actor cannot accept on the subject's behalf; another citizen cannot see it at all
    given()
        .auth()
        .oauth2(daughter.accessToken())
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/me/proxies/" + proxyId + "/accept")
        .then()
        .statusCode(404);
    given()
        .auth()
        .oauth2(Citizens.login().accessToken())
        .delete("/api/v1/me/proxies/" + proxyId)
        .then()
        .statusCode(404);
    // before acceptance, nothing is allowed
    given()
        .auth()
        .oauth2(daughter.accessToken())
        .get("/api/v1/me/family/" + mother.id())
        .then()
        .statusCode(403)
        .body("code", is("PROXY_NOT_ACTIVE"));

    given()
        .auth()
        .oauth2(mother.accessToken())
        .get("/api/v1/me/proxies")
        .then()
        .statusCode(200)
        .body("actingForMe[0].id", is(proxyId))
        .body("actingForMe[0].otherName", is("周*"));
    given()
        .auth()
        .oauth2(mother.accessToken())
        .contentType(ContentType.JSON)
        .body("{\"scopes\": [\"ORDER_MEALS\"]}")
        .post("/api/v1/me/proxies/" + proxyId + "/accept")
        .then()
        .statusCode(200)
        .body("status", is("ACTIVE"))
        .body("scopes", contains("ORDER_MEALS"));

    // ORDER_MEALS only: viewing status is outside the granted scopes
    given()
        .auth()
        .oauth2(daughter.accessToken())
        .get("/api/v1/me/family/" + mother.id())
        .then()
        .statusCode(403)
        .body("code", is("PROXY_SCOPE_MISSING"));
    // the subject widens the scopes; effective at once
    given()
        .auth()
        .oauth2(mother.accessToken())
        .contentType(ContentType.JSON)
        .body("{\"scopes\": [\"ORDER_MEALS\", \"VIEW_STATUS\"]}")
        .put("/api/v1/me/proxies/" + proxyId + "/scopes")
        .then()
        .statusCode(200);
    given()
        .auth()
        .oauth2(daughter.accessToken())
        .get("/api/v1/me/family/" + mother.id())
        .then()
        .statusCode(200)
        .body("realName", is("吴*兰"))
        .body("verified", is(true));
    // only the subject changes scopes
    given()
        .auth()
        .oauth2(daughter.accessToken())
        .contentType(ContentType.JSON)
        .body("{\"scopes\": [\"APPLY_ASSISTANCE\"]}")
        .put("/api/v1/me/proxies/" + proxyId + "/scopes")
        .then()
        .statusCode(404);

    // either side ends it, and both are told
    given()
        .auth()
        .oauth2(daughter.accessToken())
        .delete("/api/v1/me/proxies/" + proxyId)
        .then()
        .statusCode(200)
        .body("status", is("ENDED"));
    given()
        .auth()
        .oauth2(daughter.accessToken())
        .get("/api/v1/me/family/" + mother.id())
        .then()
        .statusCode(403);
    assertThat(
            Db.count(
                "SELECT count(*) FROM notification_outbox WHERE dedup_key LIKE ?",
                "proxy:" + proxyId + ":ended:%"))
        .isEqualTo(2);
    assertThat(
            Db.count(
                "SELECT count(*) FROM notification_outbox WHERE dedup_key = ?",
                "proxy:" + proxyId + ":requested"))
        .isEqualTo(1);
  }

  @Test
  void shouldRefuseMismatchedNamesSelfAndUnverifiedActors() {
    Citizens.LoggedIn son = Citizens.verified("郑伟", LocalDate.of(1975, 7, 7), IdNumber.Sex.MALE);
    Citizens.LoggedIn father =
        Citizens.verified("郑大山", LocalDate.of(1945, 9, 9), IdNumber.Sex.MALE);
    given()
        .auth()
        .oauth2(son.accessToken())
        .contentType(ContentType.JSON)
        .body(
            "{\"realName\": \"郑小山\", \"idNumber\": \""
                + father.idNumber()
                + "\", \"relation\": \"CHILD\"}")
        .post("/api/v1/me/proxies")
        .then()
        .statusCode(422)
        .body("code", is("PROXY_SUBJECT_MISMATCH"));
    given()
        .auth()
        .oauth2(son.accessToken())
        .contentType(ContentType.JSON)
        .body(
            "{\"realName\": \"郑伟\", \"idNumber\": \""
                + son.idNumber()
                + "\", \"relation\": \"CHILD\"}")
        .post("/api/v1/me/proxies")
        .then()
        .statusCode(400)
        .body("code", is("PROXY_SELF"));
    given()
        .auth()
        .oauth2(Citizens.login().accessToken())
        .contentType(ContentType.JSON)
        .body(
            "{\"realName\": \"郑大山\", \"idNumber\": \""
                + father.idNumber()
                + "\", \"relation\": \"CHILD\"}")
        .post("/api/v1/me/proxies")
        .then()
        .statusCode(409)
        .body("code", is("IDENTITY_NOT_VERIFIED"));
    request(son, "郑大山", father.idNumber(), "");
    given()
        .auth()
        .oauth2(son.accessToken())
        .contentType(ContentType.JSON)
        .body(
            "{\"realName\": \"郑大山\", \"idNumber\": \""
                + father.idNumber()
                + "\", \"relation\": \"CHILD\"}")
        .post("/api/v1/me/proxies")
        .then()
        .statusCode(409)
        .body("code", is("PROXY_EXISTS"));
  }

  @Test
  void shouldLetOnlyAnInScopeCaseworkerVerifyForSomeoneWithoutAPhoneAndLogTheRead() {
    Citizens.LoggedIn grandson =
        Citizens.verified("冯磊", LocalDate.of(1995, 3, 3), IdNumber.Sex.MALE);
    String grandmaId = Citizens.idNumber("321302", LocalDate.of(1938, 12, 12), IdNumber.Sex.FEMALE);
    // without a township the request cannot be verified in person
    given()
        .auth()
        .oauth2(grandson.accessToken())
        .contentType(ContentType.JSON)
        .body(
            "{\"realName\": \"冯秀英\", \"idNumber\": \""
                + grandmaId
                + "\", \"relation\": \"GRANDCHILD\"}")
        .post("/api/v1/me/proxies")
        .then()
        .statusCode(400)
        .body("errors[0].code", is("REGION_REQUIRED"));
    String proxyId =
        request(
            grandson,
            "冯秀英",
            grandmaId,
            ", \"relation\": \"GRANDCHILD\", \"regionCode\": \"321302001\""
                .replace(", \"relation\": \"GRANDCHILD\"", ""));

    String outOfScope = Citizens.staffToken("jiujiang.mz", "caseworker-dev-123");
    given()
        .auth()
        .oauth2(outOfScope)
        .get("/api/v1/staff/proxies")
        .then()
        .statusCode(200)
        .body("id", not(hasItem(proxyId)));
    given()
        .auth()
        .oauth2(outOfScope)
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/staff/proxies/" + proxyId + "/verify")
        .then()
        .statusCode(404);

    String inScope = Citizens.staffToken("sucheng.mz", "caseworker-dev-123");
    given()
        .auth()
        .oauth2(inScope)
        .get("/api/v1/staff/proxies")
        .then()
        .statusCode(200)
        .body("find { it.id == '" + proxyId + "' }.subjectName", is("冯秀英"))
        .body("find { it.id == '" + proxyId + "' }.subjectIdNumber", is(grandmaId))
        .body("find { it.id == '" + proxyId + "' }.actorIdNumber", is(grandson.idNumber()));
    // the grandson sees that a caseworker read his data, and why
    given()
        .auth()
        .oauth2(grandson.accessToken())
        .get("/api/v1/me/access-log")
        .then()
        .statusCode(200)
        .body("items.staffRole", hasItem("caseworker"))
        .body("items.purpose", hasItem(containsString(proxyId)));

    given()
        .auth()
        .oauth2(inScope)
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/staff/proxies/" + proxyId + "/verify")
        .then()
        .statusCode(200)
        .body("status", is("ACTIVE"));
    given()
        .auth()
        .oauth2(inScope)
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/staff/proxies/" + proxyId + "/verify")
        .then()
        .statusCode(409)
        .body("code", is("ILLEGAL_TRANSITION"));
  }
}
