package org.fingertip.platform.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;

/**
 * Working-day arithmetic under the State Council holiday calendar: weekdays work and weekends rest,
 * except where the calendar says otherwise (statutory holidays off, make-up weekend days on).
 * Immutable and pure.
 */
public final class WorkingDayCalendar {

  /** Guard against a loop over a calendar that never has a working day. */
  private static final int MAX_DAYS_SCANNED = 3660;

  private final Map<LocalDate, DayKind> exceptions;

  public WorkingDayCalendar(Map<LocalDate, DayKind> exceptions) {
    this.exceptions = Map.copyOf(exceptions);
  }

  public boolean isWorkingDay(LocalDate date) {
    DayKind kind = exceptions.get(date);
    if (kind != null) {
      return kind == DayKind.WORKDAY;
    }
    DayOfWeek day = date.getDayOfWeek();
    return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
  }

  /**
   * The date that is {@code workingDays} working days after {@code start}; the start day itself is
   * not counted (a case accepted on Friday with a 1-day limit is due on the next working day). Zero
   * returns {@code start} itself when it is a working day, else the next working day.
   */
  public LocalDate addWorkingDays(LocalDate start, int workingDays) {
    if (workingDays < 0) {
      throw new IllegalArgumentException("workingDays must not be negative");
    }
    if (workingDays == 0) {
      return nextWorkingDayFrom(start);
    }
    LocalDate date = start;
    int counted = 0;
    for (int scanned = 0; scanned < MAX_DAYS_SCANNED; scanned++) {
      date = date.plusDays(1);
      if (isWorkingDay(date) && ++counted == workingDays) {
        return date;
      }
    }
    throw new IllegalStateException("No working day within ten years of " + start);
  }

  /** {@code date} if it is a working day, else the first working day after it. */
  public LocalDate nextWorkingDayFrom(LocalDate date) {
    LocalDate candidate = date;
    for (int scanned = 0; scanned < MAX_DAYS_SCANNED; scanned++) {
      if (isWorkingDay(candidate)) {
        return candidate;
      }
      candidate = candidate.plusDays(1);
    }
    throw new IllegalStateException("No working day within ten years of " + date);
  }

  /** Working days in (from, to]: how many working days a case took or has left. */
  public int workingDaysBetween(LocalDate from, LocalDate to) {
    int count = 0;
    for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
      if (isWorkingDay(d)) {
        count++;
      }
    }
    return count;
  }
}
