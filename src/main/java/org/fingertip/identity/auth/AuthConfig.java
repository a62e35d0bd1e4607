package org.fingertip.identity.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Sessions and login throttling. */
@ConfigMapping(prefix = "fingertip.auth")
public interface AuthConfig {

  /** Access-token lifetime (at most 2 h). */
  @WithDefault("PT1H")
  Duration accessTokenLifetime();

  @WithDefault("P30D")
  Duration refreshTokenLifetime();

  /** Logins and refreshes per client IP per minute. */
  @WithDefault("60")
  int perIpPerMinute();

  /** Logins and refreshes per account (openid, username, token family) per minute. */
  @WithDefault("10")
  int perAccountPerMinute();

  /** Failed staff logins in a row before the account locks. */
  @WithDefault("5")
  int staffMaxFailures();

  @WithDefault("PT15M")
  Duration staffLockout();
}
