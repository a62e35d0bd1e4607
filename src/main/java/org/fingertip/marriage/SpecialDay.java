package org.fingertip.marriage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
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

  /** FIRST_COME (default) or LOTTERY; see {@link LotteryService}. */
  public String mode = MODE_FIRST_COME;

  @Column(name = "registration_opens")
  public Instant registrationOpens;

  @Column(name = "registration_closes")
  public Instant registrationCloses;

  @Column(name = "draw_at")
  public Instant drawAt;

  @Column(name = "confirm_hours")
  public Integer confirmHours;

  public String seed;

  @Column(name = "seed_sha256")
  public String seedSha256;

  @Column(name = "drawn_at")
  public Instant drawnAt;

  @Column(name = "entry_count")
  public Integer entryCount;

  public static final String MODE_FIRST_COME = "FIRST_COME";
  public static final String MODE_LOTTERY = "LOTTERY";

  public boolean lottery() {
    return MODE_LOTTERY.equals(mode);
  }
}
