package org.fingertip.platform.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem as sent to clients: {@code detail} is zh-CN and shown to the user, {@code
 * code} is stable and meant for programs.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String code,
    String requestId,
    List<FieldError> errors,
    // RFC 9457 extension members sit beside the standard ones, not in a nested object
    @JsonAnyGetter Map<String, Object> extensions) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** One invalid field of a request: the JSON path, a stable code and a zh-CN message. */
  public record FieldError(String field, String code, String message) {}

  /** {@code type} is a stable URN built from the code so clients may dispatch on either. */
  public static String typeFor(String code) {
    return "urn:fingertip:problem:" + code.toLowerCase().replace('_', '-');
  }
}
