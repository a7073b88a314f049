package dev.parley.core.internal.send;

import java.time.Duration;
import java.time.Instant;

/**
 * The per-customer rate limit as a generic cell rate algorithm (a token bucket without a refill
 * task): one request per {@code interval}, after a burst of {@code burst} requests. {@link #reserve} never
 * waits; it books the earliest slot and returns when it is, so the caller can schedule the work
 * there instead of blocking a thread. Thread-safe.
 */
final class RateLimiter {
  private final long intervalNanos;
  private final long toleranceNanos;
  /** The theoretical arrival time of the next request, in nanoseconds since the epoch. */
  private long theoreticalArrival = Long.MIN_VALUE;

  RateLimiter(Duration interval, int burst) {
    this.intervalNanos = interval.toNanos();
    this.toleranceNanos = interval.toNanos() * Math.max(0, burst - 1);
  }

  /** Books the earliest slot at or after {@code now} and returns it. */
  synchronized Instant reserve(Instant now) {
    long nowNanos = nanos(now);
    long arrival = Math.max(theoreticalArrival, nowNanos);
    long slot = Math.max(nowNanos, arrival - toleranceNanos);
    theoreticalArrival = arrival + intervalNanos;
    return now.plusNanos(slot - nowNanos);
  }

  /** True when a request at {@code now} would go at once and leave no trace: the limiter may be forgotten. */
  synchronized boolean idleAt(Instant now) {
    return theoreticalArrival <= nanos(now);
  }

  private static long nanos(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }
}
