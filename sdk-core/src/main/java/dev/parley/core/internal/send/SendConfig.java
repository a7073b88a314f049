package dev.parley.core.internal.send;

import dev.parley.core.DelayScheduler;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.LastInboundTimes;
import dev.parley.core.RateLimits;
import dev.parley.core.RetryPolicy;
import dev.parley.core.UtilityTemplates;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * The frozen configuration of one {@code Parley}: accounts by {@link Account#key}, Graph base and
 * version, policies and collaborators. A null scheduler means the shared default one.
 *
 * <p>Public for wiring only. Immutable and thread-safe.
 */
public record SendConfig(
    Map<String, Account> accounts,
    String graphApiBase,
    String graphVersion,
    RetryPolicy retryPolicy,
    RateLimits rateLimits,
    Clock clock,
    DelayScheduler scheduler,
    LastInboundTimes lastInboundTimes,
    UtilityTemplates utilityTemplates,
    Locale locale,
    int maxConcurrentRequests,
    Duration connectTimeout,
    Duration callTimeout) {

  public SendConfig {
    accounts = Map.copyOf(accounts);
  }

  /** Validates a Graph base URL: absolute http(s), no query; returns it without a trailing slash. */
  public static String requireBaseUrl(String baseUrl) {
    HttpUrl url = baseUrl == null ? null : HttpUrl.parse(baseUrl);
    if (url == null || url.query() != null) {
      throw new InvalidRequestException("graphApiBase " + Limits.quote(baseUrl) + " is not an absolute http(s) URL without a query");
    }
    return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /** Validates a timeout: positive, at most 10 minutes. */
  public static Duration requireTimeout(String field, Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new InvalidRequestException(field + " " + timeout + " must be positive and at most 10 minutes");
    }
    return timeout;
  }

  @Override
  public String toString() {
    return "SendConfig{" + graphApiBase + "/" + graphVersion + ", accounts=" + accounts.keySet() + "}";
  }
}
