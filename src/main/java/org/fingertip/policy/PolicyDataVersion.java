package org.fingertip.policy;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * The version of everything policy reads show (published versions, standards, synonyms), kept in
 * one database row that each such write bumps in its own transaction. Cached reads are keyed by it.
 *
 * <p>Each instance reads the row at most every {@link #REFRESH}, and forgets its copy at once when
 * it makes a change itself (before and after the commit), so a publish is visible on the instance
 * that made it at once and on the others within {@link #REFRESH}.
 */
@ApplicationScoped
public class PolicyDataVersion {

  static final Duration REFRESH = Duration.ofMillis(500);

  private record Snapshot(long version, long readAtNanos) {}

  private volatile Snapshot snapshot;

  /** The current version; from memory when read less than {@link #REFRESH} ago. */
  @WithSession
  public Uni<Long> current() {
    Snapshot s = snapshot;
    long now = System.nanoTime();
    if (s != null && now - s.readAtNanos() < REFRESH.toNanos()) {
      return Uni.createFrom().item(s.version());
    }
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "SELECT version FROM policy_data_version WHERE id IN (:id)", Long.class)
                    // a list: no cached plan (NativeSelects); read every 500 ms
                    .setParameter("id", List.of(1))
                    .getSingleResult())
        .invoke(v -> snapshot = new Snapshot(v, now));
  }

  /** Bumps the version in the caller's transaction (call it inside a {@code @WithTransaction}). */
  public Uni<Void> bump() {
    snapshot = null;
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "UPDATE policy_data_version SET version = version + 1 WHERE id = 1")
                    .executeUpdate())
        .invoke(this::forget)
        .replaceWithVoid();
  }

  /** Drops this instance's copy: call once a change has committed. */
  public void forget() {
    snapshot = null;
  }
}
