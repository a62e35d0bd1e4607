package org.fingertip.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Closed-loop load: {@code clients} threads in this JVM (not the app's), each sending its next
 * request as soon as the previous one answered, for a warm-up and then a bounded measured period.
 * Only requests that start inside the measured period are counted.
 */
final class LoadRunner {

  private final Duration warmUp;
  private final Duration measured;

  LoadRunner(Duration warmUp, Duration measured) {
    this.warmUp = warmUp;
    this.measured = measured;
  }

  /** One operation of a client; throws on transport failure. Returns an outcome label. */
  @FunctionalInterface
  interface Operation {
    String run(int client, long seq, boolean warmUp) throws Exception;
  }

  /** Per-client state: opened before the clock starts, closed after. */
  interface ClientFactory {
    Operation open(int client) throws Exception;

    default void closeAll() throws Exception {}
  }

  Measurement runApp(BenchContext context, Scenario scenario) throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    return run(
        scenario.clients(),
        scenario.warmUp(warmUp),
        new ClientFactory() {
          @Override
          public Operation open(int client) {
            return (c, seq, warmUp) -> {
              HttpRequest request = scenario.request(context, c, seq, warmUp);
              HttpResponse<byte[]> response =
                  http.send(request, HttpResponse.BodyHandlers.ofByteArray());
              scenario.onResponse(c, seq, response);
              return String.valueOf(response.statusCode());
            };
          }
        });
  }

  Measurement runRaw(BenchContext context, Scenario scenario) throws Exception {
    List<Connection> connections = new ArrayList<>();
    return run(
        scenario.clients(),
        scenario.rawWarmUp(warmUp),
        new ClientFactory() {
          @Override
          public Operation open(int client) throws Exception {
            Connection connection = context.connect();
            synchronized (connections) {
              connections.add(connection);
            }
            return (c, seq, warmUp) -> {
              scenario.raw(connection, c, seq);
              return "ok";
            };
          }

          @Override
          public void closeAll() throws Exception {
            for (Connection c : connections) {
              c.close();
            }
          }
        });
  }

  private Measurement run(int clients, Duration warmUp, ClientFactory factory) throws Exception {
    Operation[] operations = new Operation[clients];
    for (int i = 0; i < clients; i++) {
      operations[i] = factory.open(i);
    }
    long[][] samples = new long[clients][];
    int[] sizes = new int[clients];
    long[] started = new long[clients];
    @SuppressWarnings("unchecked")
    Map<String, Long>[] outcomes = new Map[clients];
    CountDownLatch done = new CountDownLatch(clients);
    long start = System.nanoTime();
    long measureFrom = start + warmUp.toNanos();
    long measureTo = measureFrom + measured.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      int client = i;
      Thread t =
          new Thread(
              () -> {
                long[] own = new long[4096];
                int n = 0;
                Map<String, Long> seen = new HashMap<>();
                long seq = 0;
                try {
                  while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= measureTo) {
                      break;
                    }
                    String outcome;
                    try {
                      outcome = operations[client].run(client, seq++, t0 < measureFrom);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      break;
                    } catch (Exception e) {
                      outcome = e.getClass().getSimpleName();
                    }
                    long t1 = System.nanoTime();
                    if (t0 >= measureFrom) {
                      if (n == own.length) {
                        own = Arrays.copyOf(own, n * 2);
                      }
                      own[n++] = t1 - t0;
                      seen.merge(outcome, 1L, Long::sum);
                    }
                  }
                } finally {
                  started[client] = seq;
                  samples[client] = own;
                  sizes[client] = n;
                  outcomes[client] = seen;
                  done.countDown();
                }
              },
              "bench-client-" + i);
      t.setDaemon(true);
      threads.add(t);
    }
    threads.forEach(Thread::start);
    done.await();
    factory.closeAll();
    int total = Arrays.stream(sizes).sum();
    long[] all = new long[total];
    int at = 0;
    Map<String, Long> merged = new HashMap<>();
    for (int i = 0; i < clients; i++) {
      System.arraycopy(samples[i], 0, all, at, sizes[i]);
      at += sizes[i];
      outcomes[i].forEach((k, v) -> merged.merge(k, v, Long::sum));
    }
    return new Measurement(all, measured.toNanos() / 1e9, merged, Arrays.stream(started).sum());
  }
}
