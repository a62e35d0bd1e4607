package org.fingertip.meal;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.UUID;

/** Subsidy per meal for a category of elders in a region, effective-dated. */
@Entity
@Table(name = "meal_subsidy_rule")
public class SubsidyRule extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "region_code")
  public String regionCode;

  @Enumerated(EnumType.STRING)
  public ElderCategory category;

  @Column(name = "amount_fen")
  public long amountFen;

  @Column(name = "effective_from")
  public LocalDate effectiveFrom;

  @Column(name = "effective_to")
  public LocalDate effectiveTo;

  public String note;

  SubsidyRules.Rule rule() {
    return new SubsidyRules.Rule(regionCode, category, amountFen, effectiveFrom, effectiveTo);
  }
}
