package org.fingertip.notification;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.fingertip.platform.database.NativeSelects;
import org.fingertip.platform.web.AppClock;

/**
 * Drains the outbox. A batch is claimed with {@code FOR UPDATE SKIP LOCKED} and a claim deadline,
 * so several instances share the work, each message is handled by one of them at a time, and a
 * batch whose instance died is picked up again once its claim expires. The inbox entry is written
 * at most once per message (unique outbox id); WeChat is called by the claim holder only.
 */
@ApplicationScoped
public class Dispatcher {

  /** How one message ended this round. */
  public enum Outcome {
    SENT,
    SKIPPED,
    BLOCKED,
    RETRY,
    DEAD
  }

  private record Claimed(
      UUID id,
      UUID recipient,
      String template,
      Map<String, Object> params,
      int attempts,
      Instant createdAt) {}

  private record Recipient(String openid, boolean blocked) {}

  private record Result(Outcome outcome, String error) {}

  private final NotificationConfig config;
  private final WeChatMessageApi api;
  private final WeChatTokenProvider tokens;
  private final ObjectMapper mapper;
  private final AppClock clock;

  public Dispatcher(
      NotificationConfig config,
      @RestClient WeChatMessageApi api,
      WeChatTokenProvider tokens,
      ObjectMapper mapper,
      AppClock clock) {
    this.config = config;
    this.api = api;
    this.tokens = tokens;
    this.mapper = mapper;
    this.clock = clock;
  }

  @Scheduled(
      every = "${fingertip.notification.dispatch-every:5s}",
      delayed = "10s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> scheduled() {
    if (!config.dispatchEnabled()) {
      return Uni.createFrom().voidItem();
    }
    return drainOnce()
        .onFailure()
        .invoke(e -> Log.warnf("Outbox dispatch failed: %s", e.toString()))
        .onFailure()
        .recoverWithItem(0)
        .replaceWithVoid();
  }

  /** Claims one batch and delivers it; returns how many messages were handled. */
  public Uni<Integer> drainOnce() {
    return claim()
        .chain(
            batch -> {
              Uni<Integer> chain = Uni.createFrom().item(0);
              for (Claimed message : batch) {
                chain = chain.chain(n -> deliver(message).replaceWith(n + 1));
              }
              return chain;
            });
  }

  @WithTransaction
  Uni<List<Claimed>> claim() {
    Instant now = clock.instant();
    return Panache.getSession()
        .chain(
            s ->
                NativeSelects.uncached(
                        s.createNativeQuery(
                            "UPDATE notification_outbox SET claimed_until = :until WHERE id IN ("
                                + " SELECT id FROM notification_outbox WHERE status = 'PENDING' AND "
                                + NativeSelects.CONDITION
                                + " AND next_attempt_at <= :now AND (claimed_until IS NULL OR claimed_until < :now)"
                                + " ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)"
                                + " RETURNING id, recipient_id, template, CAST(params AS text), attempts, created_at",
                            Object[].class))
                    .setParameter("until", now.plus(config.claimTimeout()))
                    .setParameter("now", now)
                    .setParameter("limit", config.batchSize())
                    .getResultList())
        .map(rows -> rows.stream().map(this::toClaimed).toList());
  }

  private Claimed toClaimed(Object[] row) {
    Map<String, Object> params;
    try {
      params =
          mapper.readValue((String) row[3], new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (Exception e) {
      params = Map.of();
    }
    Object created = row[5];
    Instant createdAt =
        created instanceof Instant i
            ? i
            : created instanceof java.time.OffsetDateTime o ? o.toInstant() : clock.instant();
    return new Claimed(
        (UUID) row[0],
        (UUID) row[1],
        (String) row[2],
        params,
        ((Number) row[4]).intValue(),
        createdAt);
  }

  private Uni<Void> deliver(Claimed message) {
    NotificationConfig.WeChatTemplate template = config.wechatTemplates().get(message.template());
    return writeInbox(message)
        .chain(
            recipient -> {
              if (template == null || recipient.openid() == null) {
                return Uni.createFrom().item(new Result(Outcome.SKIPPED, null));
              }
              if (recipient.blocked()) {
                return Uni.createFrom()
                    .item(new Result(Outcome.BLOCKED, "user refused this template"));
              }
              return send(message, recipient.openid(), template);
            })
        .onFailure()
        .recoverWithItem(
            e -> {
              Log.warnf("Delivering %s failed: %s", message.id(), e.toString());
              return new Result(Outcome.RETRY, e.getClass().getSimpleName());
            })
        .chain(result -> finish(message, result.outcome(), result.error()));
  }

  /** Writes the inbox entry (once) and tells whether WeChat may be used for this recipient. */
  @WithTransaction
  Uni<Recipient> writeInbox(Claimed message) {
    Templates.Rendered text = Templates.render(message.template(), message.params());
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "INSERT INTO inbox_message (id, recipient_id, outbox_id, template, title, body,"
                            + " created_at) VALUES (:id, :recipient, :outbox, :template, :title, :body,"
                            + " :at) ON CONFLICT (outbox_id) DO NOTHING")
                    .setParameter("id", UUID.randomUUID())
                    .setParameter("recipient", message.recipient())
                    .setParameter("outbox", message.id())
                    .setParameter("template", message.template())
                    .setParameter("title", text.title())
                    .setParameter("body", text.body())
                    .setParameter("at", message.createdAt())
                    .executeUpdate()
                    .chain(
                        () ->
                            s.createNativeQuery(
                                    "SELECT c.mp_openid, EXISTS (SELECT 1 FROM wechat_subscription_block b"
                                        + " WHERE b.citizen_id = c.id AND b.template = :template)"
                                        + " FROM citizen c WHERE c.id IN (:recipient)",
                                    Object[].class)
                                .setParameter("template", message.template())
                                // a list, so Hibernate does not cache this native SELECT's plan
                                // (README, Performance: "Hibernate's plan cache and native
                                // SELECTs"); it runs once per message
                                .setParameter("recipient", List.of(message.recipient()))
                                .getResultList())
                    .map(
                        rows ->
                            rows.isEmpty()
                                ? new Recipient(null, false)
                                : new Recipient(
                                    (String) rows.get(0)[0], Boolean.TRUE.equals(rows.get(0)[1]))));
  }

