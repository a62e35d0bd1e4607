package org.fingertip.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * The real servers and secrets a packaged app is pointed at, started in the test JVM as production
 * provides them: PostgreSQL 17 (zonky binaries) with an ordinary login role owning a UTF-8 /
 * C.UTF-8 database (as CloudNativePG's "app" user does), a standalone S3Proxy, a fresh RSA key pair
 * for JWTs and a random PII key. Shared by the packaged-jar ITs and the benchmark.
 */
public final class ProdLikeServices implements AutoCloseable {

  public static final String DB_USER = "fingertip";

  private final String dbPassword;
  private final String s3Access;
  private final String s3Secret;
  private EmbeddedPostgres postgres;
  private S3Proxy s3;
  private KeyPair jwtKeys;
  private Path publicKey;
  private Path privateKey;
  private String piiKey;

  private ProdLikeServices(String secretPrefix) {
    this.dbPassword = secretPrefix + "-db-password";
    this.s3Access = secretPrefix + "-access-key";
    this.s3Secret = secretPrefix + "-secret-key-0123456789";
  }

  /**
   * Starts everything below {@code work} (pg/, s3/, keys/); {@code serverConfig} adds PostgreSQL
   * settings (e.g. {@code fsync=off}, {@code max_connections}).
   */
  public static ProdLikeServices start(
      Path work, String secretPrefix, Map<String, String> serverConfig) throws Exception {
    ProdLikeServices services = new ProdLikeServices(secretPrefix);
    try {
      services.startAll(work, serverConfig);
      return services;
    } catch (Exception | Error e) {
      services.close();
      throw e;
    }
  }

  private void startAll(Path work, Map<String, String> serverConfig) throws Exception {
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(work.resolve("pg"))
            .setCleanDataDirectory(true)
            .setPGStartupWait(Duration.ofSeconds(60))
            .setLocaleConfig("locale", "C.UTF-8");
    serverConfig.forEach(builder::setServerConfig);
    postgres = builder.start();
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE " + DB_USER + " LOGIN PASSWORD '" + dbPassword + "'");
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
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, s3Access, s3Secret)
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

  /** What {@link PackagedApp#prodProcess} hands the app as environment variables. */
  public PackagedApp.Dependencies dependencies() {
    return new PackagedApp.Dependencies(
        postgres.getPort(),
        DB_USER,
        dbPassword,
        s3.getPort(),
        s3Access,
        s3Secret,
        publicKey,
        privateKey,
        piiKey);
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
  }

  /** A connection to the app's database as its own role. */
  public Connection connect() throws java.sql.SQLException {
    return DriverManager.getConnection(jdbcUrl("fingertip"), DB_USER, dbPassword);
  }

  /** The key pair whose public half the app trusts, to mint tokens as the app would. */
  public KeyPair jwtKeys() {
    return jwtKeys;
  }

  @Override
  public void close() throws Exception {
    try {
      if (s3 != null) {
        try {
          s3.stop();
        } catch (TimeoutException ignored) {
          // idle keep-alive connections; the server is stopped
        }
      }
    } finally {
      if (postgres != null) {
        postgres.close();
      }
    }
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
