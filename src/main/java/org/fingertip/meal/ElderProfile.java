package org.fingertip.meal;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** What a caseworker recorded about an elder for meals: groups, delivery need, home location. */
@Entity
@Table(name = "meal_elder_profile")
public class ElderProfile extends PanacheEntityBase {

  @Id
  @Column(name = "citizen_id")
  public UUID citizenId;

  public String[] flags = new String[0];

  @Column(name = "region_code")
  public String regionCode;

  public String address;
  public Double latitude;
  public Double longitude;

  @Column(name = "updated_by")
  public UUID updatedBy;

  @Column(name = "updated_at")
  public Instant updatedAt;

  public Set<ElderFlag> flagSet() {
    Set<ElderFlag> set = EnumSet.noneOf(ElderFlag.class);
    Arrays.stream(flags).map(ElderFlag::valueOf).forEach(set::add);
    return set;
  }
}
