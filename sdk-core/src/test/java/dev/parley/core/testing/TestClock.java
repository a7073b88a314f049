package dev.parley.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests move by hand, so that leases, backoff and due times pass without waiting. Starts at
 * 2026-03-01T09:00:00Z unless told otherwise. Thread-safe.
 */
public final class TestClock extends Clock {
  private volatile Instant now;

  public TestClock() {
    this(Instant.parse("2026-03-01T09:00:00Z"));
  }

  public TestClock(Instant start) {
    this.now = start;
  }

  /** Moves the clock forward (or back, with a negative duration) and returns the new time. */
  public synchronized Instant advance(Duration duration) {
    now = now.plus(duration);
    return now;
  }

  public void set(Instant instant) {
    now = instant;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
