package org.fingertip.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fingertip.platform.idempotency.IdempotencyPurge;
import org.fingertip.platform.web.AppClock;
import org.fingertip.support.Db;
import org.fingertip.support.Tokens;
import org.junit.jupiter.api.Test;

/** Creating POSTs with Idempotency-Key, shown on the admin region route. */
@QuarkusTest
class IdempotencyTest {

  @Inject IdempotencyPurge purge;
  @Inject AppClock clock;

  private static String body(String code, String name) {
    return "{\"code\": \"" + code + "\", \"name\": \"" + name + "\"}";
  }

  @Test
  void shouldReplayFirstResponseForSameKeyAndBody() {
    String admin = Tokens.forRoles("admin-replay", "admin");
    String key = UUID.randomUUID().toString();
    Response first =
        given()
            .auth()
            .oauth2(admin)
            .header("Idempotency-Key", key)
            .contentType(ContentType.JSON)
            .body(body("321302201", "重放测试社区"))
            .post("/api/v1/admin/regions");
    first
        .then()
        .statusCode(201)
        .body("code", is("321302201"))
        .body("fullName", is("江苏省宿迁市宿城区重放测试社区"));

    Response second =
        given()
            .auth()
            .oauth2(admin)
            .header("Idempotency-Key", key)
            .contentType(ContentType.JSON)
            .body(body("321302201", "重放测试社区"))
            .post("/api/v1/admin/regions");
    second.then().statusCode(201).header("Idempotent-Replayed", "true");
    assertThat(second.jsonPath().getMap("")).isEqualTo(first.jsonPath().getMap(""));
    assertThat(Db.count("SELECT count(*) FROM region WHERE code = ?", "321302201")).isEqualTo(1);

    // without the key, the same request is a plain duplicate and says so
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body(body("321302201", "重放测试社区"))
        .post("/api/v1/admin/regions")
        .then()
        .statusCode(409)
        .body("code", is("REGION_EXISTS"));
  }

  @Test
  void shouldRefuseSameKeyWithDifferentBody() {
    String admin = Tokens.forRoles("admin-reuse", "admin");
    String key = UUID.randomUUID().toString();
    given()
        .auth()
        .oauth2(admin)
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body(body("321302202", "甲社区"))
        .post("/api/v1/admin/regions")
        .then()
        .statusCode(201);
    given()
        .auth()
        .oauth2(admin)
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body(body("321302203", "乙社区"))
        .post("/api/v1/admin/regions")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("code", is("IDEMPOTENCY_KEY_REUSED"));
    assertThat(Db.count("SELECT count(*) FROM region WHERE code = ?", "321302203")).isZero();
  }

  @Test
  void shouldKeepKeysOfDifferentCallersApart() {
    String key = UUID.randomUUID().toString();
    given()
        .auth()
        .oauth2(Tokens.forRoles("admin-a", "admin"))
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body(body("321302204", "丙社区"))
        .post("/api/v1/admin/regions")
        .then()
        .statusCode(201);
    // another admin's same key is a new request, not a replay of someone else's response
    given()
        .auth()
        .oauth2(Tokens.forRoles("admin-b", "admin"))
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body(body("321302204", "丙社区"))
        .post("/api/v1/admin/regions")
        .then()
        .statusCode(409)
        .body("code", is("REGION_EXISTS"));
  }

  @Test
  void shouldCreateOneRowForConcurrentRequestsWithOneKey() throws Exception {
    String admin = Tokens.forRoles("admin-race", "admin");
    String key = UUID.randomUUID().toString();
    int parallel = 8;
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Response>> futures = new ArrayList<>();
    for (int i = 0; i < parallel; i++) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                return given()
                    .auth()
                    .oauth2(admin)
                    .header("Idempotency-Key", key)
                    .contentType(ContentType.JSON)
                    .body(body("321302205", "并发社区"))
                    .post("/api/v1/admin/regions");
              }));
    }
    start.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (Future<Response> f : futures) {
      statuses.add(f.get().statusCode());
    }
    pool.shutdown();
    assertThat(statuses).allSatisfy(s -> assertThat(s).isIn(201, 409));
    assertThat(statuses).contains(201);
    assertThat(Db.count("SELECT count(*) FROM region WHERE code = ?", "321302205")).isEqualTo(1);
    assertThat(Db.count("SELECT count(*) FROM idempotency_record WHERE idem_key = ?", key))
        .isEqualTo(1);
  }

  @Test
  void shouldRejectMalformedKey() {
    given()
        .auth()
        .oauth2(Tokens.admin())
        .header("Idempotency-Key", "x".repeat(200))
        .contentType(ContentType.JSON)
        .body(body("321302206", "丁社区"))
        .post("/api/v1/admin/regions")
        .then()
        .statusCode(400)
        .body("code", is("IDEMPOTENCY_KEY_INVALID"));
    assertThat(Db.count("SELECT count(*) FROM region WHERE code = ?", "321302206")).isZero();
  }

  @Test
  void shouldExpireRecordsAfter24Hours() throws Throwable {
    String admin = Tokens.forRoles("admin-expiry", "admin");
    String key = UUID.randomUUID().toString();
    given()
        .auth()
        .oauth2(admin)
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body(body("321302207", "戊社区"))
        .post("/api/v1/admin/regions")
        .then()
        .statusCode(201);
    try {
      clock.setOffset(Duration.ofHours(25));
      int purged = io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> purge.purge());
      assertThat(purged).isGreaterThanOrEqualTo(1);
      assertThat(Db.count("SELECT count(*) FROM idempotency_record WHERE idem_key = ?", key))
          .isZero();
    } finally {
      clock.reset();
    }
  }
}
