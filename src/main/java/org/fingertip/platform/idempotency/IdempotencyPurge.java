package org.fingertip.platform.idempotency;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.fingertip.platform.web.AppClock;

/** Removes idempotency records past their 24 h. Safe on many instances: a plain DELETE. */
@ApplicationScoped
public class IdempotencyPurge {

  private final AppClock clock;

  public IdempotencyPurge(AppClock clock) {
    this.clock = clock;
  }

  @Scheduled(
      every = "1h",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> scheduled() {
    return purge()
        .invoke(n -> Log.infof("Purged %d expired idempotency records", n))
        .onFailure()
        .invoke(e -> Log.warnf("Idempotency purge failed: %s", e.toString()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  @WithTransaction
  public Uni<Integer> purge() {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery("DELETE FROM idempotency_record WHERE expires_at < :now")
                    .setParameter("now", clock.instant())
                    .executeUpdate());
  }
}
