package org.fingertip.marriage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

/**
 * One bookable window on one date. {@code booked} only ever changes through conditional UPDATEs
 * (see {@link SlotRepository}), never through this entity.
 */
@Entity
@Table(name = "marriage_slot")
public class Slot extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "office_id")
  public UUID officeId;

  public LocalDate day;

  @Column(name = "start_time")
  public LocalTime startTime;

  @Column(name = "end_time")
  public LocalTime endTime;

  @Enumerated(EnumType.STRING)
  public RegistryService service;

  public int capacity;
  public int booked;
  public String special;

  /** Set while the slot's day is an undrawn lottery: first-come booking is refused. */
  @Column(name = "lottery_opens")
  public Instant lotteryOpens;

  @Column(name = "lottery_closes")
  public Instant lotteryCloses;

  @Column(name = "lottery_draw_at")
  public Instant lotteryDrawAt;
}
