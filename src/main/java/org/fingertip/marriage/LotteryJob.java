package org.fingertip.marriage;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.fingertip.platform.problem.ProblemException;

/**
 * Draws lottery days at their draw time and ends unconfirmed wins. Safe on many instances: a draw
 * is claimed by a guarded UPDATE (a second claimant gets {@code LOTTERY_ALREADY_DRAWN}), expiries
 * by {@code FOR UPDATE SKIP LOCKED}.
 */
@ApplicationScoped
public class LotteryJob {

  private final LotteryService lottery;

  public LotteryJob(LotteryService lottery) {
    this.lottery = lottery;
  }

  @Scheduled(
      every = "${fingertip.marriage.lottery-job-every:1m}",
      delayed = "40s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> scheduled() {
    return runOnce()
        .onFailure()
        .invoke(e -> Log.warnf("Marriage lottery job failed: %s", e.toString()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /** Draws every due day (each in its own transaction), then expires unconfirmed wins. */
  public Uni<Integer> runOnce() {
    return lottery
        .due()
        .chain(
            ids -> {
              Uni<Integer> chain = Uni.createFrom().item(0);
              for (UUID id : ids) {
                chain =
                    chain.chain(
                        n ->
                            lottery
                                .draw(id)
                                .invoke(
                                    entries ->
                                        Log.infof("Lottery %s drawn: %d entries", id, entries))
                                .map(entries -> n + 1)
                                .onFailure(ProblemException.class)
                                .recoverWithItem(n));
              }
              return chain;
            })
        .call(lottery::expireUnconfirmed);
  }
}
