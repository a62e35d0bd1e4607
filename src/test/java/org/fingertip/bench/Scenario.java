package org.fingertip.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One benchmark scenario: an HTTP call a client repeats against the packaged app, and the same SQL
 * the app issues for it, repeated straight at the database over JDBC (the raw baseline), both at
 * {@link #clients()} concurrent clients. A scenario for a new feature is one class implementing
 * this, added to {@link BenchmarkIT#scenarios}; its data goes into {@link #prepare}.
 *
 * <p>Implementations are called from many client threads at once: {@link #request} and {@link #raw}
 * must be thread-safe (use the client index and sequence number, not shared mutable state).
 */
interface Scenario {

  /** Short name for the table. */
  String name();

  /** Concurrent clients for the app run and for the raw run. */
  default int clients() {
    return 64;
  }

  /** This scenario's warm-up, given the configured one ({@code bench.warmup}). */
  default java.time.Duration warmUp(java.time.Duration configured) {
    return configured;
  }

  /** The raw run's warm-up. */
  default java.time.Duration rawWarmUp(java.time.Duration configured) {
    return warmUp(configured);
  }

  /** Once, after the common seed and before any run: load scenario data, look up ids, tokens. */
  default void prepare(BenchContext context) throws Exception {}

  /** The {@code seq}-th request of client {@code client} (0-based; warm-up included). */
  HttpRequest request(BenchContext context, int client, long seq) throws Exception;

  /**
   * The same, told whether it is sent in the warm-up: a scenario whose measured period must start
   * on fresh data (a rush that sells out) warms the app up elsewhere.
   */
  default HttpRequest request(BenchContext context, int client, long seq, boolean warmUp)
      throws Exception {
    return request(context, client, seq);
  }

  /** Sees every app response (warm-up included), e.g. to count what a write created. */
  default void onResponse(int client, long seq, HttpResponse<byte[]> response) {}

  /**
   * The same SQL the app issues for one request, on this client's own connection (autocommit on; a
   * scenario that writes sets autocommit off and commits itself, as the app's transaction does).
   */
  void raw(Connection connection, int client, long seq) throws SQLException;

  /** The scenario's correctness figure after the app run (reads: no non-2xx). */
  default Correctness check(BenchContext context, Measurement app) throws Exception {
    long bad = app.non2xx();
    return new Correctness(bad == 0, bad + " non-2xx");
  }

  /** A correctness figure and whether it holds. */
  record Correctness(boolean ok, String figure) {}
}
