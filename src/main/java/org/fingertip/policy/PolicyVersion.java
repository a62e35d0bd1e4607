package org.fingertip.policy;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One published, immutable version of a policy. The one with {@code current} is what citizens see
 * and search; its search vector is written by {@link PolicyRepository#indexVersion}.
 */
@Entity
@Table(name = "policy_version")
public class PolicyVersion extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "policy_id", nullable = false)
  public Long policyId;

  @Column(nullable = false)
  public int version;

  @Column(nullable = false)
  public String title;

  @Column(nullable = false)
  public String summary;

  @Column(nullable = false)
  public String body;

  @Column(nullable = false)
  public String category;

  @Column(name = "issuing_body", nullable = false)
  public String issuingBody;

  @Column(name = "document_number")
  public String documentNumber;

  @Column(name = "region_code", nullable = false)
  public String regionCode;

  @Column(name = "effective_from", nullable = false)
  public LocalDate effectiveFrom;

  @Column(name = "effective_to")
  public LocalDate effectiveTo;

  @Column(name = "change_note")
  public String changeNote;

  @Column(name = "published_at", nullable = false)
  public Instant publishedAt;

  @Column(name = "published_by", nullable = false)
  public String publishedBy;

  @Column(name = "is_current", nullable = false)
  public boolean current;
}
