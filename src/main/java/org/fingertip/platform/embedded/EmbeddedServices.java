package org.fingertip.platform.embedded;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.management.JMException;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Starts the embedded PostgreSQL and S3 servers once per JVM.
 *
 * <p>Quarkus loads application classes in more than one class loader (build step, runtime, every
 * dev-mode reload), so the "started once" state cannot live in a static field: the configuration
 * lives in a JVM-wide system property (as text: other libraries iterate the system properties and
 * expect strings), the lock is an interned string literal, one object for the whole JVM, and the
 * stop/start controls are a JMX bean (see {@link #control(String)}), which is how fault tests take
 * storage or the database down and bring it back.
 */
public final class EmbeddedServices {

  public static final String DATABASE = "fingertip";
  public static final String S3_ACCESS_KEY = "fingertip-dev";
  public static final String S3_SECRET_KEY = "fingertip-dev-secret";

  private static final String STATE_KEY = "fingertip.embedded.state";
  private static final String LOCK = "fingertip.embedded.lock";

  private EmbeddedServices() {}

  /**
   * Starts what is missing and returns the configuration that points at it.
   *
   * @param test fresh, throw-away data (test) rather than data kept under target/dev-data (dev)
   */
  static Map<String, String> ensureStarted(
      boolean test, boolean database, boolean storage, boolean keys) {
    synchronized (LOCK) {
      String existing = System.getProperty(STATE_KEY);
      if (existing != null) {
        return decode(existing);
      }
      Path root =
          test
              ? Path.of("target", "test-data", UUID.randomUUID().toString())
              : Path.of("target", "dev-data");
      Map<String, String> config = new HashMap<>();
      Controls controls = new Controls();
      try {
        Files.createDirectories(root);
        if (test) {
          Path doomed = root.toAbsolutePath();
          Runtime.getRuntime()
              .addShutdownHook(new Thread(() -> deleteQuietly(doomed), "fingertip-test-data"));
        }
        if (database) {
          config.putAll(Postgres.start(root.resolve("postgres"), test, controls.actions));
        }
        if (storage) {
          config.putAll(S3.start(root.resolve("s3"), controls.actions));
        }
        if (keys) {
          config.putAll(devKeys(root.resolve("keys")));
        }
        ManagementFactory.getPlatformMBeanServer().registerMBean(controls, objectName());
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start the embedded services in " + root, e);
      } catch (JMException | java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("Could not prepare the embedded services", e);
      }
      System.setProperty(STATE_KEY, encode(config));
      return Map.copyOf(config);
    }
  }

  /**
   * A stop/start control of a running embedded service: {@code postgres.stop}, {@code
   * postgres.start}, {@code s3.stop}, {@code s3.start}. Used by fault tests; goes through JMX,
   * which, unlike a static field, is the same for every class loader.
   */
  public static Runnable control(String name) {
    return () -> {
      try {
        ManagementFactory.getPlatformMBeanServer()
            .invoke(
                objectName(), "run", new Object[] {name}, new String[] {String.class.getName()});
      } catch (JMException e) {
        throw new IllegalStateException("No embedded service control named " + name, e);
      }
    };
  }

  private static ObjectName objectName() throws MalformedObjectNameException {
    return new ObjectName("org.fingertip:type=EmbeddedServices");
  }

  /** JMX view of the stop/start actions. */
  public interface ControlsMBean {
    void run(String action);
  }

  static final class Controls implements ControlsMBean {
    final Map<String, Runnable> actions = new ConcurrentHashMap<>();

    @Override
    public void run(String action) {
      Runnable runnable = actions.get(action);
      if (runnable == null) {
        throw new IllegalArgumentException("Unknown control " + action);
      }
      runnable.run();
    }
  }

  private static String encode(Map<String, String> config) {
    Properties properties = new Properties();
    properties.putAll(config);
    StringWriter out = new StringWriter();
    try {
      properties.store(out, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static Map<String, String> decode(String encoded) {
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(encoded));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> config = new HashMap<>();
    properties.forEach((k, v) -> config.put((String) k, (String) v));
    return Map.copyOf(config);
  }

  /** Dev and test only: a JWT key pair and a PII key, kept with the dev data. */
  private static Map<String, String> devKeys(Path dir)
      throws IOException, java.security.NoSuchAlgorithmException {
    Files.createDirectories(dir);
    Path privateKey = dir.resolve("jwt-private.pem");
    Path publicKey = dir.resolve("jwt-public.pem");
    Path piiKey = dir.resolve("pii.key");
    if (!Files.exists(privateKey) || !Files.exists(publicKey)) {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    if (!Files.exists(piiKey)) {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      Files.writeString(piiKey, Base64.getEncoder().encodeToString(key));
    }
    Map<String, String> config = new HashMap<>();
    config.put("fingertip.jwt.public-key-location", publicKey.toAbsolutePath().toString());
    config.put("fingertip.jwt.private-key-location", privateKey.toAbsolutePath().toString());
    config.put("fingertip.pii.active-key-id", "dev1");
    config.put("fingertip.pii.keys", "dev1:" + Files.readString(piiKey).trim());
    // dev only: derived from the dev PII key so one generated file is enough
    config.put(
        "fingertip.pii.blind-index-key",
        Base64.getEncoder()
            .encodeToString(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(
                        ("blind-index:" + Files.readString(piiKey).trim())
                            .getBytes(StandardCharsets.UTF_8))));
    return config;
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort: target/ is cleaned by the build anyway
    }
  }

  /** Embedded PostgreSQL from Maven Central binaries (zonky). */
  private static final class Postgres {

    static Map<String, String> start(Path dataDir, boolean test, Map<String, Runnable> controls)
        throws IOException {
      Files.createDirectories(dataDir);
      var holder = new io.zonky.test.db.postgres.embedded.EmbeddedPostgres[1];
      holder[0] = builder(dataDir, test, 0).start();
      int port = holder[0].getPort();
      createDatabase(port);
      controls.put(
          "postgres.stop",
          () -> {
            try {
              holder[0].close();
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
      controls.put(
          "postgres.start",
          () -> {
            try {
              holder[0] = builder(dataDir, test, port).start();
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
      Map<String, String> config = new HashMap<>();
      config.put("fingertip.database.url", "postgresql://127.0.0.1:" + port + "/" + DATABASE);
      config.put("fingertip.database.username", "postgres");
      config.put("fingertip.database.password", "postgres");
      return config;
    }

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder builder(
        Path dataDir, boolean test, int port) {
      var builder =
          io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(false)
              .setPGStartupWait(java.time.Duration.ofSeconds(60))
              // Chinese text handling must not depend on the machine's LANG (CI may leave it
              // unset).
              .setLocaleConfig("locale", "C.UTF-8")
              .setServerConfig("max_connections", "200")
              .setServerConfig("timezone", "Asia/Shanghai");
      if (test) {
        // Throw-away data: durability buys nothing and costs seconds per test run.
        builder
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off");
      }
      if (port != 0) {
        builder.setPort(port);
      }
      return builder;
    }

    /** The application database, UTF-8 with an explicit C.UTF-8 collation and ctype. */
    private static void createDatabase(int port) throws IOException {
      String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
      try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
          Statement s = c.createStatement()) {
        try (ResultSet rs =
            s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
          if (rs.next()) {
            return;
          }
        }
        s.execute(
            "CREATE DATABASE "
                + DATABASE
                + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'");
      } catch (SQLException e) {
        throw new IOException("Could not create database " + DATABASE, e);
      }
    }
  }

  /** In-process S3-compatible server (S3Proxy) on a filesystem blob store. */
  private static final class S3 {

    static Map<String, String> start(Path dir, Map<String, Runnable> controls) throws IOException {
      Files.createDirectories(dir);
      var holder = new org.gaul.s3proxy.S3Proxy[1];
      holder[0] = build(dir, 0);
      int port = holder[0].getPort();
      controls.put(
          "s3.stop",
          () -> {
            try {
              holder[0].stop();
            } catch (java.util.concurrent.TimeoutException e) {
              // Jetty gave up waiting for idle keep-alive connections; the server is stopped.
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
      controls.put("s3.start", () -> holder[0] = build(dir, port));
      Map<String, String> config = new HashMap<>();
      config.put("fingertip.storage.endpoint", "http://127.0.0.1:" + port);
      config.put("fingertip.storage.access-key", S3_ACCESS_KEY);
      config.put("fingertip.storage.secret-key", S3_SECRET_KEY);
      return config;
    }

    private static org.gaul.s3proxy.S3Proxy build(Path dir, int port) {
      try {
        org.gaul.s3proxy.S3Proxy proxy =
            org.gaul.s3proxy.S3Proxy.builder()
                .blobStore(
                    new org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore(
                        dir.toAbsolutePath().toString()))
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(
                    org.gaul.s3proxy.auth.AuthenticationType.AWS_V2_OR_V4,
                    S3_ACCESS_KEY,
                    S3_SECRET_KEY)
                .stopTimeout(1_000)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!proxy.getState().equals("STARTED") && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        return proxy;
      } catch (Exception e) {
        throw new IllegalStateException("Could not start S3Proxy", e);
      }
    }
  }
}
