package org.fingertip.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.fingertip.support.PackagedApp;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * What the benchmark runs against, set up the way {@code ProdRuntimeIT} and the Kubernetes
 * Deployment do it: a real PostgreSQL 17 (zonky binaries) and a standalone S3Proxy started in the
 * test JVM, and the packaged application ({@code java -jar target/quarkus-app/quarkus-run.jar},
 * prod profile) as a separate process configured by environment variables only.
 */
final class BenchEnvironment implements AutoCloseable {

  static final Path APP = Path.of("target", "quarkus-app");
  private static final String S3_ACCESS = "bench-access-key";
  private static final String S3_SECRET = "bench-secret-key-0123456789";
  static final String DB_USER = "fingertip";
  static final String DB_PASSWORD = "bench-db-password";

  final Path work;
  private EmbeddedPostgres postgres;
  private S3Proxy s3;
  private KeyPair jwtKeys;
  private Path publicKey;
  private Path privateKey;
  private String piiKey;
  private Process app;
  private Path log;
  int port;

  /** Milliseconds from process start to the first 200 of /q/health/ready. */
  long startupMillis;

  BenchEnvironment() throws IOException {
    work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bench-");
  }

  void startBackingServices() throws Exception {
    postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(work.resolve("pg"))
            .setCleanDataDirectory(true)
            .setPGStartupWait(Duration.ofSeconds(60))
            .setLocaleConfig("locale", "C.UTF-8")
            // room for the app's pool (20) plus the raw baseline's 64 connections
            .setServerConfig("max_connections", "200")
            .start();
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE " + DB_USER + " LOGIN PASSWORD '" + DB_PASSWORD + "'");
      s.execute(
          "CREATE DATABASE fingertip OWNER "
              + DB_USER
              + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'");
    }
    Path blobs = Files.createDirectories(work.resolve("s3"));
    s3 =
        S3Proxy.builder()
            .blobStore(new FilesystemNio2BlobStore(blobs.toString()))
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, S3_ACCESS, S3_SECRET)
            .stopTimeout(1_000)
            .build();
    s3.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!"STARTED".equals(s3.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("S3Proxy did not start");
      }
      Thread.sleep(100);
    }

    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    jwtKeys = generator.generateKeyPair();
    Path keys = Files.createDirectories(work.resolve("keys"));
    publicKey = keys.resolve("jwt-public.pem");
    privateKey = keys.resolve("jwt-private.pem");
    Files.writeString(publicKey, pem("PUBLIC KEY", jwtKeys.getPublic().getEncoded()));
    Files.writeString(privateKey, pem("PRIVATE KEY", jwtKeys.getPrivate().getEncoded()));
    byte[] pii = new byte[32];
    new SecureRandom().nextBytes(pii);
    piiKey = Base64.getEncoder().encodeToString(pii);
  }

  String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
  }

  /** A connection as the application's own database user. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl("fingertip"), DB_USER, DB_PASSWORD);
  }

  /** Starts the packaged app (prod profile, environment only) and waits until it is ready. */
  void startApp() throws Exception {
    Path jar = APP.resolve("quarkus-run.jar").toAbsolutePath();
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " missing: run through the bench profile (package)");
    }
    port = freePort();
    log = work.resolve("app.log");
    ProcessBuilder builder =
        PackagedApp.prodProcess(
            jar,
            work,
            log,
            port,
            new PackagedApp.Dependencies(
                postgres.getPort(),
                DB_USER,
                DB_PASSWORD,
                s3.getPort(),
                S3_ACCESS,
                S3_SECRET,
                publicKey,
                privateKey,
                piiKey));
    Map<String, String> env = builder.environment();
    if (Boolean.getBoolean("bench.logSql")) {
      // to compare the raw baseline's statements with what Hibernate sends (target/bench-*/app.log)
      env.put("QUARKUS_HIBERNATE_ORM_LOG_SQL", "true");
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
    signature.initSign(jwtKeys.getPrivate());
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
      if (s3 != null) {
        try {
          s3.stop();
        } catch (TimeoutException ignored) {
          // idle keep-alive connections; the server is stopped
        }
      }
    } finally {
      try {
        if (postgres != null) {
          postgres.close();
        }
      } finally {
        if (!Boolean.getBoolean("bench.keep")) {
          deleteQuietly(work);
        }
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
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
