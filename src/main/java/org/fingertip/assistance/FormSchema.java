package org.fingertip.assistance;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.fingertip.platform.problem.Problem;

/**
 * The typed form of an assistance item, and the server-side check of a citizen's answers against
 * it. Pure: every rule is unit-tested without HTTP.
 */
public record FormSchema(List<Field> fields) {

  /** Field types the mini-program knows how to render. */
  public enum FieldType {
    STRING,
    TEXT,
    INTEGER,
    MONEY_FEN,
    BOOLEAN,
    DATE,
    ENUM
  }

  /** One choice of an ENUM field. */
  public record Option(String value, String label) {}

  /** One field with its validation rules (null rule = not checked). */
  public record Field(
      String name,
      String label,
      FieldType type,
      boolean required,
      Integer minLength,
      Integer maxLength,
      Long min,
      Long max,
      String pattern,
      String patternMessage,
      List<Option> options) {}

  public FormSchema {
    fields = fields == null ? List.of() : List.copyOf(fields);
  }

  /**
   * Checks and normalises the answers (strings trimmed, integers as {@code Long}). With {@code
   * complete} false (a draft) missing required answers are allowed; everything given must still be
   * valid. Errors name the field as {@code form.<name>}.
   */
  public Map<String, Object> validate(
      Map<String, Object> answers, boolean complete, List<Problem.FieldError> errors) {
    Map<String, Object> given = answers == null ? Map.of() : answers;
    Map<String, Object> clean = new LinkedHashMap<>();
    for (String name : given.keySet()) {
      if (fields.stream().noneMatch(f -> f.name().equals(name))) {
        errors.add(new Problem.FieldError("form." + name, "UNKNOWN_FIELD", "表单中没有这一项"));
      }
    }
    for (Field f : fields) {
      String path = "form." + f.name();
      Object value = given.get(f.name());
      if (value instanceof String s && s.isBlank()) {
        value = null;
      }
      if (value == null) {
        if (complete && f.required()) {
          errors.add(new Problem.FieldError(path, "REQUIRED", "请填写" + f.label()));
        }
        continue;
      }
      Object checked = check(f, value, path, errors);
      if (checked != null) {
        clean.put(f.name(), checked);
      }
    }
    return clean;
  }

  private static Object check(Field f, Object value, String path, List<Problem.FieldError> errors) {
    int before = errors.size();
    switch (f.type()) {
      case STRING, TEXT -> {
        if (!(value instanceof String s)) {
          errors.add(new Problem.FieldError(path, "TYPE_MISMATCH", f.label() + "应为文字"));
          return null;
        }
        String text = s.trim();
        int length = text.codePointCount(0, text.length());
        if (f.minLength() != null && length < f.minLength()) {
          errors.add(
              new Problem.FieldError(path, "TOO_SHORT", f.label() + "至少 " + f.minLength() + " 个字"));
        }
        if (f.maxLength() != null && length > f.maxLength()) {
          errors.add(
              new Problem.FieldError(path, "TOO_LONG", f.label() + "不超过 " + f.maxLength() + " 个字"));
        }
        if (f.pattern() != null && !Pattern.compile(f.pattern()).matcher(text).matches()) {
          errors.add(
              new Problem.FieldError(
                  path,
                  "PATTERN",
                  f.patternMessage() != null ? f.patternMessage() : f.label() + "格式不正确"));
        }
        return errors.size() == before ? text : null;
      }
      case INTEGER, MONEY_FEN -> {
        if (!(value instanceof Integer || value instanceof Long)) {
          errors.add(new Problem.FieldError(path, "TYPE_MISMATCH", f.label() + "应为整数"));
          return null;
        }
        long n = ((Number) value).longValue();
        String unit = f.type() == FieldType.MONEY_FEN ? "分" : "";
        if (f.min() != null && n < f.min()) {
          errors.add(new Problem.FieldError(path, "MIN", f.label() + "不能小于 " + f.min() + unit));
        }
        if (f.max() != null && n > f.max()) {
          errors.add(new Problem.FieldError(path, "MAX", f.label() + "不能大于 " + f.max() + unit));
        }
        return errors.size() == before ? n : null;
      }
      case BOOLEAN -> {
        if (!(value instanceof Boolean)) {
          errors.add(new Problem.FieldError(path, "TYPE_MISMATCH", f.label() + "应为“是”或“否”"));
          return null;
        }
        return value;
      }
      case DATE -> {
        try {
          return LocalDate.parse((String) value).toString();
        } catch (ClassCastException | DateTimeParseException e) {
          errors.add(
              new Problem.FieldError(path, "TYPE_MISMATCH", f.label() + "应为日期，格式 YYYY-MM-DD"));
          return null;
        }
      }
      case ENUM -> {
        List<Option> options = f.options() == null ? List.of() : f.options();
        if (!(value instanceof String s) || options.stream().noneMatch(o -> o.value().equals(s))) {
          List<String> labels = new ArrayList<>();
          options.forEach(o -> labels.add(o.label()));
          errors.add(
              new Problem.FieldError(
                  path, "NOT_AN_OPTION", f.label() + "请从以下选项中选择：" + String.join("、", labels)));
          return null;
        }
        return value;
      }
      default -> throw new IllegalStateException("unknown field type " + f.type());
    }
  }
}
