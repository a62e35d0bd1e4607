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

/** Real-name binding: validation, uniqueness, masking, and encryption at rest. */
@QuarkusTest
class RealNameTest {

  private static io.restassured.response.Response bind(
      String token, String name, String id, String phone) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(
            "{\"realName\": \""
                + name
                + "\", \"idNumber\": \""
                + id
                + "\", \"phone\": \""
                + phone
                + "\"}")
        .put("/api/v1/me/identity");
  }

  @Test
  void shouldBindShowOnlyMaskedDataAndStoreNoPlainPii() {
    Citizens.LoggedIn citizen = Citizens.login();
    String id = Citizens.idNumber("321302", LocalDate.of(1985, 6, 15), IdNumber.Sex.FEMALE);
    String body =
        bind(citizen.accessToken(), "张晓华", id, "13912345678")
            .then()
            .statusCode(200)
            .body("verified", is(true))
            .body("realName", is("张*华"))
            .body("idNumber", is(id.substring(0, 4) + "**********" + id.substring(14)))
            .body("phone", is("139****5678"))
            .body("birthDate", is("1985-06-15"))
            .body("sex", is("FEMALE"))
            .extract()
            .asString();
    assertThat(body).doesNotContain(id).doesNotContain("13912345678").doesNotContain("张晓华");
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .get("/api/v1/me")
        .then()
        .statusCode(200)
        .body("idNumber", is(id.substring(0, 4) + "**********" + id.substring(14)))
        .body("phone", is("139****5678"));

    // the raw table holds no plain ID number, phone or name, anywhere in the row
    String row =
        (String)
            Db.query(
                    "SELECT row_to_json(c)::text AS row FROM citizen c WHERE id = ?::uuid",
                    citizen.id())
                .get(0)
                .get("row");
    assertThat(row).doesNotContain(id).doesNotContain("13912345678").doesNotContain("张晓华");
    assertThat(row).contains("dev1:");
  }

  @Test
  void shouldAcceptLowercaseXAndNormaliseIt() {
    Citizens.LoggedIn citizen = Citizens.login();
    String first17 = "1101051949123100";
    String id = null;
    for (int seq = 0; seq < 10 && id == null; seq++) {
      String candidate = first17 + seq;
      if (IdNumber.checkCharacter(candidate) == 'X'
          && Db.count(
                  "SELECT count(*) FROM citizen WHERE id_number_masked = ?",
                  "1101**********" + candidate.substring(14) + "X")
              == 0) {
        id = candidate + "x";
      }
    }
    assertThat(id).as("a sequence with check character X").isNotNull();
    bind(citizen.accessToken(), "王建国", id, "13800138000")
        .then()
        .statusCode(200)
        .body("idNumber", endsWith("X"));
  }

  @Test
  void shouldRefuseInvalidIdNumbersWithTheReason() {
    String token = Citizens.login().accessToken();
    String good = Citizens.idNumber("321302", LocalDate.of(1990, 1, 1), IdNumber.Sex.MALE);
    char wrong = good.charAt(17) == '1' ? '2' : '1';
    bind(token, "李明", good.substring(0, 17) + wrong, "13800001234")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", is("ID_NUMBER_INVALID"))
        .body("errors[0].field", is("idNumber"))
        .body("errors[0].code", is("CHECKSUM"));
    String feb31 = "32130219900231001";
    bind(token, "李明", feb31 + IdNumber.checkCharacter(feb31), "13800001234")
        .then()
        .statusCode(400)
        .body("errors[0].code", is("BIRTH_DATE"));
    String future = "32130220991231001";
    bind(token, "李明", future + IdNumber.checkCharacter(future), "13800001234")
        .then()
        .statusCode(400)
        .body("errors[0].code", is("FUTURE_BIRTH_DATE"));
    bind(token, "李明", "12345", "13800001234")
        .then()
        .statusCode(400)
        .body("errors[0].code", is("FORMAT"));
    bind(token, "李明", good, "12345")
        .then()
        .statusCode(400)
        .body("errors[0].code", is("PHONE_INVALID"));
    bind(token, "x", good, "13800001234")
        .then()
        .statusCode(400)
        .body("errors[0].code", is("REAL_NAME_INVALID"));
    given().auth().oauth2(token).get("/api/v1/me").then().body("verified", is(false));
  }

  @Test
  void shouldRefuseAnIdNumberBoundToAnotherCitizen() {
    String id = Citizens.idNumber("340207", LocalDate.of(1970, 8, 8), IdNumber.Sex.MALE);
    bind(Citizens.login().accessToken(), "赵四", id, "13700001111").then().statusCode(200);
    bind(Citizens.login().accessToken(), "赵四", id, "13700002222")
        .then()
        .statusCode(409)
        .body("code", is("ID_NUMBER_ALREADY_BOUND"));
  }

  @Test
  void shouldNotLetAVerifiedCitizenSwitchIdNumbers() {
    Citizens.LoggedIn c = Citizens.verified("孙丽", LocalDate.of(1992, 2, 2), IdNumber.Sex.FEMALE);
    String other = Citizens.idNumber("321302", LocalDate.of(1993, 3, 3), IdNumber.Sex.FEMALE);
    bind(c.accessToken(), "孙丽", other, "13800001234")
        .then()
        .statusCode(409)
        .body("code", is("IDENTITY_ALREADY_VERIFIED"));
    // updating the phone with the same ID number is fine
    bind(c.accessToken(), "孙丽", c.idNumber(), "13611112222")
        .then()
        .statusCode(200)
        .body("phone", is("136****2222"));
  }

  @Test
  void shouldRequireACitizenToken() {
    given().get("/api/v1/me").then().statusCode(401);
    given()
        .auth()
        .oauth2(Citizens.staffToken("sucheng.mz", "caseworker-dev-123"))
        .get("/api/v1/me")
        .then()
        .statusCode(403);
  }
}
