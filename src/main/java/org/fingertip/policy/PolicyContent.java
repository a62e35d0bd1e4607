package org.fingertip.policy;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.LocalDate;

/**
 * What a policy says, the same columns on the admins' working copy ({@link Policy}) and on each
 * published {@link PolicyVersion}.
 */
@MappedSuperclass
public abstract class PolicyContent extends PanacheEntityBase {

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

  /** Takes over everything {@code other} says (publishing copies the working copy this way). */
  void copyContentFrom(PolicyContent other) {
    title = other.title;
    summary = other.summary;
    body = other.body;
    category = other.category;
    issuingBody = other.issuingBody;
    documentNumber = other.documentNumber;
    regionCode = other.regionCode;
    effectiveFrom = other.effectiveFrom;
    effectiveTo = other.effectiveTo;
  }
}
