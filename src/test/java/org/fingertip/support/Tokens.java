package org.fingertip.support;

import io.smallrye.jwt.build.Jwt;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Mints access tokens with the dev/test signing key, as the identity service would. */
public final class Tokens {

  private Tokens() {}

  public static String admin() {
    return forRoles("staff-admin-" + UUID.randomUUID(), "admin");
  }

  public static String citizen(String subject) {
    return forRoles(subject, "citizen");
  }

  public static String forRoles(String subject, String... roles) {
    return Jwt.subject(subject).groups(Set.of(roles)).expiresIn(Duration.ofMinutes(30)).sign();
  }

  public static String expired(String subject, String... roles) {
    Instant past = Instant.now().minus(Duration.ofHours(3));
    return Jwt.subject(subject)
        .groups(Set.of(roles))
        .issuedAt(past)
        .expiresAt(past.plus(Duration.ofHours(1)))
        .sign();
  }

  public static String withIssuer(String issuer, String subject, String... roles) {
    return Jwt.issuer(issuer)
        .subject(subject)
        .groups(Set.of(roles))
        .expiresIn(Duration.ofMinutes(30))
        .sign();
  }

  public static String withAudience(String audience, String subject, String... roles) {
    return Jwt.audience(audience)
        .subject(subject)
        .groups(Set.of(roles))
        .expiresIn(Duration.ofMinutes(30))
        .sign();
  }
}
