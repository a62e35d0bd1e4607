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
import java.util.UUID;

/** A place in the queue of a full slot; status changes only through conditional UPDATEs. */
@Entity
@Table(name = "marriage_waitlist")
public class WaitlistEntry extends PanacheEntityBase {

  /** WAITING in line, OFFERED a held place, then CLAIMED, EXPIRED or LEFT. */
  public enum Status {
    WAITING,
    OFFERED,
    CLAIMED,
    EXPIRED,
    LEFT
  }

  @Id public UUID id;

  @Column(insertable = false, updatable = false)
  public Long position;

  @Column(name = "slot_id")
  public UUID slotId;

  @Column(name = "office_id")
  public UUID officeId;

  @Enumerated(EnumType.STRING)
  public RegistryService service;

  @Column(name = "citizen_id")
  public UUID citizenId;

  @Column(name = "applicant_id_hash")
  public String applicantIdHash;

  @Embedded public StoredPartner partner;

  @Enumerated(EnumType.STRING)
  public Status status;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "offered_at")
  public Instant offeredAt;

  @Column(name = "hold_until")
  public Instant holdUntil;

  @Column(name = "appointment_id")
  public UUID appointmentId;
}
