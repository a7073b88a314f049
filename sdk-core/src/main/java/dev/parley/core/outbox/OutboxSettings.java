package dev.parley.core.outbox;

import java.time.Clock;
import java.time.Duration;

/** The checked settings of one {@link Outbox}. */
record OutboxSettings(Clock clock, Duration lease, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
    long capacity, int batchSize, int maxInFlight, Duration pollInterval, Duration shutdownGrace,
    OutboxListener listener) {

  /** What the builder fills in. */
  static final class Mutable {
    Clock clock = Clock.systemUTC();
    Duration lease = Duration.ofMinutes(5);
    int maxAttempts = 10;
    Duration initialBackoff = Duration.ofSeconds(1);
    Duration maxBackoff = Duration.ofMinutes(5);
    long capacity = 100_000;
    int batchSize = 50;
    int maxInFlight = 64;
    Duration pollInterval = Duration.ofMillis(500);
    Duration shutdownGrace = Duration.ofSeconds(10);
    OutboxListener listener = OutboxListener.NONE;

    OutboxSettings freeze() {
      return new OutboxSettings(clock, lease, maxAttempts, initialBackoff, maxBackoff, capacity, batchSize, maxInFlight,
          pollInterval, shutdownGrace, listener);
    }
  }

  static Duration positive(String field, Duration value, Duration min, Duration max) {
    if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(field + " must be from " + min + " to " + max + ", got " + value);
    }
    return value;
  }

  static int between(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(field + " must be from " + min + " to " + max + ", got " + value);
    }
    return value;
  }

  @Override
  public String toString() {
    return "lease " + lease + ", maxAttempts " + maxAttempts + ", backoff " + initialBackoff + ".." + maxBackoff
        + ", capacity " + capacity + ", batch " + batchSize + ", maxInFlight " + maxInFlight;
  }
}
