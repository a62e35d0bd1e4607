package org.fingertip.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.fingertip.platform.calendar.DayKind;
import org.fingertip.platform.calendar.WorkingDayCalendar;
import org.junit.jupiter.api.Test;

/** Working-day arithmetic, pure: the 2026 Spring Festival and its make-up Saturdays. */
class WorkingDayCalendarTest {

  private static WorkingDayCalendar springFestival2026() {
    Map<LocalDate, DayKind> days = new HashMap<>();
    days.put(LocalDate.of(2026, 2, 14), DayKind.WORKDAY);
    for (int d = 15; d <= 23; d++) {
      days.put(LocalDate.of(2026, 2, d), DayKind.HOLIDAY);
    }
    days.put(LocalDate.of(2026, 2, 28), DayKind.WORKDAY);
    return new WorkingDayCalendar(days);
  }

  @Test
  void shouldTreatMakeUpSaturdayAsWorkingDayAndFestivalWeekdaysAsRest() {
    WorkingDayCalendar calendar = springFestival2026();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 14)))
        .as("Saturday, make-up workday")
        .isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 16)))
        .as("Monday in the festival")
        .isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 21))).as("plain Saturday").isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 24))).as("Tuesday after").isTrue();
  }

  @Test
  void shouldSkipTheWholeSpringFestival() {
    WorkingDayCalendar calendar = springFestival2026();
    // Thu 12 Feb + 1 = Fri 13; +2 = Sat 14 (make-up); +3 = Tue 24 (15..23 off)
    assertThat(calendar.addWorkingDays(LocalDate.of(2026, 2, 12), 1))
        .isEqualTo(LocalDate.of(2026, 2, 13));
    assertThat(calendar.addWorkingDays(LocalDate.of(2026, 2, 12), 2))
        .isEqualTo(LocalDate.of(2026, 2, 14));
    assertThat(calendar.addWorkingDays(LocalDate.of(2026, 2, 12), 3))
        .isEqualTo(LocalDate.of(2026, 2, 24));
    // Tue 24 + 3 = Fri 27; + 4 = Sat 28 (make-up); + 5 = Mon 2 Mar
    assertThat(calendar.addWorkingDays(LocalDate.of(2026, 2, 24), 3))
        .isEqualTo(LocalDate.of(2026, 2, 27));
    assertThat(calendar.addWorkingDays(LocalDate.of(2026, 2, 24), 4))
        .isEqualTo(LocalDate.of(2026, 2, 28));
    assertThat(calendar.addWorkingDays(LocalDate.of(2026, 2, 24), 5))
        .isEqualTo(LocalDate.of(2026, 3, 2));
  }

  @Test
  void shouldCountWorkingDaysBetweenAndRollZeroForward() {
    WorkingDayCalendar calendar = springFestival2026();
    assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 2, 12), LocalDate.of(2026, 2, 24)))
        .isEqualTo(3);
    assertThat(calendar.addWorkingDays(LocalDate.of(2026, 2, 15), 0))
        .isEqualTo(LocalDate.of(2026, 2, 24));
    assertThat(calendar.addWorkingDays(LocalDate.of(2026, 2, 13), 0))
        .isEqualTo(LocalDate.of(2026, 2, 13));
  }

  @Test
  void shouldFallBackToWeekdaysOutsideTheCalendar() {
    WorkingDayCalendar calendar = new WorkingDayCalendar(Map.of());
    // Fri 2027-01-08 + 1 = Mon 2027-01-11
    assertThat(calendar.addWorkingDays(LocalDate.of(2027, 1, 8), 1))
        .isEqualTo(LocalDate.of(2027, 1, 11));
  }
}
