package org.fingertip.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.fingertip.policy.eligibility.AmountFormula;
import org.fingertip.policy.eligibility.Condition;
import org.fingertip.policy.eligibility.Household;
import org.fingertip.policy.eligibility.RuleEngine;
import org.fingertip.policy.eligibility.RuleEngine.Verdict;
import org.fingertip.policy.standard.Regional;
import org.fingertip.policy.standard.StandardType;
import org.junit.jupiter.api.Test;

/** The eligibility engine and the region inheritance rule, without HTTP or database. */
class RuleEngineTest {

  private static final LocalDate DAY = LocalDate.of(2025, 1, 1);
  private static final Map<StandardType, BigDecimal> SUQIAN =
      Map.of(
          StandardType.DIBAO_MONTHLY, BigDecimal.valueOf(63000),
          StandardType.TEKUN_RURAL_YEARLY, BigDecimal.valueOf(982800),
          StandardType.TEKUN_DIBAO_MULTIPLIER, new BigDecimal("1.3"));

  private static RuleEngine.Rule<String> rule(
      RuleEngine.Scope scope, String formula, String... conditions) {
    return new RuleEngine.Rule<>(
        "ITEM",
        scope,
        Arrays.stream(conditions).map(Condition::parse).toList(),
        AmountFormula.parse(formula),
        "ref");
  }

  private static Household household(Household.Member... members) {
    return new Household("321300", DAY, List.of(members), null, null, null);
  }

  private static Household.Member member(int age, long incomeFen) {
    return new Household.Member(null, age, null, null, null, incomeFen, null, null);
  }

  private static final RuleEngine.Rule<String> DIBAO =
      rule(
          RuleEngine.Scope.HOUSEHOLD,
          "GAP_TIMES_MEMBERS DIBAO_MONTHLY",
          "perCapitaIncomeFen < DIBAO_MONTHLY",
          "perCapitaAssetsFen <= 24 * DIBAO_MONTHLY");

  @Test
  void shouldPayTheDibaoGapTimesMembers() {
    var outcome =
        RuleEngine.evaluate(DIBAO, household(member(40, 50000), member(10, 0)), DAY, SUQIAN);
    assertThat(outcome.verdict()).isEqualTo(Verdict.ELIGIBLE);
    assertThat(outcome.amount().monthlyFen()).isEqualTo((63000 - 25000) * 2);
  }

  @Test
  void shouldCallIncomeJustAboveTheLineANearMissButNotIncomeFarAbove() {
    var near = RuleEngine.evaluate(DIBAO, household(member(40, 70000)), DAY, SUQIAN);
    assertThat(near.verdict()).isEqualTo(Verdict.NEAR_MISS);
    assertThat(near.reasons()).singleElement().asString().contains("700.00 元").contains("630.00 元");
    var far = RuleEngine.evaluate(DIBAO, household(member(40, 200000)), DAY, SUQIAN);
    assertThat(far.verdict()).isEqualTo(Verdict.NOT_ELIGIBLE);
  }

  @Test
  void shouldEvaluateMemberRulesPerMember() {
    var tekun =
        rule(
            RuleEngine.Scope.MEMBER,
            "PER_MEMBER TEKUN_DIBAO_MULTIPLIER * DIBAO_MONTHLY",
            "ableToWork = false",
            "hasLiableSupporter = false",
            "monthlyIncomeFen < DIBAO_MONTHLY");
    var alone = new Household.Member(null, 70, null, false, null, 0L, false, null);
    var outcome = RuleEngine.evaluate(tekun, household(member(40, 0), alone), DAY, SUQIAN);
    assertThat(outcome.verdict()).isEqualTo(Verdict.ELIGIBLE);
    assertThat(outcome.matchedMembers()).containsExactly(1);
    assertThat(outcome.amount().monthlyFen()).isEqualTo(81900);
  }

  @Test
  void shouldTurnYearlyStandardsIntoMonthlyAmounts() {
    var longevity = rule(RuleEngine.Scope.MEMBER, "PER_MEMBER TEKUN_RURAL_YEARLY", "age >= 80");
    var born =
        new Household.Member(LocalDate.of(1944, 12, 31), null, null, null, null, null, null, null);
    var outcome = RuleEngine.evaluate(longevity, household(born, member(85, 0)), DAY, SUQIAN);
    assertThat(outcome.matchedMembers()).containsExactly(0, 1);
    assertThat(outcome.amount().monthlyFen()).isEqualTo(81900 * 2);
  }

  @Test
  void shouldSkipRulesWhoseStandardTheRegionDoesNotSet() {
    var longevity = rule(RuleEngine.Scope.MEMBER, "PER_MEMBER LONGEVITY_MONTHLY", "age >= 80");
    assertThat(RuleEngine.evaluate(longevity, household(member(90, 0)), DAY, SUQIAN).verdict())
        .isEqualTo(Verdict.NOT_APPLICABLE);
  }

  @Test
  void shouldRefuseMalformedRules() {
    assertThatThrownBy(() -> Condition.parse("salary < 100")).hasMessageContaining("未知的事实");
    assertThatThrownBy(() -> Condition.parse("age >> 80"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Condition.parse("ableToWork < true")).hasMessageContaining("=");
    assertThatThrownBy(() -> AmountFormula.parse("TIMES DIBAO_MONTHLY"))
        .hasMessageContaining("未知的金额公式");
    assertThatThrownBy(() -> AmountFormula.parse("GAP_TIMES_MEMBERS 2 * DIBAO_MONTHLY"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  record Row(String region, LocalDate from, long value) {}

  @Test
  void shouldResolveFromTheNearestRegionThatHasSomethingInForce() {
    var lineage = List.of("320000", "321300", "321302");
    var rows =
        List.of(
            new Row("320000", LocalDate.of(2015, 1, 1), 1),
            new Row("321300", LocalDate.of(2022, 7, 1), 62000),
            new Row("321300", LocalDate.of(2023, 7, 1), 63000));
    var resolved =
        Regional.resolve(lineage, rows, LocalDate.of(2023, 6, 30), Row::region, Row::from)
            .orElseThrow();
    assertThat(resolved.inForce().value()).isEqualTo(62000);
    assertThat(resolved.regionCode()).isEqualTo("321300");
    assertThat(resolved.history()).extracting(Row::value).containsExactly(62000L, 63000L);
    // before the city set anything, the province's row applies
    assertThat(
            Regional.resolve(lineage, rows, LocalDate.of(2020, 1, 1), Row::region, Row::from)
                .orElseThrow()
                .inForce()
                .value())
        .isEqualTo(1);
    assertThat(Regional.resolve(lineage, rows, LocalDate.of(2014, 1, 1), Row::region, Row::from))
        .isEmpty();
  }
}
