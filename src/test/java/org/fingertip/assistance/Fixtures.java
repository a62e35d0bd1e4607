package org.fingertip.assistance;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fingertip.identity.IdNumber;
import org.fingertip.support.Citizens;
import org.fingertip.support.Uploads;

/** Shared steps of the self-application tests: forms, files, staff tokens, decisions. */
final class Fixtures {

  static final String TOWNSHIP = "321302001"; // 幸福街道, 宿城区
  private static final Map<String, String> STAFF_TOKENS = new HashMap<>();

  private Fixtures() {}

  static synchronized String staff(String username) {
    return STAFF_TOKENS.computeIfAbsent(
        username, u -> Citizens.staffToken(u, "caseworker-dev-123"));
  }

  static Citizens.LoggedIn citizen() {
    return Citizens.verified("张建华", LocalDate.of(1970, 3, 8), IdNumber.Sex.MALE);
  }

  static Map<String, Object> dibaoForm() {
    Map<String, Object> form = new HashMap<>();
    form.put("address", "宿城区幸福街道幸福南路 18 号 3 栋 201 室");
    form.put("villageOrCommunity", "幸福社区");
    form.put("contactPhone", "13912345678");
    form.put("reason", "本人患慢性病无法工作，妻子务农收入微薄，孩子在读初中，家庭生活困难。");
    form.put("householdSize", 3);
    form.put("householdMonthlyIncomeFen", 80000);
    form.put("housingType", "OWN");
    form.put("hasVehicle", false);
    return form;
  }

  static List<Map<String, Object>> household(Citizens.LoggedIn self) {
    return List.of(
        Map.of(
            "relation",
            "SELF",
            "realName",
            self.name(),
            "idNumber",
            self.idNumber(),
            "monthlyIncomeFen",
            0,
            "disability",
            "NONE",
            "workAbility",
            "PARTIAL"),
        Map.of(
            "relation", "SPOUSE",
            "realName", "李秀英",
            "idNumber", Citizens.idNumber("321302", LocalDate.of(1972, 6, 1), IdNumber.Sex.FEMALE),
            "monthlyIncomeFen", 80000,
            "disability", "NONE",
            "workAbility", "FULL"));
  }

  static ValidatableResponse create(Citizens.LoggedIn who, Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(who.accessToken())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/applications")
        .then();
  }

  static Map<String, Object> dibaoDraft(Citizens.LoggedIn who) {
    Map<String, Object> body = new HashMap<>();
    body.put("itemCode", "DIBAO");
    body.put("regionCode", TOWNSHIP);
    body.put("form", dibaoForm());
    body.put("household", household(who));
    return body;
  }

  static String draft(Citizens.LoggedIn who) {
    return create(who, dibaoDraft(who)).statusCode(201).extract().path("id");
  }

  static byte[] pdf(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    byte[] head = "%PDF-1.7\n".getBytes();
    System.arraycopy(head, 0, bytes, 0, head.length);
    return bytes;
  }

  static byte[] jpeg(int size) {
    byte[] bytes = new byte[size];
    new Random(size + 1).nextBytes(bytes);
    bytes[0] = (byte) 0xFF;
    bytes[1] = (byte) 0xD8;
    bytes[2] = (byte) 0xFF;
    bytes[3] = (byte) 0xE0;
    return bytes;
  }

  static ValidatableResponse upload(
      Citizens.LoggedIn who,
      String applicationId,
      String type,
      byte[] bytes,
      String fileName,
      String contentType) {
    return Uploads.upload(who, applicationId, type, bytes, fileName, contentType);
  }

  /** A draft with the two mandatory DIBAO materials uploaded, then submitted. */
  static String submitted(Citizens.LoggedIn who) {
    String id = draft(who);
    upload(who, id, "ID_CARD", jpeg(40_000), "身份证.jpg", "image/jpeg").statusCode(201);
    upload(who, id, "INCOME_PROOF", pdf(60_000), "收入证明.pdf", "application/pdf").statusCode(201);
    given()
        .auth()
        .oauth2(who.accessToken())
        .post("/api/v1/applications/" + id + "/submit")
        .then()
        .statusCode(200);
    return id;
  }

  static ValidatableResponse decide(String staffToken, String id, Map<String, Object> decision) {
    return given()
        .auth()
        .oauth2(staffToken)
        .contentType(ContentType.JSON)
        .body(decision)
        .post("/api/v1/staff/applications/" + id + "/decisions")
        .then();
  }

  static ValidatableResponse decide(String staffToken, String id, String action) {
    return decide(staffToken, id, Map.of("action", action));
  }
}
