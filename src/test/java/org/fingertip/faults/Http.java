package org.fingertip.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A plain JDK HTTP client for tests that fire many requests at once (REST Assured is not meant to
 * be shared between threads). Every call is bounded: a hung request fails the test instead of
 * hanging it.
 */
final class Http {

  static final Duration LIMIT = Duration.ofSeconds(20);

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** Status, body, selected headers, and how long the answer took. */
  record Answer(int status, String body, String retryAfter, String contentType, long millis) {}

  private Http() {}

  static String base() {
    return "http://localhost:" + io.restassured.RestAssured.port;
  }

  static Answer get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base() + path)).GET(), Map.of());
  }

  static Answer send(String method, String path, String json, Map<String, String> headers) {
    HttpRequest.BodyPublisher body =
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base() + path))
            .method(method, body)
            .header("Content-Type", "application/json");
    return send(builder, headers);
  }

  private static Answer send(HttpRequest.Builder builder, Map<String, String> headers) {
    headers.forEach(builder::header);
    long start = System.nanoTime();
    try {
      HttpResponse<String> response =
          CLIENT.send(builder.timeout(LIMIT).build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("Retry-After").orElse(null),
          response.headers().firstValue("Content-Type").orElse(null),
          (System.nanoTime() - start) / 1_000_000);
    } catch (java.io.IOException e) {
      // -1: no HTTP answer at all (timeout or reset); tests treat it as a failure
      return new Answer(-1, e.toString(), null, null, (System.nanoTime() - start) / 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-1, e.toString(), null, null, (System.nanoTime() - start) / 1_000_000);
    }
  }
}
