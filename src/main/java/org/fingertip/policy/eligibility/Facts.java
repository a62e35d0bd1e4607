package org.fingertip.policy.eligibility;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vocabulary rules may use, and the values of a household for it. Household facts are visible
 * to member rules as well.
 */
public final class Facts {

  private static final Map<String, String> LABELS = new LinkedHashMap<>();

  static {
    LABELS.put("members", "家庭人口");
    LABELS.put("totalIncomeFen", "家庭月总收入");
    LABELS.put("perCapitaIncomeFen", "家庭人均月收入");
    LABELS.put("assetsFen", "家庭金融资产");
    LABELS.put("perCapitaAssetsFen", "家庭人均金融资产");
    LABELS.put("rigidExpensesFen", "家庭每月刚性支出");
    LABELS.put("perCapitaIncomeAfterExpensesFen", "扣除刚性支出后的家庭人均月收入");
    LABELS.put("age", "年龄");
    LABELS.put("disabilityGrade", "残疾等级");
    LABELS.put("ableToWork", "有劳动能力");
    LABELS.put("inSchool", "在校就读");
    LABELS.put("monthlyIncomeFen", "本人月收入");
    LABELS.put("hasLiableSupporter", "有能履行义务的法定赡养、抚养、扶养人");
    LABELS.put("careDependency", "生活自理能力");
  }

  private static final Map<String, String> WORDS =
      Map.of("NONE", "能自理", "SEMI", "半自理", "FULL", "全护理（不能自理）");

  private Facts() {}

  static boolean isKnown(String fact) {
    return LABELS.containsKey(fact);
  }

  static String label(String fact) {
    return LABELS.getOrDefault(fact, fact);
  }

  static String wordLabel(String word) {
    return WORDS.getOrDefault(word, word);
  }

  /** A value in the unit of its fact: yuan with two decimals for money, years for age. */
  static String format(String fact, BigDecimal value) {
    if (value == null) {
      return "（未设定）";
    }
    if (fact.endsWith("Fen")) {
      return value.movePointLeft(2).setScale(2, RoundingMode.HALF_UP).toPlainString() + " 元";
    }
    String plain = value.stripTrailingZeros().toPlainString();
    return switch (fact) {
      case "age" -> plain + " 周岁";
      case "members" -> plain + " 人";
      case "disabilityGrade" -> plain + " 级";
      default -> plain;
    };
  }

  /** Household-level facts. */
  static Map<String, Object> household(Household h) {
    int members = h.members().size();
    long memberIncome =
        h.members().stream()
            .mapToLong(m -> m.monthlyIncomeFen() == null ? 0 : m.monthlyIncomeFen())
            .sum();
    long total = memberIncome + orZero(h.otherMonthlyIncomeFen());
    long assets = orZero(h.assetsFen());
    long rigid =
        h.rigidExpenses() == null
            ? 0
            : orZero(h.rigidExpenses().medicalMonthlyFen())
                + orZero(h.rigidExpenses().schoolingMonthlyFen());
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("members", members);
    facts.put("totalIncomeFen", total);
    facts.put("perCapitaIncomeFen", total / members);
    facts.put("assetsFen", assets);
    facts.put("perCapitaAssetsFen", assets / members);
    facts.put("rigidExpensesFen", rigid);
    facts.put("perCapitaIncomeAfterExpensesFen", Math.max(0, total - rigid) / members);
    return facts;
  }

  /** Facts of each member (household facts included), ages computed on {@code date}. */
  static List<Map<String, Object>> members(Household h, LocalDate date) {
    Map<String, Object> household = household(h);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Household.Member m : h.members()) {
      Map<String, Object> facts = new LinkedHashMap<>(household);
      facts.put("age", ageOf(m, date));
      facts.put("disabilityGrade", m.disabilityGrade() == null ? 0 : m.disabilityGrade());
      facts.put("ableToWork", m.ableToWork() == null || m.ableToWork());
      facts.put("inSchool", m.inSchool() != null && m.inSchool());
      facts.put("monthlyIncomeFen", orZero(m.monthlyIncomeFen()));
      facts.put("hasLiableSupporter", m.hasLiableSupporter() == null || m.hasLiableSupporter());
      facts.put(
          "careDependency",
          m.careDependency() == null ? Household.CareDependency.NONE : m.careDependency());
      out.add(facts);
    }
    return out;
  }

  static int ageOf(Household.Member m, LocalDate date) {
    if (m.birthDate() != null) {
      return Period.between(m.birthDate(), date).getYears();
    }
    return m.age();
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
