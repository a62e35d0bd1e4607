package org.fingertip.platform.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.CompositeException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become RFC 9457 problems. No class name, message of a foreign
 * exception or stack trace ever reaches the client; unexpected failures are logged with the request
 * id that the client also receives.
 */
public class ProblemMappers {

  @ServerExceptionMapper
  public Response problem(ProblemException e, HttpServerRequest request) {
    return Problems.response(e, Problems.requestId(request));
  }

  @ServerExceptionMapper
  public Response validation(ConstraintViolationException e, HttpServerRequest request) {
    List<Problem.FieldError> errors = new ArrayList<>();
    for (ConstraintViolation<?> v : e.getConstraintViolations()) {
      errors.add(new Problem.FieldError(fieldOf(v.getPropertyPath()), codeOf(v), v.getMessage()));
    }
    errors.sort(Comparator.comparing(Problem.FieldError::field));
    return Problems.response(ProblemException.validation(errors), Problems.requestId(request));
  }

  @ServerExceptionMapper
  public Response json(JsonProcessingException e, HttpServerRequest request) {
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = jsonPath(mapping.getPath());
      return Problems.response(
          ProblemException.invalidField(field, "TYPE_MISMATCH", "该字段的格式或类型不正确"),
          Problems.requestId(request));
    }
    return Problems.response(
        ProblemException.badRequest("MALFORMED_JSON", "请求内容不是有效的 JSON，请检查后重试"),
        Problems.requestId(request));
  }

  // Jackson's own subtypes get their own mappers: quarkus-rest-jackson ships more specific
  // defaults for them that would otherwise answer with plain JSON.
  @ServerExceptionMapper
  public Response mismatchedInput(MismatchedInputException e, HttpServerRequest request) {
    return json(e, request);
  }

  @ServerExceptionMapper
  public Response jsonParse(JsonParseException e, HttpServerRequest request) {
    return json(e, request);
  }

  @ServerExceptionMapper
  public Response jsonMapping(JsonMappingException e, HttpServerRequest request) {
    return json(e, request);
  }

  @ServerExceptionMapper
  public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
    return unauthenticated(request);
  }

  @ServerExceptionMapper
  public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
    return unauthenticated(request);
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, HttpServerRequest request) {
    return Problems.response(
        ProblemException.forbidden("FORBIDDEN", "您没有权限进行此操作"), Problems.requestId(request));
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, HttpServerRequest request) {
    String id = Problems.requestId(request);
    Throwable cause = e.getCause();
    while (cause != null) {
      if (cause instanceof JsonProcessingException json) {
        return json(json, request);
      }
      cause = cause.getCause() == cause ? null : cause.getCause();
    }
    if (e instanceof NotFoundException) {
      return Problems.response(Problems.NOT_FOUND, id);
    }
    if (e instanceof NotAllowedException) {
      return Problems.response(new ProblemException(405, "METHOD_NOT_ALLOWED", "该地址不支持此请求方法"), id);
    }
    if (e instanceof NotSupportedException) {
      return Problems.response(
          new ProblemException(
              415, "UNSUPPORTED_MEDIA_TYPE", "不支持该请求内容类型，请按接口说明提交（通常为 application/json）"),
          id);
    }
    if (e instanceof NotAcceptableException) {
      return Problems.response(new ProblemException(406, "NOT_ACCEPTABLE", "无法以请求的格式返回结果"), id);
    }
    int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
    if (status == 400) {
      return Problems.response(ProblemException.badRequest("BAD_REQUEST", "请求格式有误，请检查后重试"), id);
    }
    if (status == 413) {
      return Problems.response(Problems.TOO_LARGE, id);
    }
    if (status >= 500) {
      return unexpected(e, request);
    }
    return Problems.response(new ProblemException(status, "HTTP_" + status, "请求无法处理"), id);
  }

  @ServerExceptionMapper
  public Response composite(CompositeException e, HttpServerRequest request) {
    Throwable first = e.getCauses().isEmpty() ? e : e.getCauses().get(0);
    return dispatch(first, request);
  }

  @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
  public Response unexpected(Throwable e, HttpServerRequest request) {
    Throwable cause = Problems.unwrap(e);
    if (cause != e) {
      return dispatch(cause, request);
    }
    String id = Problems.requestId(request);
    if (Problems.isDependencyDown(e)) {
      Log.warnf("Request %s failed, a dependency is unavailable: %s", id, e.toString());
      return Problems.response(Problems.UNAVAILABLE, id);
    }
    if (Problems.isInvalidData(e)) {
      Log.warnf("Request %s carried data the database refused: %s", id, e.toString());
      return Problems.response(Problems.INVALID_DATA, id);
    }
    Log.errorf(e, "Request %s failed unexpectedly", id);
    return Problems.response(
        new ProblemException(500, "INTERNAL_ERROR", "系统开小差了，请稍后再试；如问题持续，请联系客服并提供请求编号 " + id), id);
  }

  private Response dispatch(Throwable cause, HttpServerRequest request) {
    if (cause instanceof ProblemException p) {
      return problem(p, request);
    }
    if (cause instanceof ConstraintViolationException v) {
      return validation(v, request);
    }
    if (cause instanceof JsonProcessingException j) {
      return json(j, request);
    }
    if (cause instanceof UnauthorizedException || cause instanceof AuthenticationFailedException) {
      return unauthenticated(request);
    }
    if (cause instanceof ForbiddenException f) {
      return forbidden(f, request);
    }
    if (cause instanceof WebApplicationException w) {
      return web(w, request);
    }
    if (cause instanceof CompositeException c) {
      return composite(c, request);
    }
    String id = Problems.requestId(request);
    if (Problems.isDependencyDown(cause)) {
      Log.warnf("Request %s failed, a dependency is unavailable: %s", id, cause.toString());
      return Problems.response(Problems.UNAVAILABLE, id);
    }
    if (Problems.isInvalidData(cause)) {
      Log.warnf("Request %s carried data the database refused: %s", id, cause.toString());
      return Problems.response(Problems.INVALID_DATA, id);
    }
    Log.errorf(cause, "Request %s failed unexpectedly", id);
    return Problems.response(
        new ProblemException(500, "INTERNAL_ERROR", "系统开小差了，请稍后再试；如问题持续，请联系客服并提供请求编号 " + id), id);
  }

  private Response unauthenticated(HttpServerRequest request) {
    return Problems.response(
        new ProblemException(
            401,
            "UNAUTHENTICATED",
            "请先登录；如已登录，登录状态可能已过期，请重新登录",
            List.of(),
            java.util.Map.of(),
            java.util.Map.of("WWW-Authenticate", "Bearer")),
        Problems.requestId(request));
  }

  /** Drops the method and body-parameter nodes, so a body field reads "partner.idNumber". */
  static String fieldOf(Path path) {
    List<String> names = new ArrayList<>();
    List<Path.Node> nodes = new ArrayList<>();
    path.forEach(nodes::add);
    for (int i = 0; i < nodes.size(); i++) {
      Path.Node node = nodes.get(i);
      if (node.getKind() == ElementKind.METHOD) {
        continue;
      }
      if (node.getKind() == ElementKind.PARAMETER && i < nodes.size() - 1) {
        continue;
      }
      String name = node.getName();
      if (node.getIndex() != null) {
        names.add((name == null ? "" : name) + "[" + node.getIndex() + "]");
      } else if (name != null && !name.startsWith("<")) {
        names.add(name);
      }
    }
    return String.join(".", names).replace(".[", "[");
  }

  static String codeOf(ConstraintViolation<?> v) {
    String annotation =
        v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
    return switch (annotation) {
      case "NotNull", "NotBlank", "NotEmpty" -> "REQUIRED";
      case "Size", "Length" -> "LENGTH";
      case "Pattern", "Email" -> "FORMAT";
      case "Min", "Max", "Positive", "PositiveOrZero", "Negative", "DecimalMin", "DecimalMax" ->
          "RANGE";
      case "Past", "PastOrPresent", "Future", "FutureOrPresent" -> "DATE_RANGE";
      default -> annotation.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    };
  }

  private static String jsonPath(List<JsonMappingException.Reference> refs) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : refs) {
      if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }
}
