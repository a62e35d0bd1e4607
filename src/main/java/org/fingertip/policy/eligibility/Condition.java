package org.fingertip.policy.eligibility;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fingertip.policy.standard.StandardType;

/**
 * One line of a rule: {@code fact op operand}, where the operand is a number, {@code true}/{@code
 * false}, a word such as {@code SEMI}, a standard type ({@code DIBAO_MONTHLY}) or a multiple of one
 * ({@code 24 * DIBAO_MONTHLY}). Rules are data; this is their grammar.
 */
public record Condition(
    String text,
    String fact,
    String op,
    BigDecimal number,
    Boolean bool,
    String word,
    BigDecimal multiplier,
    StandardType standard) {

  private static final Pattern LINE =
      Pattern.compile("^\\s*([a-zA-Z]+)\\s*(<=|>=|!=|<|>|=)\\s*(.+?)\\s*$");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
  private static final Pattern TIMES_STANDARD =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*\\*\\s*([A-Z][A-Z_]*)");
  private static final Pattern WORD = Pattern.compile("[A-Z][A-Z_]*");

  public static Condition parse(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      throw new IllegalArgumentException("条件格式应为「事实 运算符 值」：" + line);
    }
    String fact = m.group(1);
    if (!Facts.isKnown(fact)) {
      throw new IllegalArgumentException("未知的事实：" + fact);
    }
    String op = m.group(2);
    String operand = m.group(3);
    Matcher times = TIMES_STANDARD.matcher(operand);
    if (operand.equals("true") || operand.equals("false")) {
      requireEquality(op, line);
      return new Condition(
          line.strip(), fact, op, null, Boolean.valueOf(operand), null, null, null);
    }
    if (NUMBER.matcher(operand).matches()) {
      return new Condition(line.strip(), fact, op, new BigDecimal(operand), null, null, null, null);
    }
    if (times.matches()) {
      StandardType type = StandardType.find(times.group(2));
      if (type == null) {
        throw new IllegalArgumentException("未知的标准类型：" + times.group(2));
      }
      return new Condition(
          line.strip(), fact, op, null, null, null, new BigDecimal(times.group(1)), type);
    }
    if (WORD.matcher(operand).matches()) {
      StandardType type = StandardType.find(operand);
      if (type != null) {
        return new Condition(line.strip(), fact, op, null, null, null, BigDecimal.ONE, type);
      }
      requireEquality(op, line);
      return new Condition(line.strip(), fact, op, null, null, operand, null, null);
    }
    throw new IllegalArgumentException("无法识别的条件值：" + line);
  }

  private static void requireEquality(String op, String line) {
    if (!op.equals("=") && !op.equals("!=")) {
      throw new IllegalArgumentException("是/否和枚举值只能用 = 或 != 比较：" + line);
    }
  }

  /** The threshold this condition compares against, or null when it names no standard. */
  BigDecimal threshold(Map<StandardType, BigDecimal> standards) {
    if (standard != null) {
      BigDecimal value = standards.get(standard);
      return value == null ? null : value.multiply(multiplier);
    }
    return number;
  }

  /** Whether the facts satisfy this condition; null when a needed standard is missing. */
  Boolean test(Map<String, Object> facts, Map<StandardType, BigDecimal> standards) {
    Object actual = facts.get(fact);
    if (bool != null || word != null) {
      Object expected = bool != null ? bool : word;
      boolean equal = expected.equals(actual instanceof Enum<?> e ? e.name() : actual);
      return op.equals("=") == equal;
    }
    BigDecimal limit = threshold(standards);
    if (limit == null) {
      return null;
    }
    BigDecimal value = new BigDecimal(String.valueOf(actual));
    int c = value.compareTo(limit);
    return switch (op) {
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      case ">=" -> c >= 0;
      case "=" -> c == 0;
      default -> c != 0;
    };
  }

  /**
   * Whether a failed threshold was missed by at most {@code share} of the threshold (income 700 元
   * against a 630 元 line is near; 2,000 元 is not).
   */
  boolean missedNarrowly(
      Map<String, Object> facts, Map<StandardType, BigDecimal> standards, BigDecimal share) {
    BigDecimal limit = threshold(standards);
    Object actual = facts.get(fact);
    if (limit == null || standard == null || !(actual instanceof Number)) {
      return false;
    }
    BigDecimal distance = new BigDecimal(String.valueOf(actual)).subtract(limit).abs();
    return distance.compareTo(limit.abs().multiply(share)) <= 0;
  }

  /** The condition in words, with the threshold resolved: 家庭人均月收入低于 630.00 元（最低生活保障标准）. */
  String describe(Map<StandardType, BigDecimal> standards) {
    String left = Facts.label(fact);
    String verb =
        switch (op) {
          case "<" -> "低于";
          case "<=" -> "不高于";
          case ">" -> "高于";
          case ">=" -> "不低于";
          case "=" -> "为";
          default -> "不为";
        };
    if (bool != null) {
      return (bool == op.equals("=")) ? left : "不" + left.replaceFirst("^有", "具有");
    }
    if (word != null) {
      return left + verb + " " + Facts.wordLabel(word);
    }
    BigDecimal limit = threshold(standards);
    String amount = Facts.format(fact, limit);
    if (standard == null) {
      return left + verb + " " + amount;
    }
    String name =
        (multiplier.compareTo(BigDecimal.ONE) == 0
                ? ""
                : multiplier.stripTrailingZeros().toPlainString() + " 倍")
            + standard.label();
    return left + verb + " " + amount + "（" + name + "）";
  }

  /** Why the facts fail this condition: 家庭人均月收入为 700.00 元，未满足「低于 630.00 元（…）」. */
  String reason(Map<String, Object> facts, Map<StandardType, BigDecimal> standards) {
    Object actual = facts.get(fact);
    String value =
        actual instanceof Boolean b
            ? (b ? "是" : "否")
            : actual instanceof Enum<?> e
                ? Facts.wordLabel(e.name())
                : Facts.format(fact, new BigDecimal(String.valueOf(actual)));
    return Facts.label(fact) + "为 " + value + "，未满足「" + describe(standards) + "」";
  }
}
