package org.fingertip.platform.config;

import io.smallrye.config.ConfigMapping;

/**
 * Where the RS256 key pair for access tokens lives (PEM files, mounted from a secret in
 * production). Validated at start-up like every required setting.
 */
@ConfigMapping(prefix = "fingertip.jwt")
public interface JwtConfig {

  String publicKeyLocation();

  String privateKeyLocation();
}
