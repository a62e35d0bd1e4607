package org.fingertip.marriage;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fingertip.support.Citizens;
import org.fingertip.support.Db;
import org.fingertip.support.Tokens;

/** Test offices, clerks and bookings, made through the API as an admin and a citizen would. */
final class MarriageFixtures {

  static final String ADMIN_ID = "00000000-0000-0000-0000-00000000a001";
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private MarriageFixtures() {}

  static String admin() {
    return Tokens.forRoles(ADMIN_ID, "admin");
  }

  static LocalDate today() {
    return LocalDate.now(ZONE);
  }

  /** The first Monday–Friday at least {@code days} after today. */
  static LocalDate weekdayAfter(int days) {
    LocalDate d = today().plusDays(days);
    while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
      d = d.plusDays(1);
    }
    return d;
  }

  /**
   * An office open every weekday with one window per service: MARRIAGE 09:00–10:00 and 10:00–11:00
   * with {@code capacity} places, the other services 09:00–11:30; specials as JSON array text.
   */
  static String office(String services, int releaseDays, int capacity, String specialDays) {
    String body =
        """
        {"name": "测试婚姻登记处%s", "regionCode": "321302", "address": "宿迁市宿城区测试路 1 号",
         "latitude": 33.96, "longitude": 118.29, "phone": "0527-80000000",
         "hours": "周一至周五 9:00-11:30", "services": [%s], "releaseDays": %d,
         "templates": [
           {"weekdays": [1,2,3,4,5,6,7], "start": "09:00", "end": "10:00", "service": "MARRIAGE", "capacity": %d},
           {"weekdays": [1,2,3,4,5,6,7], "start": "10:00", "end": "11:00", "service": "MARRIAGE", "capacity": %d}
           %s],
         "specialDays": %s}
        """
            .formatted(
                UUID.randomUUID().toString().substring(0, 6),
                services,
                releaseDays,
                capacity,
                capacity,
                otherTemplates(services),
                specialDays);
    return given()
        .auth()
        .oauth2(admin())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/staff/marriage/offices")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static String otherTemplates(String services) {
    StringBuilder sb = new StringBuilder();
    for (String s : List.of("DIVORCE_APPLICATION", "DIVORCE_CERTIFICATE", "REISSUE", "CEREMONY")) {
      if (services.contains(s)) {
        sb.append(
            ", {\"weekdays\": [1,2,3,4,5,6,7], \"start\": \"09:00\", \"end\": \"11:30\","
                + " \"service\": \""
                + s
                + "\", \"capacity\": 5}");
      }
    }
    return sb.toString();
  }

  static final String ALL_SERVICES =
      "\"MARRIAGE\", \"DIVORCE_APPLICATION\", \"DIVORCE_CERTIFICATE\", \"REISSUE\"";

  /** A registry clerk scoped to the office (a staff row and a token for it). */
  static String clerk(String officeId) {
    UUID id = UUID.randomUUID();
    Db.update(
        "INSERT INTO staff (id, username, password_hash, display_name, role, offices, created_at)"
            + " VALUES (?, ?, 'x', '测试登记员', 'registry_clerk', ARRAY[?]::varchar[], now())",
        id,
        "clerk-" + id.toString().substring(0, 8),
        officeId);
    return Tokens.forRoles(id.toString(), "registry_clerk");
  }

  static List<Map<String, Object>> slots(String officeId, LocalDate date, String service) {
    return given()
        .queryParam("date", date.toString())
        .queryParam("service", service)
        .get("/api/v1/marriage/offices/" + officeId + "/slots")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("$");
  }

  static String slot(String officeId, LocalDate date, String service, String start) {
    return slots(officeId, date, service).stream()
        .filter(s -> ((String) s.get("start")).startsWith(start))
        .findFirst()
        .map(s -> (String) s.get("id"))
        .orElseThrow(
            () -> new AssertionError("no " + service + " slot at " + start + " on " + date));
  }

  static Response book(
      Citizens.LoggedIn who,
      String officeId,
      String slotId,
      String service,
      String partnerName,
      String partnerId) {
    String partner =
        partnerId == null
            ? ""
            : ", \"partner\": {\"realName\": \""
                + partnerName
                + "\", \"idNumber\": \""
                + partnerId
                + "\"}";
    return given()
        .auth()
        .oauth2(who.accessToken())
        .contentType(ContentType.JSON)
        .body(
            "{\"officeId\": \""
                + officeId
                + "\", \"slotId\": \""
                + slotId
                + "\", \"service\": \""
                + service
                + "\""
                + partner
                + "}")
        .post("/api/v1/marriage/appointments");
  }

  static int booked(String slotId) {
    return ((Number)
            Db.query("SELECT booked FROM marriage_slot WHERE id = ?::uuid", slotId)
                .get(0)
                .get("booked"))
        .intValue();
  }
}
