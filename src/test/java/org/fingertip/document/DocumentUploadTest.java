package org.fingertip.document;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.fingertip.support.Uploads.upload;
import static org.hamcrest.Matchers.*;

import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.fingertip.identity.IdNumber;
import org.fingertip.platform.storage.StorageConfig;
import org.fingertip.support.Citizens;
import org.fingertip.support.Db;
import org.junit.jupiter.api.Test;

/** Uploads into object storage, refusals that leave nothing behind, the wallet, downloads. */
@QuarkusTest
class DocumentUploadTest {

  private static final String TOWNSHIP = "321302001";

  @Inject StorageConfig storage;
  @Inject DocumentService documents;
  @Inject org.fingertip.platform.web.AppClock clock;

  @Test
  void shouldPurgeDocumentsOfDraftsWithdrawnThirtyDaysAgo() throws Throwable {
    Citizens.LoggedIn citizen = citizen();
    String app = draft(citizen);
    String doc =
        upload(citizen, app, "ID_CARD", jpeg(4000), "id.jpg", "image/jpeg")
            .statusCode(201)
            .extract()
            .path("id");
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/applications/" + app + "/withdraw")
        .then()
        .statusCode(200);
    Set<String> withDoc = objects();
    try {
      clock.setOffset(java.time.Duration.ofDays(29));
      io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(
          () -> documents.purgeWithdrawnDrafts());
      assertThat(Db.count("SELECT count(*) FROM document WHERE id = ?", UUID.fromString(doc)))
          .isEqualTo(1);
      clock.setOffset(java.time.Duration.ofDays(31));
      io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(
          () -> documents.purgeWithdrawnDrafts());
    } finally {
      clock.reset();
    }
    assertThat(Db.count("SELECT count(*) FROM document WHERE id = ?", UUID.fromString(doc)))
        .isZero();
    assertThat(objects()).hasSizeLessThan(withDoc.size());
  }

  @Test
  void shouldRefuseBadUploadsLeavingNoRowAndNoObject() throws Exception {
    Citizens.LoggedIn citizen = citizen();
    String app = draft(citizen);
    Set<String> before = objects();

    // over the 10 MiB cap (but under the HTTP body limit): refused after spooling, nothing stored
    upload(citizen, app, "ID_CARD", jpeg(10 * 1024 * 1024 + 1), "big.jpg", "image/jpeg")
        .statusCode(413)
        .body("code", is("FILE_TOO_LARGE"));
    // a text file claiming to be a JPEG
    upload(citizen, app, "ID_CARD", "not really a photo".getBytes(), "fake.jpg", "image/jpeg")
        .statusCode(422)
        .body("code", is("FILE_CONTENT_MISMATCH"));
    // a PDF claiming to be a PNG
    upload(citizen, app, "ID_CARD", pdf(500), "scan.png", "image/png")
        .statusCode(422)
        .body("code", is("FILE_CONTENT_MISMATCH"));
    // a material type the item does not know
    upload(citizen, app, "MARRIAGE_CERT", pdf(500), "cert.pdf", "application/pdf")
        .statusCode(422)
        .body("code", is("DOCUMENT_TYPE_UNKNOWN"))
        .body("errors[0].field", is("type"));
    // a file type nobody accepts
    upload(citizen, app, "INCOME_PROOF", "a,b\n1,2".getBytes(), "income.csv", "text/csv")
        .statusCode(415)
        .body("code", is("FILE_TYPE_NOT_SUPPORTED"));
    // an empty file and a missing file part
    upload(citizen, app, "INCOME_PROOF", new byte[0], "empty.pdf", "application/pdf")
        .statusCode(400);
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .multiPart("type", "INCOME_PROOF")
        .post("/api/v1/applications/" + app + "/documents")
        .then()
        .statusCode(400)
        .body("errors[0].field", is("file"));

    assertThat(
            Db.count(
                "SELECT count(*) FROM document WHERE owner_id = ?", UUID.fromString(citizen.id())))
        .isZero();
    assertThat(
            Db.count(
                "SELECT count(*) FROM application_document WHERE application_id = ?",
                UUID.fromString(app)))
        .isZero();
    assertThat(objects()).isEqualTo(before);
  }

