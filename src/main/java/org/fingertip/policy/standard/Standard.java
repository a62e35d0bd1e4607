package org.fingertip.policy.standard;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An amount set by a policy for a region from a date on; it stays in force until the next row of
 * the same region and type, and applies to every region below unless one of them sets its own.
 */
@Entity
@Table(name = "policy_standard")
public class Standard extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "region_code", nullable = false)
  public String regionCode;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public StandardType type;

  @Column(name = "amount_fen")
  public Long amountFen;

  @Column(precision = 8, scale = 3)
  public BigDecimal factor;

  @Column(name = "effective_from", nullable = false)
  public LocalDate effectiveFrom;

  @Column(name = "policy_id", nullable = false)
  public Long policyId;

  public String note;
}
