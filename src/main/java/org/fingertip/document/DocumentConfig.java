package org.fingertip.document;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of document uploads. */
@ConfigMapping(prefix = "fingertip.document")
public interface DocumentConfig {

  /**
   * Largest accepted file, in bytes (10 MiB). The HTTP body limit ({@code
   * quarkus.http.limits.max-body-size}, 11M) cuts off anything far larger before it is spooled.
   */
  @WithDefault("10485760")
  long maxSizeBytes();
}
