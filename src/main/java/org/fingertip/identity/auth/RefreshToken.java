package org.fingertip.identity.auth;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One refresh token of a login family, stored as its SHA-256 only. */
@Entity
@Table(name = "refresh_token")
public class RefreshToken extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "family_id", nullable = false)
  public UUID familyId;

  @Column(name = "subject_kind", nullable = false)
  public String subjectKind;

  @Column(name = "subject_id", nullable = false)
  public UUID subjectId;

  @Column(name = "token_hash", nullable = false)
  public String tokenHash;

  @Column(name = "issued_at", nullable = false)
  public Instant issuedAt;

  @Column(name = "expires_at", nullable = false)
  public Instant expiresAt;

  @Column(name = "rotated_at")
  public Instant rotatedAt;

  @Column(name = "revoked_at")
  public Instant revokedAt;
}
