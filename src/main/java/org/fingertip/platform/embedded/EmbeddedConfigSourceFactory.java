package org.fingertip.platform.embedded;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * In the dev and test profiles, starts real PostgreSQL and S3 servers (and dev keys) for whatever
 * the configuration leaves unset, and hands their addresses to the rest of the configuration.
 *
 * <p>It is a config source rather than a startup bean because the datasource and the storage client
 * read their URLs before any bean runs. In every other profile it contributes nothing, and the
 * libraries it would start are not even in the packaged application.
 */
public class EmbeddedConfigSourceFactory implements ConfigSourceFactory {

  static final List<String> EMBEDDED_PROFILES = List.of("dev", "test");

  @Override
  public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
    boolean embeddedProfile = context.getProfiles().stream().anyMatch(EMBEDDED_PROFILES::contains);
    if (!embeddedProfile || "false".equals(valueOf(context, "fingertip.embedded.enabled"))) {
      return List.of();
    }
    boolean test = context.getProfiles().contains("test");
    Map<String, String> provided =
        EmbeddedServices.ensureStarted(
            test,
            isBlank(valueOf(context, "FINGERTIP_DB_URL")),
            isBlank(valueOf(context, "FINGERTIP_STORAGE_ENDPOINT")),
            isBlank(valueOf(context, "FINGERTIP_JWT_PUBLIC_KEY_LOCATION")));
    return List.of(new PropertiesConfigSource(provided, "fingertip-embedded", 275));
  }

  @Override
  public OptionalInt getPriority() {
    return OptionalInt.of(275);
  }

  /** Reads the raw environment/system value: the application properties refer to these names. */
  private static String valueOf(ConfigSourceContext context, String name) {
    ConfigValue value = context.getValue(name);
    return value == null ? null : value.getRawValue();
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
