package org.fingertip.platform.problem;

import java.util.List;
import java.util.Map;

/**
 * A failure the client should see: HTTP status, stable code and a zh-CN detail. Services raise it
 * (usually with Mutiny's {@code failWith}); {@link ProblemMappers} turns it into problem+json.
 */
public class ProblemException extends RuntimeException {

  private final int status;
  private final String code;
  private final List<Problem.FieldError> errors;
  private final Map<String, Object> extensions;
  private final Map<String, String> headers;

  public ProblemException(int status, String code, String detail) {
    this(status, code, detail, List.of(), Map.of(), Map.of());
  }

  public ProblemException(
      int status,
      String code,
      String detail,
      List<Problem.FieldError> errors,
      Map<String, Object> extensions,
      Map<String, String> headers) {
    super(code + ": " + detail, null, false, false);
    this.status = status;
    this.code = code;
    this.errors = List.copyOf(errors);
    this.extensions = Map.copyOf(extensions);
    this.headers = Map.copyOf(headers);
  }

  public static ProblemException badRequest(String code, String detail) {
    return new ProblemException(400, code, detail);
  }

  public static ProblemException notFound(String code, String detail) {
    return new ProblemException(404, code, detail);
  }

  public static ProblemException forbidden(String code, String detail) {
    return new ProblemException(403, code, detail);
  }

  public static ProblemException conflict(String code, String detail) {
    return new ProblemException(409, code, detail);
  }

  public static ProblemException unprocessable(String code, String detail) {
    return new ProblemException(422, code, detail);
  }

  /** A single invalid field, reported like a bean-validation failure. */
  public static ProblemException invalidField(String field, String code, String message) {
    return validation(List.of(new Problem.FieldError(field, code, message)));
  }

  public static ProblemException validation(List<Problem.FieldError> errors) {
    return new ProblemException(
        400, "VALIDATION_FAILED", "提交的信息有误，请按提示修改后重试", errors, Map.of(), Map.of());
  }

  /** 429 or 503 with a Retry-After in seconds. */
  public static ProblemException retryLater(
      int status, String code, String detail, long retryAfterSeconds) {
    return new ProblemException(
        status,
        code,
        detail,
        List.of(),
        Map.of("retryAfterSeconds", retryAfterSeconds),
        Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
  }

  /** The same problem with extra members (e.g. the next free slots beside SLOT_FULL). */
  public ProblemException with(String name, Object value) {
    var merged = new java.util.HashMap<>(extensions);
    merged.put(name, value);
    return new ProblemException(status, code, detail(), errors, merged, headers);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String detail() {
    return getMessage().substring(code.length() + 2);
  }

  public List<Problem.FieldError> errors() {
    return errors;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
