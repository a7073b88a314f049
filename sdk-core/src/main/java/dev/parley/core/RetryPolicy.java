package dev.parley.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How the send path retries what may succeed later (HTTP 5xx, 429, Graph throttling and temporary
 * codes, network failures): at most {@code maxAttempts} attempts in all, waiting
 * {@code initialBackoff × multiplier^(n-1)} (capped at {@code maxBackoff}) before retry {@code n},
 * shortened at random by up to {@code jitter} (0 to 1) so that many clients do not retry in step,
 * and never less than the platform's {@code Retry-After}. It gives up when the next wait would end
 * after {@code maxTotalTime} from the first attempt. Permanent errors are never retried.
 *
 * <pre>{@code
 * RetryPolicy patient = RetryPolicy.builder().maxAttempts(6).maxTotalTime(Duration.ofMinutes(2)).build();
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier,
    double jitter, Duration maxTotalTime) {

  /** 4 attempts, 500 ms doubling to at most 30 s, 20% jitter, 60 s in all. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(30), 2.0, 0.2, Duration.ofSeconds(60));

  public RetryPolicy {
    if (maxAttempts < 1 || maxAttempts > 20) {
      throw new InvalidRequestException("retry maxAttempts " + maxAttempts + " must be between 1 and 20");
    }
    requirePositive("initialBackoff", initialBackoff);
    requirePositive("maxBackoff", maxBackoff);
    requirePositive("maxTotalTime", maxTotalTime);
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new InvalidRequestException("retry maxBackoff " + maxBackoff + " is shorter than initialBackoff " + initialBackoff);
    }
    if (!(multiplier >= 1.0 && multiplier <= 10.0)) {
      throw new InvalidRequestException("retry multiplier " + multiplier + " must be between 1 and 10");
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new InvalidRequestException("retry jitter " + jitter + " must be between 0 and 1");
    }
  }

  /** One attempt, no retry. */
  public static RetryPolicy none() {
    return DEFAULT.toBuilder().maxAttempts(1).build();
  }

  public static Builder builder() {
    return DEFAULT.toBuilder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The wait before attempt {@code attempt + 1}, before jitter: the exponential backoff, capped. */
  public Duration backoff(int attempt) {
    double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
    return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
  }

  private static void requirePositive(String field, Duration value) {
    Objects.requireNonNull(value, field);
    if (value.isNegative() || value.isZero()) {
      throw new InvalidRequestException("retry " + field + " " + value + " must be positive");
    }
  }

  /** Builds a {@link RetryPolicy}, starting from {@link #DEFAULT}. Not thread-safe. */
  public static final class Builder {
    private int maxAttempts;
    private Duration initialBackoff;
    private Duration maxBackoff;
    private double multiplier;
    private double jitter;
    private Duration maxTotalTime;

    private Builder(RetryPolicy from) {
      maxAttempts = from.maxAttempts;
      initialBackoff = from.initialBackoff;
      maxBackoff = from.maxBackoff;
      multiplier = from.multiplier;
      jitter = from.jitter;
      maxTotalTime = from.maxTotalTime;
    }

    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
      return this;
    }

    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
      return this;
    }

    public Builder multiplier(double multiplier) {
      this.multiplier = multiplier;
      return this;
    }

    public Builder jitter(double jitter) {
      this.jitter = jitter;
      return this;
    }

    public Builder maxTotalTime(Duration maxTotalTime) {
      this.maxTotalTime = maxTotalTime;
      return this;
    }

    public RetryPolicy build() {
      return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, multiplier, jitter, maxTotalTime);
    }
  }
}