  private Uni<Result> send(
      Claimed message, String openid, NotificationConfig.WeChatTemplate template) {
    return tokens
        .token()
        .chain(token -> post(token, message, openid, template))
        .chain(
            answer -> {
              if (answer.errcode() == 40001 || answer.errcode() == 42001) {
                // the token went bad early: refresh once and try again
                return tokens
                    .refresh(answer.token())
                    .chain(fresh -> post(fresh, message, openid, template))
                    .map(again -> classify(again, message));
              }
              return Uni.createFrom().item(classify(answer, message));
            });
  }

  private record Answer(int errcode, String errmsg, String token) {}

  private Uni<Answer> post(
      String token, Claimed message, String openid, NotificationConfig.WeChatTemplate template) {
    Map<String, Object> data = new LinkedHashMap<>();
    Templates.Rendered text = Templates.render(message.template(), message.params());
    Map<String, Object> values = new HashMap<>(message.params());
    values.putIfAbsent("title", text.title());
    values.putIfAbsent("body", text.body());
    values.putIfAbsent(
        "at",
        message
            .createdAt()
            .atZone(AppClock.ZONE)
            .toLocalDateTime()
            .withNano(0)
            .toString()
            .replace('T', ' '));
    template
        .fields()
        .forEach(
            (key, param) ->
                data.put(
                    key,
                    Map.of(
                        "value",
                        Templates.fit(key, String.valueOf(values.getOrDefault(param, ""))))));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("touser", openid);
    body.put("template_id", template.id());
    template.page().ifPresent(p -> body.put("page", p));
    body.put("data", data);
    body.put("miniprogram_state", config.miniProgramState());
    body.put("lang", "zh_CN");
    String json;
    try {
      json = mapper.writeValueAsString(body);
    } catch (Exception e) {
      return Uni.createFrom().failure(e);
    }
    return api.send(token, json)
        .map(
            text2 -> {
              try {
                JsonNode node = mapper.readTree(text2);
                return new Answer(
                    node.path("errcode").asInt(0), node.path("errmsg").asText(""), token);
              } catch (Exception e) {
                return new Answer(-1, "unreadable answer", token);
              }
            })
        .onFailure()
        .recoverWithItem(e -> new Answer(-1, e.getClass().getSimpleName(), token));
  }

  private static Result classify(Answer answer, Claimed message) {
    String error = answer.errcode() == 0 ? null : answer.errcode() + " " + answer.errmsg();
    Outcome outcome =
        switch (answer.errcode()) {
          case 0 -> Outcome.SENT;
          case 43101 -> Outcome.BLOCKED;
          case 40003, 40037, 47003 -> Outcome.DEAD;
          default -> Outcome.RETRY;
        };
    return new Result(outcome, error);
  }

  @WithTransaction
  Uni<Void> finish(Claimed message, Outcome outcome, String error) {
    Instant now = clock.instant();
    return Panache.getSession()
        .chain(
            s -> {
              Uni<Integer> block =
                  outcome == Outcome.BLOCKED
                      ? s.createNativeQuery(
                              "INSERT INTO wechat_subscription_block (citizen_id, template, blocked_at)"
                                  + " VALUES (:c, :t, :now) ON CONFLICT DO NOTHING")
                          .setParameter("c", message.recipient())
                          .setParameter("t", message.template())
                          .setParameter("now", now)
                          .executeUpdate()
                      : Uni.createFrom().item(0);
              return block.chain(
                  () -> {
                    int attempts = message.attempts() + 1;
                    boolean retry = outcome == Outcome.RETRY && attempts < config.maxAttempts();
                    boolean dead = outcome == Outcome.DEAD || outcome == Outcome.RETRY && !retry;
                    String status = retry ? "PENDING" : dead ? "DEAD" : "DELIVERED";
                    return s.createNativeQuery(
                            "UPDATE notification_outbox SET status = :status, attempts = :attempts,"
                                + " wechat_result = :result, last_error = :error, claimed_until = NULL,"
                                + " next_attempt_at = :next, delivered_at = :delivered WHERE id = :id")
                        .setParameter("status", status)
                        .setParameter("attempts", attempts)
                        .setParameter("result", outcome.name())
                        .setParameter("error", error)
                        .setParameter("next", retry ? now.plus(backoff(attempts)) : now)
                        .setParameter("delivered", "DELIVERED".equals(status) ? now : null)
                        .setParameter("id", message.id())
                        .executeUpdate();
                  });
            })
        .replaceWithVoid();
  }

  /** Exponential backoff with ±20 % jitter, capped at an hour. */
  Duration backoff(int attempts) {
    long base = config.firstRetryDelay().toMillis() * (1L << Math.min(attempts - 1, 16));
    long capped = Math.min(base, Duration.ofHours(1).toMillis());
    double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
    return Duration.ofMillis((long) (capped * jitter));
  }
}
