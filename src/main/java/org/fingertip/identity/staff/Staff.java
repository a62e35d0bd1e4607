package org.fingertip.identity.staff;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A member of staff with one role and the scope it is limited to. */
@Entity
@Table(name = "staff")
public class Staff extends PanacheEntityBase {

  @Id public UUID id;

  @Column(nullable = false, unique = true)
  public String username;

  @Column(name = "password_hash", nullable = false)
  public String passwordHash;

  @Column(name = "display_name", nullable = false)
  public String displayName;

  @Column(nullable = false)
  public String role;

  public String[] departments = new String[0];
  public String[] regions = new String[0];
  public String[] offices = new String[0];
  public String[] canteens = new String[0];

  @Column(name = "failed_logins", nullable = false)
  public int failedLogins;

  @Column(name = "locked_until")
  public Instant lockedUntil;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  public StaffScope scope() {
    return new StaffScope(id, role, displayName, departments, regions, offices, canteens);
  }
}
