package dev.parley.core;

import java.time.Duration;

/**
 * The platform said to slow down (HTTP 429, Graph codes 4, 17, 341, 613, WhatsApp 130429, 131056)
 * and the retry policy gave up, or a client-side rate limit could not take the message in time.
 * Try again after {@link #retryAfter()}.
 */
public class RateLimitedException extends ParleyException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  public RateLimitedException(String message, Duration retryAfter, PlatformError error, Throwable cause) {
    super(message, error, cause);
    this.retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
  }

  /** How long to wait before trying again; zero when the platform did not say. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
