package org.fingertip.platform.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.fingertip.platform.problem.ProblemException;

/**
 * Query parameters are taken as text and parsed here: JAX-RS would answer an unparsable one with a
 * bare 404, where the user deserves to hear which parameter is wrong.
 */
public final class Params {

  private Params() {}

  public static LocalDate date(String value, String field) {
    if (value == null || value.isBlank()) {
      throw ProblemException.invalidField(field, "REQUIRED", "请提供日期，格式为 YYYY-MM-DD");
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw ProblemException.invalidField(field, "FORMAT", "日期格式应为 YYYY-MM-DD，且须为真实日期");
    }
  }

  public static LocalDate dateOr(String value, String field, LocalDate fallback) {
    return value == null || value.isBlank() ? fallback : date(value, field);
  }

  public static int integer(String value, String field, int min, int max) {
    if (value == null || value.isBlank()) {
      throw ProblemException.invalidField(field, "REQUIRED", "请提供整数参数 " + field);
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed < min || parsed > max) {
        throw ProblemException.invalidField(field, "RANGE", "应在 " + min + " 到 " + max + " 之间");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw ProblemException.invalidField(field, "TYPE_MISMATCH", "应为整数");
    }
  }
}
