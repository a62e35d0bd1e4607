package org.fingertip.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.fingertip.identity.auth.WeChatConfig;
import org.fingertip.platform.crypto.PiiCipher;
import org.fingertip.platform.web.AppClock;

/**
 * The mini-program's WeChat access token, through {@code /cgi-bin/stable_token}. Shared by all
 * instances through the database (encrypted there), cached here, refreshed five minutes before it
 * expires. At most one refresh is in flight: inside an instance by sharing one pending result,
 * across instances by a lease row that only one instance can take at a time.
 */
@ApplicationScoped
public class WeChatTokenProvider {

  private static final Duration EARLY = Duration.ofMinutes(5);
  private static final Duration LEASE = Duration.ofSeconds(10);

  private record Cached(String token, Instant expiresAt) {}

  private final WeChatMessageApi api;
  private final WeChatConfig wechat;
  private final PiiCipher cipher;
  private final AppClock clock;
  private final ObjectMapper mapper;
  private final AtomicReference<Cached> cached = new AtomicReference<>();
  private final AtomicReference<Uni<String>> inFlight = new AtomicReference<>();

  public WeChatTokenProvider(
      @RestClient WeChatMessageApi api,
      WeChatConfig wechat,
      PiiCipher cipher,
      AppClock clock,
      ObjectMapper mapper) {
    this.api = api;
    this.wechat = wechat;
    this.cipher = cipher;
    this.clock = clock;
    this.mapper = mapper;
  }

  /** A valid token, from memory, the database, or WeChat. */
  public Uni<String> token() {
    Cached c = cached.get();
    if (c != null && c.expiresAt().minus(EARLY).isAfter(clock.instant())) {
      return Uni.createFrom().item(c.token());
    }
    return refresh(null);
  }

  /**
   * Gets a new token. {@code rejected} is a token WeChat just called invalid (40001/42001): the
   * database copy is not trusted if it is that same token, and WeChat is asked to force a new one.
   */
  public Uni<String> refresh(String rejected) {
    Uni<String> mine =
        Uni.createFrom()
            .deferred(() -> fromDatabaseOrWeChat(rejected, 0))
            .eventually(() -> inFlight.set(null))
            .memoize()
            .indefinitely();
    if (inFlight.compareAndSet(null, mine)) {
      return mine;
    }
    Uni<String> other = inFlight.get();
    return other != null ? other : mine;
  }

  private Uni<String> fromDatabaseOrWeChat(String rejected, int waits) {
    Instant now = clock.instant();
    String appId = wechat.miniProgram().appId();
    return readOrLease(appId, rejected, now)
        .chain(
            state -> {
              if (state.token() != null) {
                cached.set(new Cached(state.token(), state.expiresAt()));
                return Uni.createFrom().item(state.token());
              }
              if (!state.leased()) {
                if (waits >= 30) {
                  return Uni.createFrom()
                      .failure(new IllegalStateException("WeChat token refresh timed out"));
                }
                // another instance is refreshing: wait for its result
                return Uni.createFrom()
                    .nullItem()
                    .onItem()
                    .delayIt()
                    .by(Duration.ofMillis(200))
                    .chain(() -> fromDatabaseOrWeChat(rejected, waits + 1));
              }
              return callWeChat(rejected != null)
                  .chain(fresh -> store(appId, fresh).replaceWith(fresh.token()))
                  .onFailure()
                  .call(() -> releaseLease(appId));
            });
  }

  private record State(String token, Instant expiresAt, boolean leased) {}

  @WithTransaction
  Uni<State> readOrLease(String appId, String rejected, Instant now) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "INSERT INTO wechat_token (app_id) VALUES (:app) ON CONFLICT DO NOTHING")
                    .setParameter("app", appId)
                    .executeUpdate()
                    .chain(
                        () ->
                            s.createNativeQuery(
                                    "SELECT access_token_enc, expires_at FROM wechat_token WHERE app_id IN (:app)",
                                    Object[].class)
                                // a list: no cached plan (NativeSelects)
                                .setParameter("app", List.of(appId))
                                .getSingleResult())
                    .chain(
                        row -> {
                          String enc = (String) row[0];
                          Instant expires = toInstant(row[1]);
                          String token = enc == null ? null : cipher.decrypt(enc);
                          if (token != null
                              && !token.equals(rejected)
                              && expires != null
                              && expires.minus(EARLY).isAfter(now)) {
                            return Uni.createFrom().item(new State(token, expires, false));
                          }
                          return s.createNativeQuery(
                                  "UPDATE wechat_token SET refreshing_until = :until WHERE app_id = :app"
                                      + " AND (refreshing_until IS NULL OR refreshing_until < :now)")
                              .setParameter("until", now.plus(LEASE))
                              .setParameter("app", appId)
                              .setParameter("now", now)
                              .executeUpdate()
                              .map(n -> new State(null, null, n == 1));
                        }));
  }

  private static Instant toInstant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof java.time.OffsetDateTime o) {
      return o.toInstant();
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    return Instant.parse(value.toString());
  }

  private Uni<Cached> callWeChat(boolean force) {
    Map<String, Object> body =
        Map.of(
            "grant_type",
            "client_credential",
            "appid",
            wechat.miniProgram().appId(),
            "secret",
            wechat.miniProgram().secret(),
            "force_refresh",
            force);
    String json;
    try {
      json = mapper.writeValueAsString(body);
    } catch (Exception e) {
      return Uni.createFrom().failure(e);
    }
    return api.stableToken(json)
        .map(
            text -> {
              try {
                JsonNode node = mapper.readTree(text);
                if (node.path("errcode").asInt(0) != 0 || !node.hasNonNull("access_token")) {
                  Log.errorf(
                      "WeChat stable_token refused: errcode %d", node.path("errcode").asInt());
                  throw new IllegalStateException(
                      "stable_token errcode " + node.path("errcode").asInt());
                }
                return new Cached(
                    node.get("access_token").asText(),
                    clock.instant().plusSeconds(node.path("expires_in").asLong(7200)));
              } catch (IllegalStateException e) {
                throw e;
              } catch (Exception e) {
                throw new IllegalStateException("stable_token answer unreadable", e);
              }
            });
  }

  @WithTransaction
  Uni<Void> store(String appId, Cached fresh) {
    cached.set(fresh);
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "UPDATE wechat_token SET access_token_enc = :token, expires_at = :expires,"
                            + " refreshing_until = NULL WHERE app_id = :app")
                    .setParameter("token", cipher.encrypt(fresh.token()))
                    .setParameter("expires", fresh.expiresAt())
                    .setParameter("app", appId)
                    .executeUpdate())
        .replaceWithVoid();
  }

  @WithTransaction
  Uni<Void> releaseLease(String appId) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "UPDATE wechat_token SET refreshing_until = NULL WHERE app_id = :app")
                    .setParameter("app", appId)
                    .executeUpdate())
        .replaceWithVoid();
  }

  /** Forgets the in-memory copy (tests). */
  public void forget() {
    cached.set(null);
  }

  static List<Integer> tokenErrors() {
    return List.of(40001, 42001);
  }
}
