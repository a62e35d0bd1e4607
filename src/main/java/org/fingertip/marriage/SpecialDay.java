package org.fingertip.marriage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

/** A date with extra places, longer hours, or an opening on an otherwise closed day (为爱加班). */
@Entity
@Table(name = "marriage_special_day")
public class SpecialDay extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "office_id")
  public UUID officeId;

  public LocalDate day;
  public String name;

  @Column(name = "extra_capacity")
  public int extraCapacity;

  @Column(name = "opens_closed")
  public boolean opensClosed;

  @Column(name = "extended_until")
  public LocalTime extendedUntil;
}
