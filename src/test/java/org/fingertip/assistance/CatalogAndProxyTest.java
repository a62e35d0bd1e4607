package org.fingertip.assistance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.fingertip.assistance.Fixtures.*;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.fingertip.identity.IdNumber;
import org.fingertip.support.Citizens;
import org.fingertip.support.Db;
import org.junit.jupiter.api.Test;

/** The one-window catalog, applying anywhere an item is offered, and applying through a proxy. */
@QuarkusTest
class CatalogAndProxyTest {

  @Test
  void shouldOfferAtLeastFiftyItemsFromTwentyDepartments() {
    assertThat(Db.count("SELECT count(*) FROM assistance_item WHERE active"))
        .isGreaterThanOrEqualTo(50);
    assertThat(Db.count("SELECT count(DISTINCT department) FROM assistance_item"))
        .isGreaterThanOrEqualTo(20);
    given()
        .queryParam("size", 100)
        .get("/api/v1/assistance-items")
        .then()
        .statusCode(200)
        .body("total", greaterThanOrEqualTo(50));
  }

  @Test
  void shouldFindItemsByAbbreviationDepartmentAndRegion() {
    // 低保 is not a substring of 最低生活保障: found through the keywords
    given()
        .queryParam("q", "低保")
        .get("/api/v1/assistance-items")
        .then()
        .statusCode(200)
        .body("items[0].code", is("DIBAO"));
    given()
        .queryParam("department", "EDUCATION")
        .queryParam("size", 100)
        .get("/api/v1/assistance-items")
        .then()
        .statusCode(200)
        .body("items.department", everyItem(is("EDUCATION")))
        .body("items.code", hasItem("HIGH_SCHOOL_GRANT"));
    // the heating subsidy is offered in Shandong only
    given()
        .queryParam("region", "371402001")
        .queryParam("size", 100)
        .get("/api/v1/assistance-items")
        .then()
        .body("items.code", hasItem("HEATING_SUBSIDY"));
    given()
        .queryParam("region", "321302001")
        .queryParam("size", 100)
        .get("/api/v1/assistance-items")
        .then()
        .body("items.code", not(hasItem("HEATING_SUBSIDY")))
        .body("items.code", hasItem("DIBAO"));
    given().queryParam("region", "12").get("/api/v1/assistance-items").then().statusCode(400);
  }

  @Test
  void shouldDescribeMaterialsFormAndTimeLimit() {
    given()
        .get("/api/v1/assistance-items/DIBAO")
        .then()
        .statusCode(200)
        .body("name", is("最低生活保障"))
        .body("department", is("CIVIL_AFFAIRS"))
        .body("timeLimitDays", is(20))
        .body("publicNotice", is(true))
        .body("materials.find { it.type == 'ID_CARD' }.mandatory", is(true))
        .body("materials.find { it.type == 'ID_CARD' }.acceptedTypes", hasItem("image/jpeg"))
        .body("formSchema.fields.name", hasItems("householdSize", "contactPhone"));
    given()
        .get("/api/v1/assistance-items/TEMPORARY_ASSISTANCE")
        .then()
        .body("emergencyAllowed", is(true))
        .body("emergencyCapFen", is(189000));
    given()
        .get("/api/v1/assistance-items/NOPE")
        .then()
        .statusCode(404)
        .body("code", is("ITEM_NOT_FOUND"));
  }

  @Test
  void shouldLetAnyoneApplyWhereverTheItemIsOfferedRegardlessOfHukou() {
    // born and registered in 宿城区 (321302), applying in 鸠江区 (Anhui)
    Citizens.LoggedIn citizen = citizen();
    Map<String, Object> body = dibaoDraft(citizen);
    body.put("regionCode", "340207001");
    create(citizen, body).statusCode(201).body("regionCode", is("340207001"));
    // not at a county: a township must be chosen
    Map<String, Object> county = dibaoDraft(citizen);
    county.put("itemCode", "LONGEVITY_ALLOWANCE");
    county.put("regionCode", "321302");
    county.remove("form");
    create(citizen, county).statusCode(400).body("errors[0].code", is("REGION_NOT_TOWNSHIP"));
    // not where the item is not offered
    Map<String, Object> heating = dibaoDraft(citizen);
    heating.put("itemCode", "HEATING_SUBSIDY");
    heating.remove("form");
    create(citizen, heating).statusCode(422).body("code", is("ITEM_NOT_OFFERED_IN_REGION"));
    // and only with a verified identity
    Citizens.LoggedIn anonymous = Citizens.login();
    Map<String, Object> noId = dibaoDraft(citizen);
    noId.remove("household");
    create(anonymous, noId).statusCode(409).body("code", is("IDENTITY_NOT_VERIFIED"));
  }

