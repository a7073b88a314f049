package dev.parley.core.internal.send;

import dev.parley.core.ConnectionException;
import dev.parley.core.ParleyException;
import dev.parley.core.ParleyException.PlatformError;
import dev.parley.core.PlatformUnavailableException;
import dev.parley.core.RateLimitedException;
import dev.parley.core.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/** What a send and an upload share when they retry a Graph call: the wait, and the error when they give up. */
final class Retries {
  private Retries() {}

  /** {@code Retry-After} in seconds or as an HTTP date, measured on {@code clock}; zero when absent or unreadable. */
  static Duration retryAfter(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return Duration.ZERO;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(clock.instant(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notDate) {
        return Duration.ZERO;
      }
    }
  }

  /** The wait before the next attempt after {@code attempts}: the policy's jittered backoff, or longer if the platform asked. */
  static Duration delay(RetryPolicy policy, int attempts, Duration retryAfter) {
    Duration backoff = policy.backoff(attempts);
    double shrink = 1.0 - policy.jitter() * ThreadLocalRandom.current().nextDouble();
    Duration jittered = Duration.ofNanos((long) (backoff.toNanos() * shrink));
    return retryAfter.compareTo(jittered) > 0 ? retryAfter : jittered;
  }

  /** {@code last}, of the same kind and platform error, saying that {@code attempts} attempts were made. */
  static ParleyException gaveUp(ParleyException last, int attempts) {
    String message = last.getMessage() + " (gave up after " + attempts + " attempts)";
    PlatformError error = new PlatformError(last.httpStatus(), last.code(), last.subcode(), last.traceId(),
        last.isTransient());
    if (last instanceof RateLimitedException limited) {
      return new RateLimitedException(message, limited.retryAfter(), error, last);
    }
    if (last instanceof ConnectionException) {
      return new ConnectionException(message, last.getCause());
    }
    return new PlatformUnavailableException(message, error, last);
  }
}
