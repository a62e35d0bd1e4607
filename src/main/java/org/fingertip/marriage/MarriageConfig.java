package org.fingertip.marriage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of marriage appointments ({@code fingertip.marriage.*}). */
@ConfigMapping(prefix = "fingertip.marriage")
public interface MarriageConfig {

  /** HMAC key that signs check-in QR tokens (at least 32 characters; production from the env). */
  String checkInKey();

  /** Cancelling or rescheduling is possible until this long before the slot starts. */
  @WithDefault("PT2H")
  Duration cancelCutoff();

  /** Booking attempts (book and reschedule) per citizen per minute. */
  @WithDefault("10")
  int bookingsPerMinute();

  /** Slots are materialised this many days beyond each office's release window. */
  @WithDefault("14")
  int horizonDays();

  /** How long a freed place is held for the first on the waitlist. */
  @WithDefault("PT30M")
  Duration holdDuration();

  /** How many next slots with places a SLOT_FULL problem lists. */
  @WithDefault("5")
  int nextAvailable();

  /** How often the lottery job draws due days and ends unconfirmed wins ("off" disables it). */
  @WithDefault("1m")
  String lotteryJobEvery();
}
