package org.fingertip.policy.eligibility;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * A rule of one assistance item for a region from a date on, inherited down the region tree like a
 * standard: conditions one per line ({@link Condition}) and an {@link AmountFormula}.
 */
@Entity
@Table(name = "eligibility_rule")
public class EligibilityRule extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "region_code", nullable = false)
  public String regionCode;

  @Column(name = "item_code", nullable = false)
  public String itemCode;

  @Column(name = "item_name", nullable = false)
  public String itemName;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public RuleEngine.Scope scope;

  @Column(nullable = false)
  public String conditions;

  @Column(name = "amount_formula", nullable = false)
  public String amountFormula;

  @Column(nullable = false)
  public String description;

  @Column(name = "effective_from", nullable = false)
  public LocalDate effectiveFrom;

  @Column(name = "policy_id", nullable = false)
  public Long policyId;

  public List<Condition> parsedConditions() {
    return Arrays.stream(conditions.split("\\R"))
        .filter(l -> !l.isBlank())
        .map(Condition::parse)
        .toList();
  }
}
