package org.fingertip.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * The working copy of a policy that admins edit. Citizens read {@link PolicyVersion}s instead, so
 * an edit to a published policy stays invisible until it is published again.
 */
@Entity
@Table(name = "policy")
public class Policy extends PolicyContent {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public PolicyStatus status;

  /** Number of the latest published version; 0 while never published. */
  @Column(name = "current_version", nullable = false)
  public int currentVersion;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Version
  @Column(name = "row_version", nullable = false)
  public long rowVersion;
}
