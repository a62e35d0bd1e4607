package org.fingertip.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fingertip.platform.idempotency.IdempotencyPurge;
import org.fingertip.platform.web.AppClock;
import org.fingertip.support.Concurrently;
import org.fingertip.support.Db;
import org.junit.jupiter.api.Test;

/**
 * Platform jobs triggered twice at once, as two instances would. The feature jobs have their own
 * classes beside their fixtures: AssistanceJobsTest, MarriageJobsTest, MealJobsTest,
 * OrphanSweepJobsTest, DispatcherJobsTest.
 */
@QuarkusTest
class JobsTest {

  @Inject IdempotencyPurge purge;
  @Inject AppClock clock;

  @Test
  void shouldPurgeEachExpiredIdempotencyRecordOnceWhenTriggeredTwiceAtOnce() throws Exception {
    String caller = "jobs-test-" + UUID.randomUUID().toString().substring(0, 8);
    Instant now = Instant.now();
    for (int i = 0; i < 3; i++) {
      Db.update(
          "INSERT INTO idempotency_record (caller, idem_key, request_hash, response_status,"
              + " response_body, created_at, expires_at) VALUES (?, ?, ?, 201, '{}', ?, ?)",
          caller,
          "key-" + i,
          "0".repeat(64),
          Timestamp.from(now),
          Timestamp.from(now.plus(Duration.ofHours(24))));
    }
    List<Integer> purged;
    long due;
    try {
      clock.setOffset(Duration.ofHours(25));
      due =
          Db.count(
              "SELECT count(*) FROM idempotency_record WHERE expires_at < ?",
              Timestamp.from(clock.instant()));
      purged = Concurrently.twice(() -> purge.purge());
    } finally {
      clock.reset();
    }
    assertThat(due).isGreaterThanOrEqualTo(3);
    assertThat(purged.get(0) + purged.get(1)).isEqualTo((int) due);
    assertThat(Db.count("SELECT count(*) FROM idempotency_record WHERE caller = ?", caller))
        .isZero();
  }
}
