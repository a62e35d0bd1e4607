package org.fingertip.marriage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.fingertip.identity.IdNumber;
import org.fingertip.platform.web.AppClock;

/** The legal and house rules of booking, as pure functions. */
public final class MarriageRules {

  private MarriageRules() {}

  /** Civil Code art. 1047: men may marry from 22, women from 20. */
  public static int legalAge(IdNumber.Sex sex) {
    return sex == IdNumber.Sex.MALE ? 22 : 20;
  }

  /** The instant the slots of {@code day} open for booking: 00:00 {@code releaseDays} before. */
  public static Instant releaseAt(LocalDate day, int releaseDays) {
    return day.minusDays(releaseDays).atStartOfDay(AppClock.ZONE).toInstant();
  }

  public static Instant startOf(LocalDate day, LocalTime time) {
    return day.atTime(time).atZone(AppClock.ZONE).toInstant();
  }

  /**
   * Civil Code art. 1077: 30 days of cooling-off after the application, then 30 days to collect the
   * certificate: from day 31 to day 60 after filing, both included.
   */
  public static LocalDate certificateWindowStart(LocalDate filedOn) {
    return filedOn.plusDays(31);
  }

  public static LocalDate certificateWindowEnd(LocalDate filedOn) {
    return filedOn.plusDays(60);
  }

  /** Either spouse may withdraw within the 30 days after filing. */
  public static LocalDate lastWithdrawalDay(LocalDate filedOn) {
    return filedOn.plusDays(30);
  }

  public static final int NO_SHOWS_FOR_SUSPENSION = 3;
  public static final int NO_SHOW_WINDOW_DAYS = 180;
  public static final int SUSPENSION_DAYS = 30;

  /**
   * Three no-shows within 180 days suspend new bookings for 30 days from the third. Returns the
   * last suspended day if {@code today} falls inside a suspension.
   *
   * @param noShowDays the dates of the missed appointments, in any order
   */
  public static Optional<LocalDate> suspendedUntil(List<LocalDate> noShowDays, LocalDate today) {
    List<LocalDate> days = noShowDays.stream().sorted().toList();
    LocalDate until = null;
    for (int i = NO_SHOWS_FOR_SUSPENSION - 1; i < days.size(); i++) {
      LocalDate first = days.get(i - NO_SHOWS_FOR_SUSPENSION + 1);
      LocalDate third = days.get(i);
      if (!third.isAfter(first.plusDays(NO_SHOW_WINDOW_DAYS))) {
        LocalDate end = third.plusDays(SUSPENSION_DAYS);
        if (until == null || end.isAfter(until)) {
          until = end;
        }
      }
    }
    return until != null && !today.isAfter(until) ? Optional.of(until) : Optional.empty();
  }
}
