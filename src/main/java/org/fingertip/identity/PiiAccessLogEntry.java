package org.fingertip.identity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One staff read of a citizen's personal data. */
@Entity
@Table(name = "pii_access_log")
public class PiiAccessLogEntry extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "citizen_id", nullable = false)
  public UUID citizenId;

  @Column(name = "staff_id", nullable = false)
  public UUID staffId;

  @Column(name = "staff_role", nullable = false)
  public String staffRole;

  @Column(name = "staff_unit", nullable = false)
  public String staffUnit;

  @Column(nullable = false)
  public String purpose;

  @Column(nullable = false)
  public String fields;

  @Column(name = "accessed_at", nullable = false)
  public Instant accessedAt;
}