  @Test
  void shouldCutOffABodyOverTheHttpLimit() throws Exception {
    Citizens.LoggedIn citizen = citizen();
    String app = draft(citizen);
    Set<String> before = objects();
    try {
      upload(citizen, app, "ID_CARD", jpeg(12 * 1024 * 1024), "huge.jpg", "image/jpeg")
          .statusCode(413);
    } catch (RuntimeException connectionClosedWhileSending) {
      // the server may close the connection before the client has finished sending
    }
    assertThat(
            Db.count(
                "SELECT count(*) FROM document WHERE owner_id = ?", UUID.fromString(citizen.id())))
        .isZero();
    assertThat(objects()).isEqualTo(before);
  }

  @Test
  void shouldStoreUnderARandomKeyAndStreamBackToTheOwnerOnly() throws Exception {
    Citizens.LoggedIn citizen = citizen();
    String app = draft(citizen);
    byte[] bytes = pdf(300_000);
    String sha =
        java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    Set<String> before = objects();
    String doc =
        upload(citizen, app, "INCOME_PROOF", bytes, "income-2026.pdf", "application/octet-stream")
            .statusCode(201)
            .body("sha256", is(sha))
            .body("contentType", is("application/pdf"))
            .body("fileName", is("income-2026.pdf"))
            .extract()
            .path("id");
    Set<String> added = new HashSet<>(objects());
    added.removeAll(before);
    assertThat(added).hasSize(1);
    String key = added.iterator().next();
    // the key is random: it says nothing about the citizen, the application or the document
    assertThat(key)
        .startsWith("documents/")
        .doesNotContain(citizen.id())
        .doesNotContain(app)
        .doesNotContain(doc);
    assertThat(key.length()).isGreaterThan(40);
    Map<String, Object> row =
        Db.query(
                "SELECT size_bytes, sha256, uploaded_by FROM document WHERE id = ?",
                UUID.fromString(doc))
            .get(0);
    assertThat(row.get("size_bytes")).isEqualTo(300_000L);
    assertThat(row.get("sha256")).isEqualTo(sha);

    byte[] back =
        given()
            .auth()
            .oauth2(citizen.accessToken())
            .get("/api/v1/documents/" + doc + "/content")
            .then()
            .statusCode(200)
            .header("Content-Type", startsWith("application/pdf"))
            .header("Content-Disposition", startsWith("attachment; filename="))
            .header("X-Content-Type-Options", is("nosniff"))
            .extract()
            .asByteArray();
    assertThat(back).isEqualTo(bytes);

    Citizens.LoggedIn stranger = Citizens.login();
    given()
        .auth()
        .oauth2(stranger.accessToken())
        .get("/api/v1/documents/" + doc + "/content")
        .then()
        .statusCode(404)
        .body("code", is("DOCUMENT_NOT_FOUND"));
    given()
        .auth()
        .oauth2(stranger.accessToken())
        .delete("/api/v1/documents/" + doc)
        .then()
        .statusCode(404);
    // a caseworker sees nothing of a draft
    given()
        .auth()
        .oauth2(Citizens.staffToken("jiujiang.mz", "caseworker-dev-123"))
        .get("/api/v1/documents/" + doc + "/content")
        .then()
        .statusCode(404);
    given().get("/api/v1/documents/" + doc + "/content").then().statusCode(401);
  }

