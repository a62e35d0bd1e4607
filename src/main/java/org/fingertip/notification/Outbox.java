package org.fingertip.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import org.fingertip.platform.web.AppClock;

/**
 * Records a notification in the caller's transaction (call it inside a {@code @WithTransaction}
 * method): it exists exactly when the change that caused it commits. The dedup key makes a repeated
 * call for the same event a no-op.
 */
@ApplicationScoped
public class Outbox {

  private final ObjectMapper mapper;
  private final AppClock clock;

  public Outbox(ObjectMapper mapper, AppClock clock) {
    this.mapper = mapper;
    this.clock = clock;
  }

  public Uni<Void> record(UUID recipient, String template, Map<String, ?> params, String dedupKey) {
    String json;
    try {
      json = mapper.writeValueAsString(params);
    } catch (JsonProcessingException e) {
      return Uni.createFrom().failure(e);
    }
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "INSERT INTO notification_outbox (id, recipient_id, template, params,"
                            + " dedup_key, created_at, next_attempt_at) VALUES (:id, :recipient,"
                            + " :template, CAST(CAST(:params AS varchar) AS jsonb), :dedup, :now, :now)"
                            + " ON CONFLICT (dedup_key) DO NOTHING")
                    .setParameter("id", UUID.randomUUID())
                    .setParameter("recipient", recipient)
                    .setParameter("template", template)
                    .setParameter("params", json)
                    .setParameter("dedup", dedupKey)
                    .setParameter("now", clock.instant())
                    .executeUpdate())
        .replaceWithVoid();
  }
}
