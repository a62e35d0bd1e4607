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
import java.util.UUID;

/** A divorce application filed at the counter, and its cooling-off (Civil Code art. 1077). */
@Entity
@Table(name = "marriage_divorce_application")
public class DivorceApplication extends PanacheEntityBase {

  /** FILED during cooling-off and the certificate window; then one of the three ends. */
  public enum Status {
    FILED,
    WITHDRAWN,
    LAPSED,
    COMPLETED
  }

  @Id public UUID id;

  @Column(name = "appointment_id")
  public UUID appointmentId;

  @Column(name = "couple_key")
  public String coupleKey;

  @Column(name = "spouse_a_id")
  public UUID spouseAId;

  @Column(name = "spouse_b_id")
  public UUID spouseBId;

  @Column(name = "filed_on")
  public LocalDate filedOn;

  @Enumerated(EnumType.STRING)
  public Status status;

  @Column(name = "withdrawn_at")
  public Instant withdrawnAt;

  @Column(name = "withdrawn_by")
  public UUID withdrawnBy;

  @Column(name = "completed_at")
  public Instant completedAt;

  public boolean involves(UUID citizenId) {
    return citizenId.equals(spouseAId) || citizenId.equals(spouseBId);
  }
}
