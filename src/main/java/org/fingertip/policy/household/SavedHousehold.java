package org.fingertip.policy.household;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A citizen's household facts, saved with consent. Facts and the last evaluation are ciphertext;
 * the region and its path stay in clear so a change can find the households under it.
 */
@Entity
@Table(name = "saved_household")
public class SavedHousehold extends PanacheEntityBase {

  @Id
  @Column(name = "citizen_id")
  public UUID citizenId;

  @Column(name = "facts_enc", nullable = false, columnDefinition = "text")
  public String factsEnc;

  /** Item codes that matched at the last evaluation, as encrypted JSON. */
  @Column(name = "last_eligible_enc", nullable = false, columnDefinition = "text")
  public String lastEligibleEnc;

  @Column(name = "region_code", nullable = false)
  public String regionCode;

  @Column(name = "region_path", nullable = false)
  public String regionPath;

  @Column(name = "consented_at", nullable = false)
  public Instant consentedAt;

  @Column(name = "evaluated_at", nullable = false)
  public Instant evaluatedAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
