package org.fingertip.platform.calendar;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** One exception to the weekday rule in the State Council calendar. */
@Entity
@Table(name = "calendar_day")
public class CalendarDay extends PanacheEntityBase {

  @Id
  @Column(name = "day")
  public LocalDate day;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public DayKind kind;

  /** e.g. 春节, 国庆节. */
  @Column(nullable = false)
  public String name;
}
