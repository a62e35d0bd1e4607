package org.fingertip.policy.household;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.fingertip.notification.Templates;
import org.fingertip.policy.eligibility.EligibilityService.ItemResult;
import org.fingertip.policy.eligibility.EligibilityService.RuleView;
import org.fingertip.policy.eligibility.EligibilityService.UsedStandard;
import org.fingertip.policy.eligibility.Household;
import org.fingertip.policy.standard.StandardType;
import org.junit.jupiter.api.Test;

/** The pure rules of a "new match" and its notice, without HTTP or a database. */
class NewMatchNoticeTest {

  private static final LocalDate JAN = LocalDate.of(2027, 1, 1);
  private static final UUID CITIZEN = UUID.fromString("00000000-0000-0000-0000-000000000042");

  private static UsedStandard dibao(long fen, LocalDate from) {
    return new UsedStandard(
        StandardType.DIBAO_MONTHLY, "最低生活保障标准", fen, null, from, "340200", "芜湖市", null);
  }

  private static final UsedStandard MULTIPLIER =
      new UsedStandard(
          StandardType.TEKUN_DIBAO_MULTIPLIER,
          "特困人员基本生活标准相当于低保标准的倍数",
          null,
          new BigDecimal("1.300"),
          JAN,
          "340207",
          "鸠江区",
          null);

  private static ItemResult item(String code, String name, long ruleId, UsedStandard... used) {
    return new ItemResult(
        code,
        name,
        new RuleView(ruleId, "340200", "说明", List.of(), "NONE", null),
        List.of(used),
        20000L,
        null,
        List.of(),
        List.of());
  }

  @Test
  void shouldCountOnlyItemsThatDidNotMatchLastTime() {
    var dibao = item("DIBAO", "最低生活保障", 4, dibao(90000, JAN));
    var longevity = item("LONGEVITY", "高龄津贴", 9);
    assertThat(NewMatchNotice.newlyEligible(List.of("DIBAO"), List.of(dibao, longevity)))
        .extracting(ItemResult::itemCode)
        .containsExactly("LONGEVITY");
    assertThat(NewMatchNotice.newlyEligible(List.of("DIBAO", "LONGEVITY"), List.of(dibao)))
        .isEmpty();
  }

  @Test
  void shouldNameTheStandardTheChangeSetElseTheFirstAmount() {
    var tekun = item("TEKUN", "特困人员救助供养", 6, MULTIPLIER, dibao(69000, JAN));
    assertThat(NewMatchNotice.standardOf(tekun, "STANDARD:TEKUN_DIBAO_MULTIPLIER:7"))
        .isSameAs(MULTIPLIER);
    assertThat(NewMatchNotice.standardOf(tekun, "RULE:6").type())
        .isEqualTo(StandardType.DIBAO_MONTHLY);
    assertThat(NewMatchNotice.standardOf(tekun, "STANDARD:LONGEVITY_MONTHLY:3").amountFen())
        .isEqualTo(69000L);
    assertThat(NewMatchNotice.standardOf(item("X", "无标准", 1), "RULE:1")).isNull();
  }

  @Test
  void shouldWriteAmountsInYuanWithTheirPeriod() {
    assertThat(NewMatchNotice.amount(dibao(90000, JAN))).isEqualTo("900.00 元/月");
    assertThat(
            NewMatchNotice.amount(
                new UsedStandard(
                    StandardType.TEKUN_RURAL_YEARLY,
                    "农村特困",
                    982800L,
                    null,
                    JAN,
                    "321300",
                    "宿迁市",
                    null)))
        .isEqualTo("9828.00 元/年");
    assertThat(NewMatchNotice.amount(MULTIPLIER)).isEqualTo("1.3 倍");
  }

  @Test
  void shouldKeyNoticesByHouseholdItemRuleAndStandardVersion() {
    var jan = item("DIBAO", "最低生活保障", 4, dibao(90000, JAN));
    var july = item("DIBAO", "最低生活保障", 4, dibao(90000, LocalDate.of(2027, 7, 1)));
    String key = NewMatchNotice.dedupKey(CITIZEN, jan, jan.standards().get(0));
    assertThat(key)
        .isEqualTo(NewMatchNotice.dedupKey(CITIZEN, jan, jan.standards().get(0)))
        .isNotEqualTo(NewMatchNotice.dedupKey(CITIZEN, july, july.standards().get(0)))
        .isNotEqualTo(NewMatchNotice.dedupKey(UUID.randomUUID(), jan, jan.standards().get(0)))
        .hasSizeLessThanOrEqualTo(200);
  }

  @Test
  void shouldRenderAnInboxMessageNamingItemStandardAmountAndDate() {
    var dibao = item("DIBAO", "最低生活保障", 4, dibao(90000, JAN));
    Map<String, Object> params = NewMatchNotice.params(dibao, dibao.standards().get(0), JAN);
    var rendered = Templates.render(NewMatchNotice.TEMPLATE, params);
    assertThat(rendered.title()).contains("政策找人");
    assertThat(rendered.body())
        .contains("“最低生活保障”")
        .contains("芜湖市最低生活保障标准自 2027-01-01 起为 900.00 元/月")
        .contains("预计每月 200.00 元");
  }

  /** The saved-facts body must validate its facts exactly as the check route's body does. */
  @Test
  void shouldMirrorTheCheckRoutesConstraintsOneForOne() {
    for (RecordComponent check : Household.class.getRecordComponents()) {
      RecordComponent saved =
          Arrays.stream(HouseholdFactsInput.class.getRecordComponents())
              .filter(c -> c.getName().equals(check.getName()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("missing " + check.getName()));
      assertThat(saved.getGenericType()).as(check.getName()).isEqualTo(check.getGenericType());
      assertThat(annotations(saved)).as(check.getName()).isEqualTo(annotations(check));
      assertThat(saved.getAnnotatedType().toString())
          .as(check.getName())
          .isEqualTo(check.getAnnotatedType().toString());
    }
  }

  private static Set<String> annotations(RecordComponent c) {
    return Arrays.stream(c.getAccessor().getAnnotations())
        .map(Annotation::toString)
        .collect(Collectors.toSet());
  }
}
