package org.fingertip.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.fingertip.identity.IdNumber;

/** Logs citizens in through the dev login and binds real names, as a mini-program would. */
public final class Citizens {

  private static final AtomicInteger SEQUENCE = new AtomicInteger(100);

  private Citizens() {}

  /** A logged-in citizen: id, tokens, and (once bound) the identity used. */
  public record LoggedIn(
      String id, String accessToken, String refreshToken, String idNumber, String name) {}

  public static LoggedIn login() {
    return login("test-" + UUID.randomUUID().toString().substring(0, 18));
  }

  public static LoggedIn login(String openid) {
    JsonPath json =
        given()
            .contentType(ContentType.JSON)
            .body("{\"openid\": \"" + openid + "\"}")
            .post("/api/v1/auth/dev-login")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    return new LoggedIn(
        json.getString("citizen.id"),
        json.getString("accessToken"),
        json.getString("refreshToken"),
        null,
        null);
  }

  /** Logs in a new citizen and binds a fresh, valid identity born on {@code birth}. */
  public static LoggedIn verified(String name, LocalDate birth, IdNumber.Sex sex) {
    LoggedIn citizen = login();
    String id = idNumber("321302", birth, sex);
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .contentType(ContentType.JSON)
        .body(
            "{\"realName\": \""
                + name
                + "\", \"idNumber\": \""
                + id
                + "\", \"phone\": \"13800001234\"}")
        .put("/api/v1/me/identity")
        .then()
        .statusCode(200);
    return new LoggedIn(citizen.id(), citizen.accessToken(), citizen.refreshToken(), id, name);
  }

  /** A valid ID number: region, birth date, a fresh sequence of the right parity, check digit. */
  public static String idNumber(String region, LocalDate birth, IdNumber.Sex sex) {
    int seq = SEQUENCE.addAndGet(2) % 1000;
    if ((seq % 2 == 1) != (sex == IdNumber.Sex.MALE)) {
      seq = (seq + 1) % 1000;
    }
    String first17 =
        region
            + String.format(
                "%04d%02d%02d", birth.getYear(), birth.getMonthValue(), birth.getDayOfMonth())
            + String.format("%03d", seq);
    return first17 + IdNumber.checkCharacter(first17);
  }

  public static String staffToken(String username, String password) {
    return given()
        .contentType(ContentType.JSON)
        .body("{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}")
        .post("/api/v1/auth/staff")
        .then()
        .statusCode(200)
        .extract()
        .path("accessToken");
  }
}
