package org.fingertip.assistance;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A citizen's household as last declared, encrypted; pre-filled into the next application. */
@Entity
@Table(name = "household_profile")
public class HouseholdProfile extends PanacheEntityBase {

  @Id
  @Column(name = "citizen_id")
  public UUID citizenId;

  @Column(name = "members_enc", nullable = false, columnDefinition = "text")
  public String membersEnc;

  @Column(name = "members_masked", nullable = false, columnDefinition = "text")
  public String membersMasked;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
