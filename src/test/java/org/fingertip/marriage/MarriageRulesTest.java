package org.fingertip.marriage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fingertip.identity.IdNumber;
import org.fingertip.platform.calendar.DayKind;
import org.fingertip.platform.calendar.WorkingDayCalendar;
import org.junit.jupiter.api.Test;

/** Pure rules: slot planning under the holiday calendar, legal age, windows, suspension, tokens. */
class MarriageRulesTest {

  private static final WorkingDayCalendar CALENDAR =
      new WorkingDayCalendar(
          Map.of(
              LocalDate.of(2026, 9, 20), DayKind.WORKDAY,
              LocalDate.of(2026, 9, 25), DayKind.HOLIDAY));

  private static final List<SlotPlanner.Window> WEEKDAYS =
      java.util.stream.IntStream.rangeClosed(1, 5)
          .mapToObj(
              d ->
                  new SlotPlanner.Window(
                      d, LocalTime.of(9, 0), LocalTime.of(10, 0), RegistryService.MARRIAGE, 10))
          .toList();

  @Test
  void shouldCloseOnHolidaysAndOpenOnMakeUpWorkdaysWithMondaysPattern() {
    assertThat(SlotPlanner.plan(LocalDate.of(2026, 9, 25), CALENDAR, WEEKDAYS, null)).isEmpty();
    assertThat(SlotPlanner.plan(LocalDate.of(2026, 9, 19), CALENDAR, WEEKDAYS, null)).isEmpty();
    assertThat(SlotPlanner.plan(LocalDate.of(2026, 9, 20), CALENDAR, WEEKDAYS, null))
        .extracting(SlotPlanner.Planned::start, SlotPlanner.Planned::capacity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(LocalTime.of(9, 0), 10));
  }

  @Test
  void shouldAddSpecialDayCapacityExtendedHoursAndOpenAClosedDay() {
    var special =
        new SlotPlanner.Special(LocalDate.of(2026, 9, 26), "为爱加班", 5, true, LocalTime.of(11, 0));
    var planned = SlotPlanner.plan(LocalDate.of(2026, 9, 26), CALENDAR, WEEKDAYS, special);
    assertThat(planned)
        .extracting(
            SlotPlanner.Planned::start, SlotPlanner.Planned::end, SlotPlanner.Planned::capacity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(LocalTime.of(9, 0), LocalTime.of(10, 0), 15),
            org.assertj.core.groups.Tuple.tuple(LocalTime.of(10, 0), LocalTime.of(11, 0), 15));
    var notOpening = new SlotPlanner.Special(LocalDate.of(2026, 9, 25), "x", 5, false, null);
    assertThat(SlotPlanner.plan(LocalDate.of(2026, 9, 25), CALENDAR, WEEKDAYS, notOpening))
        .isEmpty();
  }

  @Test
  void shouldApplyLegalAgesAndDivorceWindows() {
    assertThat(MarriageRules.legalAge(IdNumber.Sex.MALE)).isEqualTo(22);
    assertThat(MarriageRules.legalAge(IdNumber.Sex.FEMALE)).isEqualTo(20);
    LocalDate filed = LocalDate.of(2026, 3, 2);
    assertThat(MarriageRules.lastWithdrawalDay(filed)).isEqualTo(LocalDate.of(2026, 4, 1));
    assertThat(MarriageRules.certificateWindowStart(filed)).isEqualTo(LocalDate.of(2026, 4, 2));
    assertThat(MarriageRules.certificateWindowEnd(filed)).isEqualTo(LocalDate.of(2026, 5, 1));
  }

  @Test
  void shouldSuspendForThirtyDaysAfterThreeNoShowsWithin180Days() {
    LocalDate d1 = LocalDate.of(2026, 1, 10);
    LocalDate d2 = LocalDate.of(2026, 3, 10);
    LocalDate d3 = LocalDate.of(2026, 6, 1);
    assertThat(MarriageRules.suspendedUntil(List.of(d3, d1, d2), d3.plusDays(5)))
        .contains(d3.plusDays(30));
    assertThat(MarriageRules.suspendedUntil(List.of(d1, d2, d3), d3.plusDays(31))).isEmpty();
    // two are not enough; three spread over more than 180 days neither
    assertThat(MarriageRules.suspendedUntil(List.of(d1, d2), d2)).isEmpty();
    assertThat(MarriageRules.suspendedUntil(List.of(d1, d2, d1.plusDays(200)), d1.plusDays(201)))
        .isEmpty();
  }

  @Test
  void shouldVerifyOnlyGenuineCheckInTokens() {
    CheckInTokens tokens = new CheckInTokens("unit-test-key-0123456789abcdefghijkl");
    UUID id = UUID.randomUUID();
    String token = tokens.issue(id);
    assertThat(tokens.verify(token)).contains(id);
    char last = token.charAt(token.length() - 1);
    String forged = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    // even a variant differing only in base64's spare bits is refused
    assertThat(tokens.verify(forged)).isEmpty();
    String other = tokens.issue(UUID.randomUUID());
    String swapped =
        other.substring(0, other.indexOf('.', 4)) + token.substring(token.indexOf('.', 4));
    assertThat(tokens.verify(swapped)).isEmpty();
    assertThat(new CheckInTokens("another-key-0123456789abcdefghijklmnop").verify(token)).isEmpty();
    assertThat(tokens.verify("MR1.garbage")).isEmpty();
    assertThat(tokens.verify(null)).isEmpty();
  }
}
