package org.fingertip.meal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the meal service ({@code fingertip.meal.*}). */
@ConfigMapping(prefix = "fingertip.meal")
public interface MealConfig {

  /** HMAC key signing the pickup QR tokens (from the environment in production). */
  String qrKey();

  /** Orders (and reorders) one account may place per minute. */
  @WithDefault("20")
  int ordersPerMinute();

  /** How many days ahead a meal may be ordered. */
  @WithDefault("14")
  int maxDaysAhead();

  /** How often uncollected meals are marked missed ({@code off} disables the job). */
  @WithDefault("10m")
  String missedJobEvery();
}
