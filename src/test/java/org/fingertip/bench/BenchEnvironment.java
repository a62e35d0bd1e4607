package org.fingertip.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.fingertip.support.PackagedApp;
import org.fingertip.support.ProdLikeServices;

/**
 * What the benchmark runs against, set up the way {@code ProdRuntimeIT} and the Kubernetes
 * Deployment do it: a real PostgreSQL 17 (zonky binaries) and a standalone S3Proxy started in the
 * test JVM, and the packaged application ({@code java -jar target/quarkus-app/quarkus-run.jar},
 * prod profile) as a separate process configured by environment variables only.
 */
final class BenchEnvironment implements AutoCloseable {

  static final Path APP = Path.of("target", "quarkus-app");

  final Path work;
  private ProdLikeServices services;
  private Process app;
  private Path log;
  int port;

  /** Milliseconds from process start to the first 200 of /q/health/ready. */
  long startupMillis;

  BenchEnvironment() throws IOException {
    work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bench-");
  }

  void startBackingServices() throws Exception {
    // room for the app's pool (20) plus the raw baseline's 64 connections
    services = ProdLikeServices.start(work, "bench", Map.of("max_connections", "200"));
  }

  String jdbcUrl(String database) {
    return services.jdbcUrl(database);
  }

  /** A connection as the application's own database user. */
  Connection connect() throws SQLException {
    return services.connect();
  }

  /** Starts the packaged app (prod profile, environment only) and waits until it is ready. */
  void startApp() throws Exception {
    Path jar = APP.resolve("quarkus-run.jar").toAbsolutePath();
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " missing: run through the bench profile (package)");
    }
    port = freePort();
    log = work.resolve("app.log");
    ProcessBuilder builder = PackagedApp.prodProcess(jar, work, log, port, services.dependencies());
    Map<String, String> env = builder.environment();
    if (Boolean.getBoolean("bench.logSql")) {
      // to compare the raw baseline's statements with what Hibernate sends (target/bench-*/app.log)
      env.put("QUARKUS_HIBERNATE_ORM_LOG_SQL", "true");
    }
    if (Boolean.getBoolean("bench.jfr")) {
      // a profile of the whole app run, kept with -Dbench.keep=true (target/bench-*/app.jfr)
      env.put(
          "JAVA_TOOL_OPTIONS",
          "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
              + work.resolve("app.jfr").toAbsolutePath());
    }
    long started = System.nanoTime();
    app = builder.start();
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    long deadline = started + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline && app.isAlive()) {
      try {
        int status =
            http.send(
                    HttpRequest.newBuilder(uri("/q/health/ready"))
                        .timeout(Duration.ofSeconds(2))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (status == 200) {
          startupMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(
        "app not ready within 120 s; output:\n" + Files.readString(log, StandardCharsets.UTF_8));
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port + pathAndQuery);
  }

  long appPid() {
    return app.pid();
  }

  /** A field of /proc/<pid>/status in KiB (VmRSS, VmHWM). */
  long appProcStatusKib(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(app.pid()), "status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no " + field + " for " + app.pid());
  }

  /** CPU time (user + system) the app process has used so far, in milliseconds. */
  long appCpuMillis() throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(app.pid()), "stat"));
    // fields after the command name "(java)": state is field 3, utime 14, stime 15
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    return ticks * 1000 / CLOCK_TICKS;
  }

  /**
   * CPU time (user + system) PostgreSQL has used so far, in milliseconds: every live process named
   * {@code postgres} plus what the postmaster's finished children (closed connections) used.
   */
  static long databaseCpuMillis() throws IOException {
    long ticks = 0;
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path proc : (Iterable<Path>) procs::iterator) {
        if (!proc.getFileName().toString().chars().allMatch(Character::isDigit)) {
          continue;
        }
        String stat;
        try {
          stat = Files.readString(proc.resolve("stat"));
        } catch (IOException gone) {
          continue;
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open || !stat.substring(open + 1, close).equals("postgres")) {
          continue;
        }
        String[] f = stat.substring(close + 2).split(" ");
        // utime, stime, cutime, cstime are fields 14 to 17
        ticks +=
            Long.parseLong(f[11])
                + Long.parseLong(f[12])
                + Long.parseLong(f[13])
                + Long.parseLong(f[14]);
      }
    }
    return ticks * 1000 / CLOCK_TICKS;
  }

  /** CPU time this JVM (the load generator) has used so far, in milliseconds. */
  static long loadGeneratorCpuMillis() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() / 1_000_000;
  }

  /** USER_HZ; 100 on every Linux we run on. */
  private static final long CLOCK_TICKS = 100;

  /** The 1-minute load average of the machine (other builds included). */
  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  String appLog() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** An RS256 token for the given subject and roles, signed with the app's configured key. */
  String token(String subject, String... roles) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    long now = Instant.now().getEpochSecond();
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    String claims =
        "{\"iss\":\"urn:fingertip\",\"aud\":\"fingertip-app\",\"sub\":\""
            + subject
            + "\",\"upn\":\""
            + subject
            + "\",\"groups\":[\""
            + String.join("\",\"", roles)
            + "\"],\"iat\":"
            + now
            + ",\"exp\":"
            + (now + 3600)
            + ",\"jti\":\"bench-"
            + now
            + "\"}";
    String signingInput =
        b64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initSign(services.jwtKeys().getPrivate());
    signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + b64.encodeToString(signature.sign());
  }

  @Override
  public void close() throws Exception {
    try {
      if (app != null && app.isAlive()) {
        app.destroy();
        if (!app.waitFor(
            java.time.Duration.ofSeconds(40).toMillis(),
            java.util.concurrent.TimeUnit.MILLISECONDS)) {
          app.destroyForcibly();
        }
      }
      if (services != null) {
        services.close();
      }
    } finally {
      if (!Boolean.getBoolean("bench.keep")) {
        deleteQuietly(work);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort: target/ is cleaned by the build anyway
    }
  }
}
