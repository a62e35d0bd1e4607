package org.fingertip.identity.auth;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fingertip.platform.config.JwtConfig;
import org.fingertip.platform.web.AppClock;

/**
 * Access tokens (RS256 JWT, at most 2 h) and refresh tokens (256 random bits, stored as SHA-256,
 * rotated on every use; presenting a rotated or revoked one revokes its whole family, since it
 * means the token was copied).
 */
@Startup
@ApplicationScoped
public class TokenService {

  public static final String CITIZEN = "CITIZEN";
  public static final String STAFF = "STAFF";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final AuthConfig config;
  private final AppClock clock;
  private final PrivateKey signingKey;

  public TokenService(AuthConfig config, AppClock clock, JwtConfig jwt) {
    this.config = config;
    this.clock = clock;
    try {
      // read once at start-up, never on the event loop afterwards
      String location = jwt.privateKeyLocation().replaceFirst("^file:", "");
      this.signingKey =
          KeyUtils.decodePrivateKey(
              java.nio.file.Files.readString(
                  java.nio.file.Path.of(location), StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(
          "Cannot read the JWT signing key at fingertip.jwt.private-key-location", e);
    }
  }

  /** Outcome of presenting a refresh token. */
  public record Rotation(Status status, String subjectKind, UUID subjectId, String refreshToken) {
    /** What the presented token turned out to be. */
    public enum Status {
      ROTATED,
      UNKNOWN,
      EXPIRED,
      REUSED
    }
  }

  public long accessTokenSeconds() {
    return config.accessTokenLifetime().toSeconds();
  }

  public String accessToken(UUID subject, Set<String> roles, Map<String, Object> claims) {
    Instant now = clock.instant();
    JwtClaimsBuilder builder =
        Jwt.subject(subject.toString())
            .groups(roles)
            .issuedAt(now)
            .expiresAt(now.plus(config.accessTokenLifetime()));
    claims.forEach(builder::claim);
    return builder.sign(signingKey);
  }

  /** Starts a new family (a fresh login) and returns the plain refresh token. */
  @WithTransaction
  public Uni<String> startFamily(String subjectKind, UUID subjectId) {
    return issue(UUID.randomUUID(), subjectKind, subjectId);
  }

  private Uni<String> issue(UUID familyId, String subjectKind, UUID subjectId) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String plain = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    RefreshToken token = new RefreshToken();
    token.id = UUID.randomUUID();
    token.familyId = familyId;
    token.subjectKind = subjectKind;
    token.subjectId = subjectId;
    token.tokenHash = hash(plain);
    token.issuedAt = clock.instant();
    token.expiresAt = token.issuedAt.plus(config.refreshTokenLifetime());
    return token.persist().replaceWith(plain);
  }

  /**
   * Rotates a refresh token. Reuse is answered as a status, not an exception, so that the family
   * revocation commits.
   */
  @WithTransaction
  public Uni<Rotation> rotate(String plain) {
    Instant now = clock.instant();
    return RefreshToken.<RefreshToken>find("tokenHash", hash(plain))
        .firstResult()
        .chain(
            token -> {
              if (token == null) {
                return Uni.createFrom()
                    .item(new Rotation(Rotation.Status.UNKNOWN, null, null, null));
              }
              if (token.rotatedAt != null || token.revokedAt != null) {
                Log.warnf(
                    "Refresh token reuse detected for %s %s (family %s): family revoked",
                    token.subjectKind, token.subjectId, token.familyId);
                return revokeFamily(token.familyId, now)
                    .replaceWith(
                        new Rotation(
                            Rotation.Status.REUSED, token.subjectKind, token.subjectId, null));
              }
              if (token.expiresAt.isBefore(now)) {
                return Uni.createFrom()
                    .item(
                        new Rotation(
                            Rotation.Status.EXPIRED, token.subjectKind, token.subjectId, null));
              }
              // conditional update: of two concurrent refreshes with one token, one wins
              return Panache.getSession()
                  .chain(
                      s ->
                          s.createMutationQuery(
                                  "update RefreshToken set rotatedAt = :now where id = :id and"
                                      + " rotatedAt is null and revokedAt is null")
                              .setParameter("now", now)
                              .setParameter("id", token.id)
                              .executeUpdate())
                  .chain(
                      updated ->
                          updated == 1
                              ? issue(token.familyId, token.subjectKind, token.subjectId)
                                  .map(
                                      next ->
                                          new Rotation(
                                              Rotation.Status.ROTATED,
                                              token.subjectKind,
                                              token.subjectId,
                                              next))
                              : revokeFamily(token.familyId, now)
                                  .replaceWith(
                                      new Rotation(
                                          Rotation.Status.REUSED,
                                          token.subjectKind,
                                          token.subjectId,
                                          null)));
            });
  }

  /** Logout: revokes every token of the presented token's family. Unknown tokens are ignored. */
  @WithTransaction
  public Uni<Void> logout(String plain) {
    return RefreshToken.<RefreshToken>find("tokenHash", hash(plain))
        .firstResult()
        .chain(
            t ->
                t == null
                    ? Uni.createFrom().voidItem()
                    : revokeFamily(t.familyId, clock.instant()));
  }

  private Uni<Void> revokeFamily(UUID familyId, Instant now) {
    return Panache.getSession()
        .chain(
            s ->
                s.createMutationQuery(
                        "update RefreshToken set revokedAt = :now where familyId = :family and"
                            + " revokedAt is null")
                    .setParameter("now", now)
                    .setParameter("family", familyId)
                    .executeUpdate())
        .replaceWithVoid();
  }

  static String hash(String plain) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(plain.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
