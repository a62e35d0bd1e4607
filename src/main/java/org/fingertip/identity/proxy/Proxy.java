package org.fingertip.identity.proxy;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/** One citizen acting for another, with the scopes the subject granted. */
@Entity
@Table(name = "proxy")
public class Proxy extends PanacheEntityBase {

  /** Where a proxy relation stands. */
  public enum Status {
    PENDING,
    ACTIVE,
    ENDED,
    REJECTED
  }

  @Id public UUID id;

  @Column(name = "actor_id", nullable = false)
  public UUID actorId;

  @Column(name = "subject_id", nullable = false)
  public UUID subjectId;

  @Column(nullable = false)
  public String relation;

  public String[] scopes = new String[0];

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Status status;

  @Column(name = "region_code")
  public String regionCode;

  @Column(name = "requested_at", nullable = false)
  public Instant requestedAt;

  @Column(name = "activated_at")
  public Instant activatedAt;

  @Column(name = "verified_by")
  public UUID verifiedBy;

  @Column(name = "ended_at")
  public Instant endedAt;

  @Column(name = "ended_by")
  public UUID endedBy;

  public boolean grants(ProxyScope scope) {
    return status == Status.ACTIVE && Arrays.asList(scopes).contains(scope.name());
  }
}
