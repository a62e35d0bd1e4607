package org.fingertip.meal;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Marks meals not collected by closing time as missed (see {@link OrderService#markMissed}). */
@ApplicationScoped
public class MissedMealsJob {

  private final OrderService orders;

  public MissedMealsJob(OrderService orders) {
    this.orders = orders;
  }

  @Scheduled(
      every = "${fingertip.meal.missed-job-every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  public Uni<Void> run() {
    return orders
        .markMissed()
        .invoke(
            n -> {
              if (n > 0) {
                Log.infof("Marked %d meal orders as missed", n);
              }
            })
        .replaceWithVoid();
  }
}
