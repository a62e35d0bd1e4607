package org.fingertip.platform.jobs;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.fingertip.platform.web.AppClock;

/**
 * A named lease in the database for a job that has no rows to claim (the orphan sweep walks the
 * object store): whoever takes the lease runs the job, anyone else skips this round. Taking it is
 * one guarded upsert, so two instances can never both hold it; a holder that dies leaves a lease
 * that expires, and the next run takes it over.
 */
@ApplicationScoped
public class JobLease {

  private final AppClock clock;

  public JobLease(AppClock clock) {
    this.clock = clock;
  }

  /**
   * Runs {@code work} if this caller gets the lease {@code name} for {@code duration}, releasing it
   * afterwards whatever happens; otherwise answers {@code skipped} without running anything.
   */
  public <T> Uni<T> runExclusively(
      String name, Duration duration, T skipped, Supplier<Uni<T>> work) {
    UUID holder = UUID.randomUUID();
    return acquire(name, holder, duration)
        .chain(
            held ->
                held
                    ? Uni.createFrom()
                        .<T>deferred(work::get)
                        .onTermination()
                        .call(() -> release(name, holder))
                    : Uni.createFrom().item(skipped));
  }

  @WithTransaction
  Uni<Boolean> acquire(String name, UUID holder, Duration duration) {
    var now = clock.instant();
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "INSERT INTO job_lease (name, holder, held_until) VALUES (:name, :holder,"
                            + " :until) ON CONFLICT (name) DO UPDATE SET holder = :holder,"
                            + " held_until = :until WHERE job_lease.held_until IS NULL"
                            + " OR job_lease.held_until < :now")
                    .setParameter("name", name)
                    .setParameter("holder", holder)
                    .setParameter("until", now.plus(duration))
                    .setParameter("now", now)
                    .executeUpdate())
        .map(n -> n == 1);
  }

  @WithTransaction
  Uni<Void> release(String name, UUID holder) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "UPDATE job_lease SET holder = NULL, held_until = NULL"
                            + " WHERE name = :name AND holder = :holder")
                    .setParameter("name", name)
                    .setParameter("holder", holder)
                    .executeUpdate())
        .replaceWithVoid();
  }
}
