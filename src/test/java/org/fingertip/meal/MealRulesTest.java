package org.fingertip.meal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.fingertip.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

/** Pure rules: age bands, special groups, subsidy rule choice, price breakdown, distances. */
class MealRulesTest {

  private static final LocalDate MEAL = LocalDate.of(2026, 11, 23);

  private static LocalDate bornYearsBefore(int years) {
    return MEAL.minusYears(years);
  }

  @Test
  void shouldPlaceEldersInAgeBandsOnTheMealDate() {
    assertThat(Eligibility.ageBand(bornYearsBefore(59), MEAL)).isEmpty();
    // one day short of 60 on the meal date: not yet an elder
    assertThat(Eligibility.ageBand(bornYearsBefore(60).plusDays(1), MEAL)).isEmpty();
    assertThat(Eligibility.ageBand(bornYearsBefore(60), MEAL)).contains(ElderCategory.AGE_60_69);
    assertThat(Eligibility.ageBand(bornYearsBefore(69), MEAL)).contains(ElderCategory.AGE_60_69);
    assertThat(Eligibility.ageBand(bornYearsBefore(70), MEAL)).contains(ElderCategory.AGE_70_79);
    assertThat(Eligibility.ageBand(bornYearsBefore(79), MEAL)).contains(ElderCategory.AGE_70_79);
    assertThat(Eligibility.ageBand(bornYearsBefore(80), MEAL)).contains(ElderCategory.AGE_80_PLUS);
    assertThat(Eligibility.ageBand(LocalDate.of(1966, 2, 28), LocalDate.of(2026, 2, 27))).isEmpty();
  }

  @Test
  void shouldAddSpecialGroupsAndRankThem() {
    List<ElderCategory> c =
        Eligibility.categories(
            bornYearsBefore(82), MEAL, Set.of(ElderFlag.DIBAO, ElderFlag.LIVES_ALONE));
    assertThat(c).containsExactly(ElderCategory.AGE_80_PLUS, ElderCategory.DIBAO);
    assertThat(Eligibility.primary(c)).isEqualTo(ElderCategory.DIBAO);
    assertThat(Eligibility.donationGroup(c)).contains(ElderCategory.DIBAO);
    assertThat(
            Eligibility.donationGroup(
                Eligibility.categories(bornYearsBefore(65), MEAL, Set.of(ElderFlag.DISABLED))))
        .isEmpty();
    assertThat(Eligibility.categories(bornYearsBefore(50), MEAL, Set.of(ElderFlag.TEKUN)))
        .isEmpty();
  }

  @Test
  void shouldChooseTheMostSpecificRuleInForceAndTheBestCategory() {
    List<SubsidyRules.Rule> rules =
        List.of(
            new SubsidyRules.Rule(
                "371400", ElderCategory.AGE_80_PLUS, 500, LocalDate.of(2025, 1, 1), null),
            new SubsidyRules.Rule(
                "371402", ElderCategory.AGE_80_PLUS, 450, LocalDate.of(2025, 1, 1), null),
            new SubsidyRules.Rule(
                "371402",
                ElderCategory.DIBAO,
                600,
                LocalDate.of(2025, 1, 1),
                LocalDate.of(2026, 11, 23)),
            new SubsidyRules.Rule(
                "321300", ElderCategory.AGE_80_PLUS, 900, LocalDate.of(2025, 1, 1), null));
    List<String> lineage = List.of("370000", "371400", "371402");
    // county rule wins over the city rule; a rule of another city never counts
    assertThat(SubsidyRules.perMealFen(rules, lineage, List.of(ElderCategory.AGE_80_PLUS), MEAL))
        .isEqualTo(450);
    // the DIBAO rule ended the day before: [from, to)
    assertThat(
            SubsidyRules.perMealFen(
                rules, lineage, List.of(ElderCategory.AGE_80_PLUS, ElderCategory.DIBAO), MEAL))
        .isEqualTo(450);
    assertThat(
            SubsidyRules.perMealFen(
                rules,
                lineage,
                List.of(ElderCategory.AGE_80_PLUS, ElderCategory.DIBAO),
                MEAL.minusDays(1)))
        .isEqualTo(600);
    assertThat(SubsidyRules.perMealFen(rules, lineage, List.of(ElderCategory.AGE_60_69), MEAL))
        .isZero();
  }

  @Test
  void shouldCapTheSubsidyAtThePriceAndNeverFundBeyondTheElderShare() {
    PriceBreakdown p = PriceBreakdown.of(1500, 500, true);
    assertThat(p.subsidyFen()).isEqualTo(500);
    assertThat(p.payableFen()).isEqualTo(1000);
    PriceBreakdown cheap = PriceBreakdown.of(300, 500, true);
    assertThat(cheap.subsidyFen()).isEqualTo(300);
    assertThat(cheap.payableFen()).isZero();
    PriceBreakdown second = PriceBreakdown.of(1500, 500, false);
    assertThat(second.subsidyFen()).isZero();
    assertThat(second.payableFen()).isEqualTo(1500);
    assertThat(second.note()).contains("原价");
    PriceBreakdown donated = p.withDonation(5000);
    assertThat(donated.donationFen()).isEqualTo(1000);
    assertThat(donated.payableFen()).isZero();
    assertThat(donated.subsidyFen() + donated.donationFen() + donated.payableFen())
        .isEqualTo(donated.dishTotalFen());
  }

  @Test
  void shouldMeasureDistancesAndRefuseBadCoordinates() {
    Geo.Point dezhou = new Geo.Point(37.4392, 116.3089);
    Geo.Point nearby = new Geo.Point(37.4482, 116.3089);
    // 0.009 degrees of latitude is about 1 km
    assertThat(Geo.distanceMetres(dezhou, nearby)).isBetween(990.0, 1010.0);
    assertThat(Geo.parse(" 37.4392 , 116.3089 ", "near")).isEqualTo(dezhou);
    assertThat(Geo.parse(null, "near")).isNull();
    for (String bad : List.of("91,10", "10,181", "abc", "1,2,3", "NaN,1", "37.4")) {
      assertThatThrownBy(() -> Geo.parse(bad, "near")).isInstanceOf(ProblemException.class);
    }
  }

  @Test
  void shouldFormatYuanForTheCsv() {
    assertThat(SettlementService.yuan(123456)).isEqualTo("1234.56");
    assertThat(SettlementService.yuan(5)).isEqualTo("0.05");
  }
}
