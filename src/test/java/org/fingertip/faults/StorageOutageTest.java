package org.fingertip.faults;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fingertip.support.Uploads.upload;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.fingertip.identity.IdNumber;
import org.fingertip.platform.embedded.EmbeddedServices;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.storage.ObjectStorage;
import org.fingertip.support.Citizens;
import org.fingertip.support.Db;
import org.junit.jupiter.api.Test;

/**
 * Object storage stopped: every storage operation fails fast with 503 STORAGE_UNAVAILABLE, what was
 * stored before is intact afterwards, and the app recovers without a restart. Proved twice: on the
 * storage client itself, and over HTTP on the citizen's upload and download routes.
 */
@QuarkusTest
class StorageOutageTest {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final byte[] CONTENT = "低保申请材料：户口簿复印件".getBytes(StandardCharsets.UTF_8);

  @Inject ObjectStorage storage;

  @Test
  void shouldAnswer503WhileStorageIsDownAndRecoverWithoutRestart() throws Exception {
    String kept = "faults/" + UUID.randomUUID();
    storage
        .put(kept, new ByteArrayInputStream(CONTENT), CONTENT.length, "text/plain")
        .await()
        .atMost(WAIT);

    EmbeddedServices.control("s3.stop").run();
    try {
      String other = "faults/" + UUID.randomUUID();
      List<Uni<?>> operations =
          List.of(
              storage.put(other, new ByteArrayInputStream(CONTENT), CONTENT.length, "text/plain"),
              storage.put(other, new ByteArrayInputStream(CONTENT), -1, "text/plain"),
              storage.stat(kept),
              storage.get(kept),
              storage.delete(kept));
      for (Uni<?> operation : operations) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> operation.await().atMost(WAIT))
            .isInstanceOfSatisfying(
                ProblemException.class,
                e -> {
                  assertThat(e.status()).isEqualTo(503);
                  assertThat(e.code()).isEqualTo("STORAGE_UNAVAILABLE");
                  assertThat(e.headers()).containsKey("Retry-After");
                });
        assertThat((System.nanoTime() - start) / 1_000_000)
            .as("fails fast (connect timeout), not at the read timeout")
            .isLessThan(5000);
      }
      given()
          .get("/q/health/ready")
          .then()
          .statusCode(503)
          .body("checks.find { it.name == 'object-storage' }.status", is("DOWN"));
    } finally {
      EmbeddedServices.control("s3.start").run();
    }

    // back without a restart; the object stored before the outage is intact
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'object-storage' }.status", is("UP"));
    assertThat(storage.stat(kept).await().atMost(WAIT).size()).isEqualTo(CONTENT.length);
    try (InputStream in = storage.get(kept).await().atMost(WAIT)) {
      assertThat(in.readAllBytes()).isEqualTo(CONTENT);
    }
    String fresh = "faults/" + UUID.randomUUID();
    assertThat(
            storage
                .put(fresh, new ByteArrayInputStream(CONTENT), CONTENT.length, "text/plain")
                .await()
                .atMost(WAIT)
                .size())
        .isEqualTo(CONTENT.length);
    storage.delete(fresh).await().atMost(WAIT);
    storage.delete(kept).await().atMost(WAIT);
  }

  @Test
  void shouldRefuseUploadsAndDownloadsOverHttpWhileStorageIsDownAndLeaveTheApplicationIntact()
      throws Exception {
    Citizens.LoggedIn citizen =
        Citizens.verified("孙桂兰", LocalDate.of(1968, 9, 14), IdNumber.Sex.FEMALE);
    String app = draft(citizen);
    byte[] idCard = jpeg(30_000);
    String existing =
        upload(citizen, app, "ID_CARD", idCard, "身份证.jpg", "image/jpeg")
            .statusCode(201)
            .extract()
            .path("id");
    UUID appId = UUID.fromString(app);
    Map<String, Object> applicationBefore = applicationRow(appId);
    List<Map<String, Object>> documentsBefore = documentRows(appId, citizen);
    assertThat(documentsBefore).hasSize(1);

    EmbeddedServices.control("s3.stop").run();
    try {
      long start = System.nanoTime();
      upload(citizen, app, "INCOME_PROOF", pdf(20_000), "收入证明.pdf", "application/pdf")
          .statusCode(503)
          .contentType(startsWith("application/problem+json"))
          .header("Retry-After", notNullValue())
          .body("code", is("STORAGE_UNAVAILABLE"))
          .body("detail", notNullValue());
      assertThat((System.nanoTime() - start) / 1_000_000).as("upload fails fast").isLessThan(8000);
      given()
          .auth()
          .oauth2(citizen.accessToken())
          .get("/api/v1/documents/" + existing + "/content")
          .then()
          .statusCode(503)
          .header("Retry-After", notNullValue())
          .body("code", is("STORAGE_UNAVAILABLE"));
      given()
          .get("/q/health/ready")
          .then()
          .statusCode(503)
          .body("checks.find { it.name == 'object-storage' }.status", is("DOWN"));

      // nothing half-written: the application and its document list are exactly as before
      assertThat(applicationRow(appId)).isEqualTo(applicationBefore);
      assertThat(documentRows(appId, citizen)).isEqualTo(documentsBefore);
    } finally {
      EmbeddedServices.control("s3.start").run();
    }

    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'object-storage' }.status", is("UP"));
    // the same upload now succeeds, and the document stored before the outage reads back intact
    upload(citizen, app, "INCOME_PROOF", pdf(20_000), "收入证明.pdf", "application/pdf")
        .statusCode(201)
        .body("type", is("INCOME_PROOF"));
    assertThat(documentRows(appId, citizen)).hasSize(2);
    byte[] back =
        given()
            .auth()
            .oauth2(citizen.accessToken())
            .get("/api/v1/documents/" + existing + "/content")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    assertThat(back).isEqualTo(idCard);
  }

  private static String draft(Citizens.LoggedIn who) {
    Map<String, Object> form =
        Map.of(
            "address", "宿城区幸福街道幸福南路 26 号",
            "villageOrCommunity", "幸福社区",
            "contactPhone", "13912345678",
            "reason", "本人长期患病，无固定收入，生活困难。",
            "householdSize", 1,
            "householdMonthlyIncomeFen", 30000,
            "housingType", "OWN",
            "hasVehicle", false);
    Map<String, Object> body =
        Map.of(
            "itemCode",
            "DIBAO",
            "regionCode",
            "321302001",
            "form",
            form,
            "household",
            List.of(
                Map.of(
                    "relation",
                    "SELF",
                    "realName",
                    who.name(),
                    "idNumber",
                    who.idNumber(),
                    "monthlyIncomeFen",
                    0,
                    "disability",
                    "NONE",
                    "workAbility",
                    "PARTIAL")));
    return given()
        .auth()
        .oauth2(who.accessToken())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/applications")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static Map<String, Object> applicationRow(UUID id) {
    return Db.query("SELECT * FROM application WHERE id = ?", id).get(0);
  }

  /** The application's document list and every document the citizen owns. */
  private static List<Map<String, Object>> documentRows(UUID app, Citizens.LoggedIn who) {
    List<Map<String, Object>> links =
        Db.query(
            "SELECT d.* FROM application_document ad JOIN document d ON d.id = ad.document_id"
                + " WHERE ad.application_id = ? ORDER BY d.id",
            app);
    assertThat(
            Db.count("SELECT count(*) FROM document WHERE owner_id = ?", UUID.fromString(who.id())))
        .as("no document row outside the application's list")
        .isEqualTo(links.size());
    return links;
  }

  private static byte[] pdf(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    byte[] head = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, bytes, 0, head.length);
    return bytes;
  }

  private static byte[] jpeg(int size) {
    byte[] bytes = new byte[size];
    new Random(size + 1).nextBytes(bytes);
    bytes[0] = (byte) 0xFF;
    bytes[1] = (byte) 0xD8;
    bytes[2] = (byte) 0xFF;
    bytes[3] = (byte) 0xE0;
    return bytes;
  }
}
