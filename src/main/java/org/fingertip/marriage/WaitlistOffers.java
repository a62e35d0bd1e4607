package org.fingertip.marriage;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fingertip.notification.Outbox;
import org.fingertip.platform.database.NativeSelects;
import org.fingertip.platform.web.AppClock;

/**
 * Where a freed place goes: to the first in line as a time-limited hold (the slot's counter stays
 * where it is, so nobody else can take it), or back to the slot when nobody waits. Picking the next
 * in line uses {@code FOR UPDATE SKIP LOCKED}, so two places freed at once go to two people.
 */
@ApplicationScoped
public class WaitlistOffers {

  private final SlotRepository slots;
  private final Outbox outbox;
  private final MarriageConfig config;
  private final AppClock clock;

  public WaitlistOffers(
      SlotRepository slots, Outbox outbox, MarriageConfig config, AppClock clock) {
    this.slots = slots;
    this.outbox = outbox;
    this.config = config;
    this.clock = clock;
  }

  /** A place of {@code slotId} was given up (call inside the transaction that gives it up). */
  Uni<Void> placeFreed(UUID slotId) {
    Instant now = clock.instant();
    Instant until = now.plus(config.holdDuration());
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "UPDATE marriage_waitlist SET status = 'OFFERED', offered_at = :now,"
                            + " hold_until = :until WHERE id = (SELECT id FROM marriage_waitlist"
                            + " WHERE slot_id IN (:slot) AND status = 'WAITING' ORDER BY position"
                            + " LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING CAST(citizen_id AS text)",
                        String.class)
                    .setParameter("now", now)
                    .setParameter("until", until)
                    // a list: no cached plan (NativeSelects)
                    .setParameter("slot", List.of(slotId))
                    .getResultList())
        .chain(
            (List<String> offered) -> {
              if (offered.isEmpty()) {
                return slots.releasePlace(slotId);
              }
              UUID who = UUID.fromString(offered.get(0));
              return outbox.record(
                  who,
                  "MARRIAGE_WAITLIST_OFFER",
                  Map.of(
                      "slotId",
                      slotId.toString(),
                      "holdUntil",
                      until.atZone(AppClock.ZONE).toOffsetDateTime().toString()),
                  "marriage-waitlist:" + slotId + ":" + who + ":" + now.toEpochMilli());
            });
  }

  @Scheduled(
      every = "1m",
      delayed = "30s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> scheduled() {
    return expireHolds()
        .onFailure()
        .invoke(e -> Log.warnf("Waitlist hold expiry failed: %s", e.toString()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /** Ends unclaimed holds and passes each place on; returns how many holds ended. */
  @WithTransaction
  public Uni<Integer> expireHolds() {
    return Panache.getSession()
        .chain(
            s ->
                NativeSelects.uncached(
                        s.createNativeQuery(
                            "UPDATE marriage_waitlist SET status = 'EXPIRED' WHERE id IN (SELECT id"
                                + " FROM marriage_waitlist WHERE status = 'OFFERED' AND "
                                + NativeSelects.CONDITION
                                + " AND hold_until <="
                                + " :now ORDER BY hold_until LIMIT 200 FOR UPDATE SKIP LOCKED)"
                                + " RETURNING CAST(slot_id AS text)",
                            String.class))
                    .setParameter("now", clock.instant())
                    .getResultList())
        .chain(
            (List<String> slotIds) -> {
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (String slot : slotIds) {
                chain = chain.chain(() -> placeFreed(UUID.fromString(slot)));
              }
              return chain.replaceWith(slotIds.size());
            });
  }
}
