package org.fingertip.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One published, immutable version of a policy. The one with {@code current} is what citizens see
 * and search; its search vector is written by {@link PolicyRepository#indexVersion}.
 */
@Entity
@Table(name = "policy_version")
public class PolicyVersion extends PolicyContent {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "policy_id", nullable = false)
  public Long policyId;

  @Column(nullable = false)
  public int version;

  @Column(name = "change_note")
  public String changeNote;

  @Column(name = "published_at", nullable = false)
  public Instant publishedAt;

  @Column(name = "published_by", nullable = false)
  public String publishedBy;

  @Column(name = "is_current", nullable = false)
  public boolean current;
}
