package org.fingertip.policy.eligibility;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fingertip.policy.standard.StandardType;

/**
 * How a rule estimates an amount, as data:
 *
 * <ul>
 *   <li>{@code GAP_TIMES_MEMBERS DIBAO_MONTHLY}: (standard − per-capita income) × members, monthly
 *   <li>{@code PER_MEMBER TEKUN_DIBAO_MULTIPLIER * DIBAO_MONTHLY}: the product for each matching
 *       member, monthly (yearly standards count one twelfth)
 *   <li>{@code ONE_OFF_CAP TEMP_ASSISTANCE_CAP_MULTIPLIER * DIBAO_MONTHLY}: an upper bound of a
 *       one-off payment
 *   <li>{@code NONE}: the rule states eligibility only
 * </ul>
 */
public record AmountFormula(String text, Kind kind, List<Object> terms) {

  public enum Kind {
    GAP_TIMES_MEMBERS,
    PER_MEMBER,
    ONE_OFF_CAP,
    NONE
  }

  /** An estimate: monthly, one-off cap, or neither. */
  public record Amount(Long monthlyFen, Long oneOffCapFen) {}

  public static AmountFormula parse(String text) {
    String[] parts = text.strip().split("\\s+", 2);
    Kind kind;
    try {
      kind = Kind.valueOf(parts[0]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("未知的金额公式：" + text);
    }
    List<Object> terms = new ArrayList<>();
    if (kind != Kind.NONE) {
      if (parts.length < 2) {
        throw new IllegalArgumentException("金额公式缺少标准或数值：" + text);
      }
      for (String term : parts[1].split("\\*")) {
        String t = term.strip();
        StandardType type = StandardType.find(t);
        if (type != null) {
          terms.add(type);
        } else if (t.matches("\\d+(\\.\\d+)?")) {
          terms.add(new BigDecimal(t));
        } else {
          throw new IllegalArgumentException("金额公式中无法识别：" + t);
        }
      }
      if (kind == Kind.GAP_TIMES_MEMBERS
          && (terms.size() != 1 || !(terms.get(0) instanceof StandardType))) {
        throw new IllegalArgumentException("GAP_TIMES_MEMBERS 只接受一个标准类型：" + text);
      }
    }
    return new AmountFormula(text.strip(), kind, List.copyOf(terms));
  }

  public List<StandardType> standards() {
    return terms.stream()
        .filter(StandardType.class::isInstance)
        .map(StandardType.class::cast)
        .toList();
  }

  /** The estimate; null when a standard it needs is not set for the region. */
  Amount evaluate(
      Map<String, Object> household, int matchingMembers, Map<StandardType, BigDecimal> standards) {
    if (kind == Kind.NONE) {
      return new Amount(null, null);
    }
    BigDecimal product = BigDecimal.ONE;
    for (Object term : terms) {
      if (term instanceof StandardType type) {
        BigDecimal value = standards.get(type);
        if (value == null) {
          return null;
        }
        if (type.unit() == StandardType.Unit.FEN_PER_YEAR && kind != Kind.ONE_OFF_CAP) {
          value = value.divide(BigDecimal.valueOf(12), 4, RoundingMode.HALF_UP);
        }
        product = product.multiply(value);
      } else {
        product = product.multiply((BigDecimal) term);
      }
    }
    return switch (kind) {
      case GAP_TIMES_MEMBERS -> {
        long perCapita = ((Number) household.get("perCapitaIncomeFen")).longValue();
        int members = ((Number) household.get("members")).intValue();
        long gap = Math.max(0, product.setScale(0, RoundingMode.HALF_UP).longValue() - perCapita);
        yield new Amount(gap * members, null);
      }
      case PER_MEMBER ->
          new Amount(
              product.setScale(0, RoundingMode.HALF_UP).longValue() * Math.max(1, matchingMembers),
              null);
      case ONE_OFF_CAP -> new Amount(null, product.setScale(0, RoundingMode.HALF_UP).longValue());
      case NONE -> new Amount(null, null);
    };
  }
}
