package org.fingertip.platform.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.fingertip.platform.config.PiiConfig;

/** Builds the one {@link PiiCipher} from configuration. */
@ApplicationScoped
public class PiiCipherProducer {

  @Produces
  @Singleton
  PiiCipher piiCipher(PiiConfig config) {
    return new PiiCipher(config.activeKeyId(), config.keys(), config.blindIndexKey());
  }
}
