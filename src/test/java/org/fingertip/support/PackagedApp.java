package org.fingertip.support;

import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the packaged application (target/quarkus-app, what the container runs) as a separate
 * process in the prod profile, configured by environment variables alone, as Kubernetes does. Used
 * by the packaged-jar ITs and the benchmark, so both run the app the same way.
 */
public final class PackagedApp {

  /** The password of the admin that prod creates on first start from configuration. */
  public static final String ADMIN_PASSWORD = "packaged-app-admin-password";

  private PackagedApp() {}

  /** The real servers and secrets the app is pointed at. */
  public record Dependencies(
      int postgresPort,
      String dbUser,
      String dbPassword,
      int s3Port,
      String s3AccessKey,
      String s3SecretKey,
      Path jwtPublicKey,
      Path jwtPrivateKey,
      String piiKey) {}

  /**
   * A process builder for {@code java -jar quarkus-run.jar} with the JVM flags a 1Gi container gets
   * and every required setting, and nothing inherited from this JVM's environment.
   */
  public static ProcessBuilder prodProcess(
      Path jar, Path workDir, Path log, int port, Dependencies d) {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // what run-java.sh gives a 1Gi container at JAVA_MAX_MEM_RATIO=60 (k8s/base)
                "-Xmx614m",
                "-XX:+UseParallelGC",
                "-XX:ActiveProcessorCount=2",
                "-XX:+ExitOnOutOfMemoryError",
                "-jar",
                jar.toAbsolutePath().toString())
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet()
        .removeIf(
            k ->
                k.startsWith("FINGERTIP_")
                    || k.startsWith("QUARKUS_")
                    || k.equals("JAVA_TOOL_OPTIONS"));
    env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
    env.put("FINGERTIP_DB_URL", "postgresql://127.0.0.1:" + d.postgresPort() + "/fingertip");
    env.put("FINGERTIP_DB_USER", d.dbUser());
    env.put("FINGERTIP_DB_PASSWORD", d.dbPassword());
    env.put("FINGERTIP_STORAGE_ENDPOINT", "http://127.0.0.1:" + d.s3Port());
    env.put("FINGERTIP_STORAGE_ACCESS_KEY", d.s3AccessKey());
    env.put("FINGERTIP_STORAGE_SECRET_KEY", d.s3SecretKey());
    env.put("FINGERTIP_STORAGE_BUCKET", "fingertip-documents");
    env.put("FINGERTIP_JWT_PUBLIC_KEY_LOCATION", d.jwtPublicKey().toString());
    env.put("FINGERTIP_JWT_PRIVATE_KEY_LOCATION", d.jwtPrivateKey().toString());
    env.put("FINGERTIP_PII_ACTIVE_KEY_ID", "k2026");
    env.put("FINGERTIP_PII_KEYS", "k2026:" + d.piiKey());
    env.put("FINGERTIP_PII_BLIND_INDEX_KEY", d.piiKey());
    env.put("FINGERTIP_WECHAT_MP_APP_ID", "wx-packaged-app");
    env.put("FINGERTIP_WECHAT_MP_SECRET", "placeholder-secret");
    env.put("FINGERTIP_WECHAT_APP_APP_ID", "wx-packaged-app-app");
    env.put("FINGERTIP_WECHAT_APP_SECRET", "placeholder-secret");
    // nothing listens there: login is not exercised against the packaged app
    env.put("FINGERTIP_WECHAT_BASE_URL", "http://127.0.0.1:9");
    env.put("FINGERTIP_ADMIN_INITIAL_PASSWORD", ADMIN_PASSWORD);
    env.put("FINGERTIP_MARRIAGE_CHECK_IN_KEY", "packaged-app-check-in-key-0123456789abcdef");
    env.put("FINGERTIP_MEAL_QR_KEY", "packaged-app-meal-qr-key-0123456789abcdef");
    return builder;
  }
}
