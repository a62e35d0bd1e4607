package org.fingertip.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.fingertip.platform.problem.ProblemException;

/**
 * Fixed-window request counters per key (client IP, account, …), per instance. Good enough to stop
 * a script hammering login or booking; the limits are per instance, so a cluster of n pods allows
 * up to n times the figure, which the configured limits take into account.
 */
@ApplicationScoped
public class RateLimiter {

  private static final int MAX_KEYS = 200_000;

  private record Window(long startNanos, AtomicInteger count) {}

  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  /** Counts one request for {@code key}; a 429 problem with Retry-After once over the limit. */
  public void check(String key, int limit, Duration window) {
    long now = System.nanoTime();
    if (windows.size() > MAX_KEYS) {
      windows.entrySet().removeIf(e -> now - e.getValue().startNanos() > window.toNanos());
    }
    Window current =
        windows.compute(
            key,
            (k, w) ->
                w == null || now - w.startNanos() >= window.toNanos()
                    ? new Window(now, new AtomicInteger())
                    : w);
    if (current.count().incrementAndGet() > limit) {
      long retryAfter =
          Math.max(
              1, Duration.ofNanos(window.toNanos() - (now - current.startNanos())).toSeconds());
      throw ProblemException.retryLater(429, "RATE_LIMITED", "操作太频繁了，请稍等片刻再试", retryAfter);
    }
  }
}
