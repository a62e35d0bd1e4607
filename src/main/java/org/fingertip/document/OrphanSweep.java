package org.fingertip.document;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fingertip.platform.jobs.JobLease;
import org.fingertip.platform.storage.ObjectStorage;
import org.fingertip.platform.web.AppClock;

/**
 * Removes stored objects that no document row refers to: what a crash between the upload and the
 * metadata write leaves behind. Only objects older than a day are touched, so an upload whose row
 * is about to be written is never taken. One instance sweeps at a time (a {@link JobLease}); a
 * second trigger meanwhile skips the round, and a sweep cut short by a dying instance is taken over
 * once its lease expires (deleting an already missing object is a no-op anyway).
 */
@ApplicationScoped
public class OrphanSweep {

  static final String PREFIX = "documents/";
  private static final Duration MIN_AGE = Duration.ofDays(1);
  private static final int BATCH = 500;
  static final String LEASE = "orphan-sweep";
  private static final Duration LEASE_DURATION = Duration.ofMinutes(30);

  private final ObjectStorage storage;
  private final JobLease lease;
  private final AppClock clock;

  public OrphanSweep(ObjectStorage storage, JobLease lease, AppClock clock) {
    this.storage = storage;
    this.lease = lease;
    this.clock = clock;
  }

  @Scheduled(
      every = "6h",
      delayed = "10m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> scheduled() {
    return sweep(MIN_AGE)
        .invoke(n -> Log.infof("Orphan sweep removed %d objects", n))
        .onFailure()
        .invoke(e -> Log.warnf("Orphan sweep failed: %s", e.toString()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /**
   * Deletes unreferenced objects older than {@code minAge}; returns how many (0 when another
   * instance is sweeping right now).
   */
  public Uni<Integer> sweep(Duration minAge) {
    return lease.runExclusively(LEASE, LEASE_DURATION, 0, () -> sweepNow(minAge));
  }

  private Uni<Integer> sweepNow(Duration minAge) {
    Instant cutoff = clock.instant().minus(minAge);
    return storage
        .list(PREFIX)
        .chain(
            listed -> {
              List<String> candidates =
                  listed.stream()
                      .filter(l -> !l.lastModified().isAfter(cutoff))
                      .map(ObjectStorage.Listed::key)
                      .toList();
              Uni<Integer> chain = Uni.createFrom().item(0);
              for (int from = 0; from < candidates.size(); from += BATCH) {
                List<String> batch =
                    candidates.subList(from, Math.min(candidates.size(), from + BATCH));
                chain =
                    chain.chain(
                        n ->
                            referenced(batch)
                                .chain(known -> deleteUnknown(batch, known))
                                .map(d -> n + d));
              }
              return chain;
            });
  }

  @WithSession
  Uni<Set<String>> referenced(List<String> keys) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "SELECT object_key FROM document WHERE object_key IN (:keys)", String.class)
                    .setParameter("keys", keys)
                    .getResultList())
        .map(HashSet::new);
  }

  private Uni<Integer> deleteUnknown(List<String> batch, Set<String> known) {
    Uni<Integer> chain = Uni.createFrom().item(0);
    for (String key : batch) {
      if (!known.contains(key)) {
        chain = chain.chain(n -> storage.delete(key).replaceWith(n + 1));
      }
    }
    return chain;
  }
}