  @Test
  void shouldReuseWalletDocumentsAndNeverDeleteOneInUse() throws Exception {
    Citizens.LoggedIn citizen = citizen();
    String dibao = draft(citizen);
    String idCard =
        upload(citizen, dibao, "ID_CARD", jpeg(5000), "id.jpg", "image/jpeg")
            .statusCode(201)
            .extract()
            .path("id");
    String income =
        upload(citizen, dibao, "INCOME_PROOF", pdf(5000), "in.pdf", "application/pdf")
            .statusCode(201)
            .extract()
            .path("id");

    // a second application (temporary assistance) reuses the ID card without uploading again
    Map<String, Object> body = new HashMap<>();
    body.put("itemCode", "TEMPORARY_ASSISTANCE");
    body.put("regionCode", TOWNSHIP);
    body.put("form", Map.of("address", "宿城区幸福街道幸福南路 18 号"));
    String temp =
        given()
            .auth()
            .oauth2(citizen.accessToken())
            .contentType(ContentType.JSON)
            .body(body)
            .post("/api/v1/applications")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    Set<String> before = objects();
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .contentType(ContentType.JSON)
        .body(Map.of("documentId", idCard))
        .post("/api/v1/applications/" + temp + "/documents")
        .then()
        .statusCode(200)
        .body("id", contains(idCard));
    assertThat(objects()).isEqualTo(before);
    // another citizen's document cannot be attached
    Citizens.LoggedIn other = citizen();
    String otherDraft = draft(other);
    given()
        .auth()
        .oauth2(other.accessToken())
        .contentType(ContentType.JSON)
        .body(Map.of("documentId", idCard))
        .post("/api/v1/applications/" + otherDraft + "/documents")
        .then()
        .statusCode(404);

    // detaching from one draft keeps it for the other
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .queryParam("applicationId", temp)
        .delete("/api/v1/documents/" + idCard)
        .then()
        .statusCode(204);
    assertThat(Db.count("SELECT count(*) FROM document WHERE id = ?", UUID.fromString(idCard)))
        .isEqualTo(1);
    assertThat(objects()).isEqualTo(before);

    // once submitted, the DIBAO documents are locked
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .post("/api/v1/applications/" + dibao + "/submit")
        .then()
        .statusCode(200);
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .delete("/api/v1/documents/" + income)
        .then()
        .statusCode(409)
        .body("code", is("DOCUMENT_IN_USE"));

    // a document only on a draft is deleted with its object
    String spare =
        upload(citizen, temp, "ID_CARD", jpeg(3000), "id2.jpg", "image/jpeg")
            .statusCode(201)
            .extract()
            .path("id");
    Set<String> withSpare = objects();
    given()
        .auth()
        .oauth2(citizen.accessToken())
        .delete("/api/v1/documents/" + spare)
        .then()
        .statusCode(204);
    assertThat(Db.count("SELECT count(*) FROM document WHERE id = ?", UUID.fromString(spare)))
        .isZero();
    assertThat(objects()).hasSize(withSpare.size() - 1);
  }

  // --- helpers

  private Set<String> objects() throws Exception {
    MinioClient client =
        MinioClient.builder()
            .endpoint(storage.endpoint())
            .credentials(storage.accessKey(), storage.secretKey())
            .build();
    Set<String> keys = new HashSet<>();
    for (Result<Item> r :
        client.listObjects(
            ListObjectsArgs.builder()
                .bucket(storage.bucket())
                .prefix("documents/")
                .recursive(true)
                .build())) {
      keys.add(r.get().objectName());
    }
    return keys;
  }

  private static Citizens.LoggedIn citizen() {
    return Citizens.verified("王桂芳", LocalDate.of(1958, 9, 9), IdNumber.Sex.FEMALE);
  }

  private static String draft(Citizens.LoggedIn who) {
    Map<String, Object> body = new HashMap<>();
    body.put("itemCode", "DIBAO");
    body.put("regionCode", TOWNSHIP);
    body.put(
        "form",
        Map.of(
            "address", "宿城区幸福街道幸福南路 18 号",
            "villageOrCommunity", "幸福社区",
            "contactPhone", "13912345678",
            "reason", "老伴去世后独自生活，无退休金，身患高血压需长期服药。",
            "householdSize", 1,
            "householdMonthlyIncomeFen", 0,
            "housingType", "OWN",
            "hasVehicle", false));
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

  private static byte[] pdf(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    System.arraycopy("%PDF-1.7\n".getBytes(), 0, bytes, 0, 9);
    return bytes;
  }

  private static byte[] jpeg(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    bytes[0] = (byte) 0xFF;
    bytes[1] = (byte) 0xD8;
    bytes[2] = (byte) 0xFF;
    return bytes;
  }

  @SuppressWarnings("unused")
  private static List<String> none() {
    return List.of();
  }
}
