package org.fingertip.policy.household;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fingertip.policy.eligibility.EligibilityService.ItemResult;
import org.fingertip.policy.eligibility.EligibilityService.UsedStandard;
import org.fingertip.policy.standard.StandardType;

/**
 * What a "new match" is and what the citizen is told: pure, unit-tested. An item is new when it
 * matches now and did not at the last evaluation; the notice names the item, the standard that
 * decided (the one the change set, when the item uses it) with its amount in yuan, and the date it
 * takes effect. The dedup key pins household, item, rule and standard version, so re-running a job
 * or repeating a change never notifies twice.
 */
final class NewMatchNotice {

  static final String TEMPLATE = "POLICY_NEW_MATCH";

  private NewMatchNotice() {}

  /** Items eligible now that were not at the last evaluation, in result order. */
  static List<ItemResult> newlyEligible(List<String> before, List<ItemResult> now) {
    return now.stream().filter(i -> !before.contains(i.itemCode())).toList();
  }

  /**
   * The standard to name: the type the change set (cause {@code STANDARD:<type>:<id>}) when the
   * item uses it, else the item's first amount, else its first standard; null when it uses none.
   */
  static UsedStandard standardOf(ItemResult item, String cause) {
    if (item.standards() == null || item.standards().isEmpty()) {
      return null;
    }
    String[] parts = cause == null ? new String[0] : cause.split(":");
    if (parts.length >= 2 && parts[0].equals("STANDARD")) {
      for (UsedStandard s : item.standards()) {
        if (s.type().name().equals(parts[1])) {
          return s;
        }
      }
    }
    return item.standards().stream()
        .filter(s -> s.amountFen() != null)
        .findFirst()
        .orElse(item.standards().get(0));
  }

  static Map<String, Object> params(ItemResult item, UsedStandard standard, LocalDate asOf) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("itemCode", item.itemCode());
    params.put("itemName", item.itemName());
    params.put("asOf", asOf.toString());
    if (standard != null) {
      params.put("standardType", standard.type().name());
      params.put("standardLabel", standard.label());
      params.put("standardAmount", amount(standard));
      params.put("effectiveFrom", standard.effectiveFrom().toString());
      if (standard.setByRegionName() != null) {
        params.put("setByRegion", standard.setByRegionName());
      }
    }
    if (item.estimatedMonthlyFen() != null) {
      params.put("estimatedMonthly", yuan(item.estimatedMonthlyFen()) + " 元");
    }
    return params;
  }

  static String dedupKey(UUID citizenId, ItemResult item, UsedStandard standard) {
    String version =
        standard == null
            ? "-"
            : standard.type().name()
                + "@"
                + standard.setByRegionCode()
                + "@"
                + standard.effectiveFrom();
    return "policy-match:"
        + citizenId
        + ":"
        + item.itemCode()
        + ":"
        + (item.rule() == null ? "-" : item.rule().id())
        + ":"
        + version;
  }

  /** 90000 fen → "900.00 元/月"; factors read "1.3 倍". */
  static String amount(UsedStandard s) {
    if (s.type().isFactor()) {
      return s.factor().stripTrailingZeros().toPlainString() + " 倍";
    }
    String per = s.type().unit() == StandardType.Unit.FEN_PER_YEAR ? "元/年" : "元/月";
    return yuan(s.amountFen()) + " " + per;
  }

  static String yuan(long fen) {
    return BigDecimal.valueOf(fen)
        .movePointLeft(2)
        .setScale(2, RoundingMode.HALF_UP)
        .toPlainString();
  }
}
