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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.storage.ObjectStorage;
import org.fingertip.support.Citizens;
import org.fingertip.support.Concurrently;
import org.fingertip.support.Db;
import org.junit.jupiter.api.Test;

/** The orphan sweep under its job lease: one sweeper at a time, a dead sweeper's lease expires. */
@QuarkusTest
class OrphanSweepJobsTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Inject ObjectStorage storage;
  @Inject OrphanSweep sweep;

  private String put(String name) {
    String key = OrphanSweep.PREFIX + name + "-" + UUID.randomUUID();
    byte[] bytes = "%PDF-1.4 test".getBytes(StandardCharsets.US_ASCII);
    storage
        .put(key, new ByteArrayInputStream(bytes), bytes.length, "application/pdf")
        .await()
        .atMost(WAIT);
    return key;
  }

  private boolean exists(String key) {
    try {
      storage.stat(key).await().atMost(WAIT);
      return true;
    } catch (ProblemException e) {
      assertThat(e.status()).isEqualTo(404);
      return false;
    }
  }

  private Set<String> keys() {
    Set<String> keys = new HashSet<>();
    storage.list(OrphanSweep.PREFIX).await().atMost(WAIT).forEach(l -> keys.add(l.key()));
    return keys;
  }

  private static void referenced(String key) {
    UUID owner = UUID.fromString(Citizens.login().id());
    Db.update(
        "INSERT INTO document (id, owner_id, type, file_name, content_type, size_bytes, sha256,"
            + " object_key, uploaded_by, uploaded_at) VALUES (?, ?, 'ID_CARD', 'a.pdf',"
            + " 'application/pdf', 13, ?, ?, ?, ?)",
        UUID.randomUUID(),
        owner,
        "0".repeat(64),
        key,
        owner,
        Timestamp.from(Instant.now()));
  }

  @Test
  void shouldDeleteEachOrphanOnceWhenTriggeredTwiceAtOnce() throws Exception {
    List<String> orphans = List.of(put("orphan-a"), put("orphan-b"), put("orphan-c"));
    String kept = put("kept");
    referenced(kept);
    Set<String> before = keys();

    List<Integer> removed = Concurrently.twice(() -> sweep.sweep(Duration.ZERO));

    Set<String> gone = new HashSet<>(before);
    gone.removeAll(keys());
    assertThat(gone).containsAll(orphans).doesNotContain(kept);
    // one sweeper held the lease: no object was counted (deleted) by both runs
    assertThat(removed.get(0) + removed.get(1)).isEqualTo(gone.size());
    assertThat(exists(kept)).isTrue();
    assertThat(
            Db.count(
                "SELECT count(*) FROM job_lease WHERE name = ? AND held_until IS NOT NULL",
                OrphanSweep.LEASE))
        .isZero();
  }

  @Test
  void shouldTakeOverTheSweepFromADeadInstanceOnceItsLeaseExpires() throws Throwable {
    String orphan = put("orphan-dead");
    try {
      // a live instance is sweeping: this one skips the round
      Db.update(
          "INSERT INTO job_lease (name, holder, held_until) VALUES (?, ?, now() + interval '1 hour')"
              + " ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder,"
              + " held_until = EXCLUDED.held_until",
          OrphanSweep.LEASE,
          UUID.randomUUID());
      assertThat(VertxContextSupport.subscribeAndAwait(() -> sweep.sweep(Duration.ZERO))).isZero();
      assertThat(exists(orphan)).isTrue();

      // that instance died mid-sweep: its lease runs out and the next run does the work
      Db.update(
          "UPDATE job_lease SET held_until = now() - interval '1 minute' WHERE name = ?",
          OrphanSweep.LEASE);
      assertThat(VertxContextSupport.subscribeAndAwait(() -> sweep.sweep(Duration.ZERO)))
          .isGreaterThanOrEqualTo(1);
      assertThatThrownBy(() -> storage.stat(orphan).await().atMost(WAIT))
          .isInstanceOfSatisfying(
              ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
    } finally {
      Db.update(
          "UPDATE job_lease SET holder = NULL, held_until = NULL WHERE name = ?",
          OrphanSweep.LEASE);
    }
  }
}
