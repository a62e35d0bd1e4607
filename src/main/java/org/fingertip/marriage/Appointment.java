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

/** A booked place. The partner's identity is kept only encrypted, hashed and masked. */
@Entity
@Table(name = "marriage_appointment")
public class Appointment extends PanacheEntityBase {

  /** Life of an appointment. */
  public enum Status {
    BOOKED,
    CHECKED_IN,
    CANCELLED,
    NO_SHOW
  }

  @Id public UUID id;

  @Column(name = "office_id")
  public UUID officeId;

  @Column(name = "slot_id")
  public UUID slotId;

  public LocalDate day;

  @Enumerated(EnumType.STRING)
  public RegistryService service;

  @Column(name = "applicant_id")
  public UUID applicantId;

  @Column(name = "applicant_id_hash")
  public String applicantIdHash;

  @Embedded public StoredPartner partner;

  @Enumerated(EnumType.STRING)
  public Status status;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "cancelled_at")
  public Instant cancelledAt;

  @Column(name = "checked_in_at")
  public Instant checkedInAt;

  @Column(name = "checked_in_by")
  public UUID checkedInBy;

  @Column(name = "no_show_at")
  public Instant noShowAt;

  public boolean involves(UUID citizenId) {
    return citizenId.equals(applicantId) || partner != null && citizenId.equals(partner.citizenId);
  }
}