  @Test
  void shouldApplyForAFamilyMemberOnlyWithTheApplyAssistanceScope() {
    Citizens.LoggedIn daughter =
        Citizens.verified("周敏", LocalDate.of(1980, 1, 1), IdNumber.Sex.FEMALE);
    Citizens.LoggedIn mother =
        Citizens.verified("吴桂兰", LocalDate.of(1941, 5, 5), IdNumber.Sex.FEMALE);
    Map<String, Object> forMother = dibaoDraft(mother);
    forMother.put("forCitizenId", mother.id());

    // no proxy at all
    create(daughter, forMother).statusCode(403).body("code", is("PROXY_NOT_ACTIVE"));

    String proxyId =
        given()
            .auth()
            .oauth2(daughter.accessToken())
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "realName",
                    "吴桂兰",
                    "idNumber",
                    mother.idNumber(),
                    "relation",
                    "CHILD",
                    "scopes",
                    new String[] {"VIEW_STATUS"}))
            .post("/api/v1/me/proxies")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    given()
        .auth()
        .oauth2(mother.accessToken())
        .contentType(ContentType.JSON)
        .body("{\"scopes\": [\"VIEW_STATUS\"]}")
        .post("/api/v1/me/proxies/" + proxyId + "/accept")
        .then()
        .statusCode(200);
    create(daughter, forMother).statusCode(403).body("code", is("PROXY_SCOPE_MISSING"));

    given()
        .auth()
        .oauth2(mother.accessToken())
        .contentType(ContentType.JSON)
        .body("{\"scopes\": [\"VIEW_STATUS\", \"APPLY_ASSISTANCE\"]}")
        .put("/api/v1/me/proxies/" + proxyId + "/scopes")
        .then()
        .statusCode(200);
    String id =
        create(daughter, forMother)
            .statusCode(201)
            .body("subjectId", is(mother.id()))
            .body("applicantId", is(daughter.id()))
            .body("timeline[0].actorRole", is("PROXY"))
            .extract()
            .path("id");
    String doc =
        upload(daughter, id, "ID_CARD", jpeg(2000), "mum-id.jpg", "image/jpeg")
            .statusCode(201)
            .extract()
            .path("id");
    // the document belongs to the mother; both may read it
    assertThat(
            Db.query("SELECT owner_id FROM document WHERE id = ?", UUID.fromString(doc))
                .get(0)
                .get("owner_id"))
        .isEqualTo(UUID.fromString(mother.id()));
    given()
        .auth()
        .oauth2(mother.accessToken())
        .get("/api/v1/documents/" + doc + "/content")
        .then()
        .statusCode(200);
    given()
        .auth()
        .oauth2(daughter.accessToken())
        .get("/api/v1/documents/" + doc + "/content")
        .then()
        .statusCode(200);
    // the mother sees the application and what her daughter did
    given()
        .auth()
        .oauth2(mother.accessToken())
        .get("/api/v1/applications/" + id)
        .then()
        .statusCode(200)
        .body("applicantId", is(daughter.id()));
    given()
        .auth()
        .oauth2(mother.accessToken())
        .get("/api/v1/me/proxy-actions")
        .then()
        .statusCode(200)
        .body("items.action", hasItems("APPLY_ASSISTANCE", "UPLOAD_DOCUMENT"));

    // the scope is checked again on every step: withdrawn, the daughter can no longer act
    given()
        .auth()
        .oauth2(mother.accessToken())
        .contentType(ContentType.JSON)
        .body("{\"scopes\": [\"VIEW_STATUS\"]}")
        .put("/api/v1/me/proxies/" + proxyId + "/scopes")
        .then()
        .statusCode(200);
    given()
        .auth()
        .oauth2(daughter.accessToken())
        .post("/api/v1/applications/" + id + "/submit")
        .then()
        .statusCode(403)
        .body("code", is("PROXY_SCOPE_MISSING"));
    given()
        .auth()
        .oauth2(daughter.accessToken())
        .get("/api/v1/documents/" + doc + "/content")
        .then()
        .statusCode(404);
  }
}
