package org.fingertip.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one measured period produced: the latency of every request that started inside it (sorted,
 * so percentiles are exact order statistics, no histogram rounding) and outcomes by status.
 */
final class Measurement {

  final long[] sortedNanos;
  final double seconds;

  /** "200", "409", "IOException", …, → count, for requests started in the measured period. */
  final Map<String, Long> outcomes;

  /** Requests of the whole run, warm-up included (for CPU per request). */
  final long allRequests;

  Measurement(long[] nanos, double seconds, Map<String, Long> outcomes, long allRequests) {
    this.allRequests = allRequests;
    this.sortedNanos = nanos.clone();
    Arrays.sort(this.sortedNanos);
    this.seconds = seconds;
    this.outcomes = new TreeMap<>(outcomes);
  }

  long count() {
    return sortedNanos.length;
  }

  double throughput() {
    return count() / seconds;
  }

  /** The q-quantile in milliseconds (nearest rank). */
  double percentileMillis(double q) {
    if (sortedNanos.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * sortedNanos.length);
    return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
  }

  long non2xx() {
    return outcomes.entrySet().stream()
        .filter(e -> !e.getKey().startsWith("2"))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** "200:12345" or "200:12000 503:3 IOException:1". */
  String outcomeText() {
    StringBuilder sb = new StringBuilder();
    outcomes.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append(':').append(v));
    return sb.isEmpty() ? "-" : sb.toString();
  }
}
