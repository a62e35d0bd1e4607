package org.fingertip.platform.problem;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/** Builds problem responses, shared by the JAX-RS mappers and the Vert.x-level handlers. */
public final class Problems {

  public static final String REQUEST_ID_HEADER = "X-Request-Id";

  public static final ProblemException NOT_FOUND =
      ProblemException.notFound("NOT_FOUND", "您访问的地址不存在，请检查后重试");
  public static final ProblemException TOO_LARGE =
      new ProblemException(413, "PAYLOAD_TOO_LARGE", "提交的内容过大，请压缩或拆分后重试");
  public static final ProblemException UNAVAILABLE =
      ProblemException.retryLater(503, "SERVICE_UNAVAILABLE", "服务暂时繁忙或正在维护，请稍后再试", 5);

  private Problems() {}

  public static Problem toProblem(ProblemException e, String requestId) {
    return new Problem(
        Problem.typeFor(e.code()),
        titleFor(e.status()),
        e.status(),
        e.detail(),
        e.code(),
        requestId,
        e.errors(),
        e.extensions());
  }

  public static Response response(ProblemException e, String requestId) {
    Response.ResponseBuilder builder =
        Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(toProblem(e, requestId));
    e.headers().forEach(builder::header);
    return builder.build();
  }

  public static String requestId(HttpServerRequest request) {
    return request == null ? null : request.getHeader(REQUEST_ID_HEADER);
  }

  public static String titleFor(int status) {
    return switch (status) {
      case 400 -> "请求有误";
      case 401 -> "未登录";
      case 403 -> "无权操作";
      case 404 -> "未找到";
      case 405 -> "请求方法不支持";
      case 406 -> "无法提供所需格式";
      case 409 -> "状态冲突";
      case 413 -> "内容过大";
      case 415 -> "内容类型不支持";
      case 422 -> "无法处理";
      case 429 -> "请求过于频繁";
      case 503 -> "服务暂不可用";
      default -> status >= 500 ? "系统错误" : "请求无法处理";
    };
  }

  /** Peels framework wrappers that carry no meaning of their own. */
  public static Throwable unwrap(Throwable e) {
    Throwable current = e;
    while ((current instanceof java.util.concurrent.CompletionException
            || current instanceof java.util.concurrent.ExecutionException
            || current.getClass().getName().equals("io.smallrye.mutiny.CompositeException"))
        && current.getCause() != null) {
      current = current.getCause();
    }
    if (current != e) {
      return current;
    }
    // Hibernate wraps the problems our own code raised inside a transaction.
    Throwable cause = e.getCause();
    while (cause != null && cause != cause.getCause()) {
      if (cause instanceof ProblemException) {
        return cause;
      }
      cause = cause.getCause();
    }
    return e;
  }

  public static final ProblemException INVALID_DATA =
      ProblemException.badRequest("INVALID_DATA", "提交的内容含有无法保存的字符（如空字符）或超出范围的值，请检查后重试");

  /**
   * True when PostgreSQL refused a value the request carried (SQLSTATE class 22, "data exception":
   * a NUL character, a string too long for its column, a number or date out of range). The request
   * is at fault, not the server: validation that missed it answers 400 instead of 500.
   */
  public static boolean isInvalidData(Throwable e) {
    Throwable cause = e;
    int depth = 0;
    while (cause != null && depth++ < 20) {
      String state = sqlState(cause);
      if (state != null && state.startsWith("22")) {
        return true;
      }
      cause = cause.getCause() == cause ? null : cause.getCause();
    }
    return false;
  }

  /**
   * SQLSTATE class 08 (connection exception), 57P01–57P03 (shutting down, crashed, "the database
   * system is starting up") and 53300 (too many connections): PostgreSQL is not serving now.
   */
  private static boolean isDatabaseUnavailable(String state) {
    return state != null
        && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"));
  }

  private static String sqlState(Throwable cause) {
    if (cause instanceof java.sql.SQLException sql) {
      return sql.getSQLState();
    }
    if (cause instanceof io.vertx.sqlclient.DatabaseException db) {
      return db.getSqlState();
    }
    return null;
  }

  /** True when the failure means a dependency (database, network peer) is down or saturated. */
  public static boolean isDependencyDown(Throwable e) {
    Throwable cause = e;
    int depth = 0;
    while (cause != null && depth++ < 20) {
      String name = cause.getClass().getName();
      if (cause instanceof ConnectException
          // "Connection reset" when PostgreSQL stops mid-transaction (seen in DatabaseOutageTest)
          || cause instanceof java.net.SocketException
          || cause instanceof java.nio.channels.ClosedChannelException
          || cause instanceof TimeoutException
          || cause instanceof java.io.IOException && name.startsWith("io.vertx")
          || name.equals("io.vertx.sqlclient.ClosedConnectionException")
          || isDatabaseUnavailable(sqlState(cause))
          || name.equals("io.vertx.core.http.ConnectionPoolTooBusyException")
          || name.equals("io.netty.channel.ConnectTimeoutException")
          || name.equals("io.netty.channel.AbstractChannel$AnnotatedConnectException")
          || name.equals("io.smallrye.mutiny.TimeoutException")
          || name.contains("NoStackTraceTimeoutException")
          // Vert.x's own timeouts carry no type of their own: VertxException("timeout") and, when
          // the reactive pool cannot hand out a connection in time,
          // NoStackTraceThrowable("Timeout")
          || (name.equals("io.vertx.core.VertxException")
                  || name.equals("io.vertx.core.impl.NoStackTraceThrowable"))
              && String.valueOf(cause.getMessage()).toLowerCase().contains("timeout")) {
        return true;
      }
      cause = cause.getCause();
    }
    return false;
  }
}
