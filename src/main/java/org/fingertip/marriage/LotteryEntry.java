package org.fingertip.marriage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A couple's entry in a peak day's lottery; status changes only through conditional UPDATEs. */
@Entity
@Table(name = "marriage_lottery_entry")
public class LotteryEntry extends PanacheEntityBase {

  /** REGISTERED until the draw (or WITHDRAWN); then WON (a held place) or WAITLISTED. */
  public enum Status {
    REGISTERED,
    WITHDRAWN,
    WON,
    CONFIRMED,
    EXPIRED,
    WAITLISTED
  }

  @Id public UUID id;

  @Column(name = "special_day_id")
  public UUID specialDayId;

  @Column(name = "slot_id")
  public UUID slotId;

  @Column(name = "office_id")
  public UUID officeId;

  public LocalDate day;

  @Enumerated(EnumType.STRING)
  public RegistryService service;

  @Column(name = "citizen_id")
  public UUID citizenId;

  @Column(name = "applicant_id_hash")
  public String applicantIdHash;

  @Embedded public StoredPartner partner;

  @Enumerated(EnumType.STRING)
  public Status status;

  @Column(name = "draw_position")
  public Integer drawPosition;

  @Column(name = "draw_result")
  public String drawResult;

  @Column(name = "confirm_until")
  public Instant confirmUntil;

  @Column(name = "appointment_id")
  public UUID appointmentId;

  @Column(name = "waitlist_id")
  public UUID waitlistId;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "withdrawn_at")
  public Instant withdrawnAt;

  @Column(name = "confirmed_at")
  public Instant confirmedAt;
}
