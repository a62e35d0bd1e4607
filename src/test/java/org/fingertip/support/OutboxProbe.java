package org.fingertip.support;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import org.fingertip.notification.Outbox;

/** Test-only: records notifications the way a feature does, committing or rolling back. */
@ApplicationScoped
public class OutboxProbe {

  private final Outbox outbox;

  public OutboxProbe(Outbox outbox) {
    this.outbox = outbox;
  }

  @WithTransaction
  public Uni<Void> record(UUID recipient, String template, Map<String, ?> params, String dedup) {
    return outbox.record(recipient, template, params, dedup);
  }

  @WithTransaction
  public Uni<Void> recordThenFail(UUID recipient, String dedup) {
    return outbox
        .record(recipient, "TEST_NOTICE", Map.of("title", "不应送达"), dedup)
        .chain(() -> Uni.createFrom().failure(new IllegalStateException("the change failed")));
  }
}
