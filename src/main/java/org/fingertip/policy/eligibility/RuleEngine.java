package org.fingertip.policy.eligibility;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fingertip.policy.standard.StandardType;

/**
 * Evaluates eligibility rules against household facts: pure, no I/O. A rule matches when all its
 * conditions hold (for the household, or for at least one member of a member rule). A near miss is
 * a rule where everything holds except exactly one threshold set by a standard, missed by at most a
 * quarter, e.g. income just above the DIBAO line: that is the "why not" worth telling, while
 * failing a personal condition (not 80 yet, able to work) or being far above a line is simply not
 * relevant.
 */
public final class RuleEngine {

  /** How far past a threshold still counts as a near miss: a quarter of the threshold. */
  static final BigDecimal NEAR_MISS_SHARE = new BigDecimal("0.25");

  private RuleEngine() {}

  public enum Scope {
    HOUSEHOLD,
    MEMBER
  }

  /** A parsed rule; {@code ref} carries whatever the caller needs back (the stored rule). */
  public record Rule<R>(
      String itemCode, Scope scope, List<Condition> conditions, AmountFormula formula, R ref) {

    /** Every standard the rule reads, in order of first use. */
    public Set<StandardType> standards() {
      Set<StandardType> out = new LinkedHashSet<>();
      conditions.stream().filter(c -> c.standard() != null).forEach(c -> out.add(c.standard()));
      out.addAll(formula.standards());
      return out;
    }
  }

  public enum Verdict {
    ELIGIBLE,
    NEAR_MISS,
    NOT_ELIGIBLE,
    NOT_APPLICABLE
  }

  /**
   * @param matchedMembers 0-based indexes of matching members (member rules), or of the member
   *     closest to matching for a near miss
   * @param conditions each condition in words
   * @param reasons why not, for near misses
   */
  public record Outcome<R>(
      Rule<R> rule,
      Verdict verdict,
      List<Integer> matchedMembers,
      AmountFormula.Amount amount,
      List<String> conditions,
      List<String> reasons) {}

  public static <R> Outcome<R> evaluate(
      Rule<R> rule,
      Household household,
      java.time.LocalDate date,
      Map<StandardType, BigDecimal> standards) {
    for (StandardType type : rule.standards()) {
      if (!standards.containsKey(type)) {
        return new Outcome<>(rule, Verdict.NOT_APPLICABLE, List.of(), null, List.of(), List.of());
      }
    }
    List<String> described = rule.conditions().stream().map(c -> c.describe(standards)).toList();
    List<Map<String, Object>> subjects =
        rule.scope() == Scope.HOUSEHOLD
            ? List.of(Facts.household(household))
            : Facts.members(household, date);
    List<Integer> matched = new ArrayList<>();
    int nearIndex = -1;
    List<String> nearReasons = List.of();
    for (int i = 0; i < subjects.size(); i++) {
      Map<String, Object> facts = subjects.get(i);
      List<Condition> failed = new ArrayList<>();
      for (Condition c : rule.conditions()) {
        if (!Boolean.TRUE.equals(c.test(facts, standards))) {
          failed.add(c);
        }
      }
      if (failed.isEmpty()) {
        matched.add(i);
      } else if (nearIndex < 0
          && failed.size() == 1
          && failed.get(0).missedNarrowly(facts, standards, NEAR_MISS_SHARE)) {
        nearIndex = i;
        nearReasons = List.of(failed.get(0).reason(facts, standards));
      }
    }
    Map<String, Object> householdFacts = Facts.household(household);
    if (!matched.isEmpty()) {
      AmountFormula.Amount amount =
          rule.formula().evaluate(householdFacts, matched.size(), standards);
      return new Outcome<>(
          rule,
          Verdict.ELIGIBLE,
          rule.scope() == Scope.MEMBER ? List.copyOf(matched) : List.of(),
          amount,
          described,
          List.of());
    }
    if (nearIndex >= 0) {
      return new Outcome<>(
          rule,
          Verdict.NEAR_MISS,
          rule.scope() == Scope.MEMBER ? List.of(nearIndex) : List.of(),
          null,
          described,
          nearReasons);
    }
    return new Outcome<>(rule, Verdict.NOT_ELIGIBLE, List.of(), null, described, List.of());
  }
}
