package org.fingertip.meal;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * Chooses the government subsidy per meal. For each of the elder's categories the rule in force on
 * the meal date for the most specific region (the canteen's region or its nearest ancestor) counts;
 * the elder gets the largest of those amounts. Pure.
 */
public final class SubsidyRules {

  private SubsidyRules() {}

  /** One effective-dated rule: [from, to), {@code to} null = open ended. */
  public record Rule(
      String regionCode,
      ElderCategory category,
      long amountFen,
      LocalDate effectiveFrom,
      LocalDate effectiveTo) {

    boolean inForceOn(LocalDate date) {
      return !date.isBefore(effectiveFrom) && (effectiveTo == null || date.isBefore(effectiveTo));
    }
  }

  /**
   * @param lineage region codes of the canteen, province first
   */
  public static long perMealFen(
      Collection<Rule> rules,
      List<String> lineage,
      Collection<ElderCategory> categories,
      LocalDate mealDate) {
    long best = 0;
    for (ElderCategory category : categories) {
      Rule chosen = null;
      int depth = -1;
      for (Rule rule : rules) {
        int d = lineage.indexOf(rule.regionCode());
        if (rule.category() == category && d >= 0 && rule.inForceOn(mealDate) && d > depth) {
          chosen = rule;
          depth = d;
        }
      }
      if (chosen != null) {
        best = Math.max(best, chosen.amountFen());
      }
    }
    return best;
  }
}
