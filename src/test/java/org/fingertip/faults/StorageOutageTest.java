package org.fingertip.faults;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.fingertip.platform.embedded.EmbeddedServices;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.storage.ObjectStorage;
import org.junit.jupiter.api.Test;

/**
 * Object storage stopped: every storage operation fails fast with 503 STORAGE_UNAVAILABLE, what was
 * stored before is intact afterwards, and the app recovers without a restart.
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
}
