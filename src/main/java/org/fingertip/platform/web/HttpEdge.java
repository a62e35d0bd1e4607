package org.fingertip.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.fingertip.platform.problem.Problem;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.problem.Problems;
import org.jboss.logging.MDC;

/**
 * The HTTP edge below JAX-RS: every request gets an {@code X-Request-Id} (the client's, if sane,
 * else a new one) that is echoed and logged, and the failures Vert.x answers by itself (unknown
 * route, oversize body) come out as problems instead of HTML or an empty body.
 */
@ApplicationScoped
public class HttpEdge {

  private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final ObjectMapper mapper;
  private final long maxBodyBytes;

  public HttpEdge(
      ObjectMapper mapper,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
    this.mapper = mapper;
    this.maxBodyBytes = maxBodySize.asLongValue();
  }

  void requestIds(@Observes Filters filters) {
    filters.register(
        rc -> {
          String id = rc.request().getHeader(Problems.REQUEST_ID_HEADER);
          if (id == null || !SANE_ID.matcher(id).matches()) {
            id = UUID.randomUUID().toString();
            rc.request().headers().set(Problems.REQUEST_ID_HEADER, id);
          }
          String requestId = id;
          MDC.put("requestId", requestId);
          rc.response().headers().set(Problems.REQUEST_ID_HEADER, requestId);
          rc.addHeadersEndHandler(
              v -> rc.response().headers().set(Problems.REQUEST_ID_HEADER, requestId));
          if (declaredLength(rc) > maxBodyBytes) {
            // Vert.x would answer 413 with an empty body; say it as a problem, then close.
            rc.response().putHeader("Connection", "close");
            write(rc, Problems.TOO_LARGE);
            rc.response().endHandler(v -> rc.request().connection().close());
            return;
          }
          rc.next();
        },
        Integer.MAX_VALUE);
  }

  void fallbacks(@Observes Router router) {
    router.errorHandler(413, rc -> write(rc, Problems.TOO_LARGE));
    router.errorHandler(404, rc -> write(rc, Problems.NOT_FOUND));
    router.errorHandler(
        405, rc -> write(rc, new ProblemException(405, "METHOD_NOT_ALLOWED", "该地址不支持此请求方法")));
    router.route().order(Integer.MAX_VALUE).handler(rc -> write(rc, Problems.NOT_FOUND));
  }

  private static long declaredLength(RoutingContext rc) {
    String value = rc.request().getHeader("Content-Length");
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void write(RoutingContext rc, ProblemException e) {
    if (rc.response().headWritten()) {
      rc.response().end();
      return;
    }
    try {
      Problem problem = Problems.toProblem(e, rc.request().getHeader(Problems.REQUEST_ID_HEADER));
      rc.response().setStatusCode(e.status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
      e.headers().forEach((k, v) -> rc.response().putHeader(k, v));
      rc.response().end(mapper.writeValueAsString(problem));
    } catch (Exception ex) {
      rc.response().setStatusCode(e.status()).end();
    }
  }
}
