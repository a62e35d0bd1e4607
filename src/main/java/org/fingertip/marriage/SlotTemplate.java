package org.fingertip.marriage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalTime;
import java.util.UUID;

/** Weekly pattern of an office: ISO weekday × window × service × places. */
@Entity
@Table(name = "marriage_slot_template")
public class SlotTemplate extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "office_id")
  public UUID officeId;

  public int weekday;

  @Column(name = "start_time")
  public LocalTime startTime;

  @Column(name = "end_time")
  public LocalTime endTime;

  @Enumerated(EnumType.STRING)
  public RegistryService service;

  public int capacity;
}
