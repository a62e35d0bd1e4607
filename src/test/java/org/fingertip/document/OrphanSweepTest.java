package org.fingertip.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.storage.ObjectStorage;
import org.fingertip.support.Citizens;
import org.fingertip.support.Db;
import org.junit.jupiter.api.Test;

/** Objects without a metadata row (a crash between upload and row) are removed; others stay. */
@QuarkusTest
class OrphanSweepTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Inject ObjectStorage storage;
  @Inject OrphanSweep sweep;

  private void put(String key) {
    byte[] bytes = "%PDF-1.4 test".getBytes(StandardCharsets.US_ASCII);
    storage
        .put(key, new ByteArrayInputStream(bytes), bytes.length, "application/pdf")
        .await()
        .atMost(WAIT);
  }

  @Test
  void shouldDeleteOnlyUnreferencedObjectsPastTheGracePeriod() throws Throwable {
    String orphan = OrphanSweep.PREFIX + "orphan-" + UUID.randomUUID();
    String kept = OrphanSweep.PREFIX + "kept-" + UUID.randomUUID();
    put(orphan);
    put(kept);
    UUID owner = UUID.fromString(Citizens.login().id());
    Db.update(
        "INSERT INTO document (id, owner_id, type, file_name, content_type, size_bytes, sha256,"
            + " object_key, uploaded_by, uploaded_at) VALUES (?, ?, 'ID_CARD', 'a.pdf',"
            + " 'application/pdf', 13, ?, ?, ?, ?)",
        UUID.randomUUID(),
        owner,
        "0".repeat(64),
        kept,
        owner,
        Timestamp.from(Instant.now()));

    // within the grace period nothing is touched: the row may be on its way
    VertxContextSupport.subscribeAndAwait(() -> sweep.sweep(Duration.ofDays(1)));
    assertThat(storage.stat(orphan).await().atMost(WAIT).size()).isEqualTo(13);

    int removed = VertxContextSupport.subscribeAndAwait(() -> sweep.sweep(Duration.ZERO));
    assertThat(removed).isGreaterThanOrEqualTo(1);
    assertThatThrownBy(() -> storage.stat(orphan).await().atMost(WAIT))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(storage.stat(kept).await().atMost(WAIT).size()).isEqualTo(13);
  }
}
