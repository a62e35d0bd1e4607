package org.fingertip.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one clock of the service, in Asia/Shanghai. Every "now" in the code comes from here, so tests
 * can move time (a public notice ending, a lunch cutoff passing) with {@link #setOffset}. In
 * production the offset stays zero.
 */
@ApplicationScoped
public class AppClock extends Clock {

  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  @Override
  public ZoneId getZone() {
    return ZONE;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.offset(Clock.system(zone), offset.get());
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset.get());
  }

  public LocalDate today() {
    return LocalDate.now(this);
  }

  public ZonedDateTime zonedNow() {
    return ZonedDateTime.now(this);
  }

  /** Moves the clock so that "now" is the given instant (tests only). */
  public void travelTo(Instant target) {
    offset.set(Duration.between(Instant.now(), target));
  }

  public void setOffset(Duration value) {
    offset.set(value);
  }

  public void reset() {
    offset.set(Duration.ZERO);
  }
}
