package org.fingertip.meal;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Who is an elder on a meal date, and in which categories. Pure: age comes from the birth date in
 * the ID number, special groups from the caseworker's flags.
 */
public final class Eligibility {

  public static final int ELDER_AGE = 60;

  /** Donation pools fund these groups, in this order of priority. */
  static final List<ElderCategory> DONATION_PRIORITY =
      List.of(ElderCategory.TEKUN, ElderCategory.DIBAO, ElderCategory.AGE_80_PLUS);

  private Eligibility() {}

  /**
   * Completed years on {@code date} (a person born on 29 February turns a year older on 1 March).
   */
  public static int ageOn(LocalDate birthDate, LocalDate date) {
    return Period.between(birthDate, date).getYears();
  }

  /** The age band on the meal date; empty under 60. */
  public static Optional<ElderCategory> ageBand(LocalDate birthDate, LocalDate mealDate) {
    int age = ageOn(birthDate, mealDate);
    if (age < ELDER_AGE) {
      return Optional.empty();
    }
    if (age < 70) {
      return Optional.of(ElderCategory.AGE_60_69);
    }
    if (age < 80) {
      return Optional.of(ElderCategory.AGE_70_79);
    }
    return Optional.of(ElderCategory.AGE_80_PLUS);
  }

  /** All categories of an elder on the meal date (age band first); empty when not an elder. */
  public static List<ElderCategory> categories(
      LocalDate birthDate, LocalDate mealDate, Collection<ElderFlag> flags) {
    Optional<ElderCategory> band = ageBand(birthDate, mealDate);
    if (band.isEmpty()) {
      return List.of();
    }
    List<ElderCategory> result = new ArrayList<>();
    result.add(band.get());
    if (flags.contains(ElderFlag.TEKUN)) {
      result.add(ElderCategory.TEKUN);
    }
    if (flags.contains(ElderFlag.DIBAO)) {
      result.add(ElderCategory.DIBAO);
    }
    if (flags.contains(ElderFlag.DISABLED)) {
      result.add(ElderCategory.DISABLED);
    }
    return result;
  }

  /** The category an order is settled under: a special group before the age band. */
  public static ElderCategory primary(List<ElderCategory> categories) {
    for (ElderCategory c :
        List.of(ElderCategory.TEKUN, ElderCategory.DIBAO, ElderCategory.DISABLED)) {
      if (categories.contains(c)) {
        return c;
      }
    }
    return categories.get(0);
  }

  /**
   * Quarters of each pledge kept back for the groups before this one: TEKUN may use all of a
   * pledge, DIBAO all but the last quarter, other 80+ elders all but the last half. So when pools
   * run low, what is left goes to TEKUN first, then DIBAO, then 80+.
   */
  public static int donationReserveQuarters(ElderCategory group) {
    return switch (group) {
      case TEKUN -> 0;
      case DIBAO -> 1;
      default -> 2;
    };
  }

  /** The elder's donation group (TEKUN, DIBAO, 80+), highest priority first; empty if none. */
  public static Optional<ElderCategory> donationGroup(List<ElderCategory> categories) {
    return DONATION_PRIORITY.stream().filter(categories::contains).findFirst();
  }
}
