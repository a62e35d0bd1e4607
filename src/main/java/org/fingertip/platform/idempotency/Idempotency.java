package org.fingertip.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.web.AppClock;

/**
 * Makes a creating POST safe to retry. The key is claimed, the action runs and its response is
 * recorded in one database transaction:
 *
 * <ul>
 *   <li>a retry with the same key and body gets the recorded response again;
 *   <li>the same key with another body (or on another route) is {@code 422 IDEMPOTENCY_KEY_REUSED};
 *   <li>a concurrent duplicate blocks on the primary key until the first commits, then replays its
 *       response; if the first failed and rolled back, the duplicate runs the action itself;
 *   <li>records expire after 24 h (purged by {@link IdempotencyPurge}).
 * </ul>
 */
@ApplicationScoped
public class Idempotency {

  public static final String HEADER = "Idempotency-Key";
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";
  static final Duration TTL = Duration.ofHours(24);
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,128}");

  private final ObjectMapper mapper;
  private final AppClock clock;

  public Idempotency(ObjectMapper mapper, AppClock clock) {
    this.mapper = mapper;
    this.clock = clock;
  }

  /**
   * Runs {@code action} once per (caller, key).
   *
   * @param key the Idempotency-Key header, or null to run without protection
   * @param caller who asks (the token subject); keys of different callers never meet
   * @param route method and path template, so one key cannot be replayed on another route
   * @param body the parsed request body, hashed to detect reuse with different content
   * @param status the success status to answer with (200 or 201)
   */
  @WithTransaction
  public <T> Uni<Response> run(
      String key, String caller, String route, Object body, int status, Supplier<Uni<T>> action) {
    return this.<T>runAnswering(key, caller, route, body, status, answer -> action.get());
  }

  /**
   * Lets an action record its answer before its last step, e.g. before it takes rows every other
   * request of a rush waits for, so their locks are not held while the answer is written. The
   * action calls {@link Answer#now} with the result it will return; if it then returns another
   * result (its last step changed the outcome), that one is recorded instead. Without a key the
   * answer is not recorded and {@code now} does nothing.
   *
   * @see #run
   */
  @WithTransaction
  public <T> Uni<Response> runAnswering(
      String key,
      String caller,
      String route,
      Object body,
      int status,
      Function<Answer<T>, Uni<T>> action) {
    if (key == null) {
      return action.apply(result -> Uni.createFrom().voidItem()).map(r -> fresh(status, r));
    }
    if (!KEY.matcher(key).matches()) {
      return Uni.createFrom()
          .failure(
              ProblemException.badRequest(
                  "IDEMPOTENCY_KEY_INVALID", "Idempotency-Key 应为 1 到 128 个可见 ASCII 字符"));
    }
    String hash = hash(route, body);
    Instant now = clock.instant();
    // One statement claims the key: a fresh insert, or taking over an expired record (the purge
    // job may not have run yet). A live record (another request, committed or in flight) leaves
    // it untouched and the update count is 0; a concurrent claimer blocks on the row until the
    // first commits or rolls back, as with a plain insert.
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "INSERT INTO idempotency_record (caller, idem_key, request_hash, created_at,"
                            + " expires_at) VALUES (:caller, :key, :hash, :now, :expires)"
                            + " ON CONFLICT (caller, idem_key) DO UPDATE SET request_hash ="
                            + " EXCLUDED.request_hash, created_at = EXCLUDED.created_at, expires_at ="
                            + " EXCLUDED.expires_at, response_status = NULL, response_body = NULL"
                            + " WHERE idempotency_record.expires_at < EXCLUDED.created_at")
                    .setParameter("caller", caller)
                    .setParameter("key", key)
                    .setParameter("hash", hash)
                    .setParameter("now", now)
                    .setParameter("expires", now.plus(TTL))
                    .executeUpdate()
                    .chain(
                        claimed -> {
                          if (claimed != 1) {
                            return replay(session, caller, key, hash);
                          }
                          AtomicReference<Recorded> recorded = new AtomicReference<>();
                          Answer<T> answer =
                              result ->
                                  record(session, caller, key, status, result)
                                      .invoke(json -> recorded.set(new Recorded(result, json)))
                                      .replaceWithVoid();
                          return action
                              .apply(answer)
                              .chain(
                                  result -> {
                                    Recorded early = recorded.get();
                                    // the JSON just recorded is the body: serialised once
                                    return early != null && early.result() == result
                                        ? Uni.createFrom().item(early.json())
                                        : record(session, caller, key, status, result);
                                  })
                              .map(json -> recordedResponse(status, json));
                        }));
  }

  /** An answer and the JSON it was recorded as. */
  private record Recorded(Object result, String json) {}

  /** Records an action's answer early; see {@link #runAnswering}. */
  @FunctionalInterface
  public interface Answer<T> {
    Uni<Void> now(T result);
  }

  /** Stores the answer's JSON with the claimed key; returns that JSON. */
  private <T> Uni<String> record(
      org.hibernate.reactive.mutiny.Mutiny.Session session,
      String caller,
      String key,
      int status,
      T result) {
    String json = toJson(result);
    return session
        .createNativeQuery(
            "UPDATE idempotency_record SET response_status = :status, response_body = :body"
                + " WHERE caller = :caller AND idem_key = :key")
        .setParameter("status", status)
        .setParameter("body", json)
        .setParameter("caller", caller)
        .setParameter("key", key)
        .executeUpdate()
        .replaceWith(json);
  }

  private static Response recordedResponse(int status, String json) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(json).build();
  }

  private Uni<Response> replay(
      org.hibernate.reactive.mutiny.Mutiny.Session session,
      String caller,
      String key,
      String hash) {
    return session
        .createNativeQuery(
            "SELECT request_hash, response_status, response_body FROM idempotency_record"
                + " WHERE caller = :caller AND idem_key IN (:key)",
            Object[].class)
        .setParameter("caller", caller)
        // a list: no cached plan (NativeSelects)
        .setParameter("key", List.of(key))
        .getResultList()
        .map(
            (List<Object[]> rows) -> {
              if (rows.isEmpty()) {
                throw inProgress();
              }
              Object[] row = rows.get(0);
              if (!hash.equals(row[0])) {
                throw ProblemException.unprocessable(
                    "IDEMPOTENCY_KEY_REUSED", "该 Idempotency-Key 已用于另一个不同的请求，请为新的请求使用新的键");
              }
              if (row[1] == null) {
                throw inProgress();
              }
              return Response.status(((Number) row[1]).intValue())
                  .type(MediaType.APPLICATION_JSON_TYPE)
                  .header(REPLAYED_HEADER, "true")
                  .entity(row[2])
                  .build();
            });
  }

  private static ProblemException inProgress() {
    return ProblemException.conflict("IDEMPOTENCY_IN_PROGRESS", "相同的请求正在处理中，请稍候查看结果");
  }

  private static Response fresh(int status, Object result) {
    return Response.status(status).entity(result).build();
  }

  private String toJson(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Response not serialisable", e);
    }
  }

  private String hash(String route, Object body) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(route.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(mapper.writeValueAsBytes(body));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
