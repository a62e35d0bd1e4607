package org.fingertip.marriage;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps every office's rolling window of slots materialised, and marks divorce applications past
 * their certificate window as lapsed. Safe on many instances: upserts and a conditional UPDATE.
 */
@ApplicationScoped
public class SlotJob {

  private final OfficeService offices;
  private final DivorceService divorces;

  public SlotJob(OfficeService offices, DivorceService divorces) {
    this.offices = offices;
    this.divorces = divorces;
  }

  @Scheduled(
      every = "1h",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> scheduled() {
    return offices
        .materialiseAll()
        .invoke(n -> Log.infof("Marriage slots materialised or updated: %d", n))
        .chain(divorces::lapseOverdue)
        .onFailure()
        .invoke(e -> Log.warnf("Marriage slot job failed: %s", e.toString()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }
}
