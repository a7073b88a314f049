package dev.parley.core;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Client-side rate limits, so that the platform never has to answer 429: per Messenger page
 * (default 300 requests/s for text and templates, 10/s for audio and video), per WhatsApp number
 * (default 80/s, up to 1,000 for upgraded numbers, settable per number) and per WhatsApp customer
 * (one message every 6 s by default: the pair rate limit). A page or number limit of N per second
 * is kept the way the platform counts it: never more than N requests in any sliding second
 * (counted when each request is handed to the HTTP client, over a window 30 ms longer than a second
 * for requests that travel at uneven speeds), with no burst on top; within it the requests go at
 * an even pace of N per 1.03 s (about 97 % of the rate), a few at once at most (a thirtieth of N,
 * at least 3). When the platform nevertheless answers that a page or number is over its rate
 * (HTTP 429, Graph code 613, WhatsApp 80007 or 130429), every send from it pauses for the answer's
 * {@code Retry-After} (1 s without one), not only the refused message, which is retried under the
 * {@link RetryPolicy}. The per-customer limit allows a burst of 3 messages (a bot's
 * answer is often two or three messages at once), after which messages to that customer go one
 * per interval. Meta tolerates short bursts to one customer (up to 45 in 6 s, borrowed from the
 * following minutes); 3 stays well inside that. A message over a limit waits its turn on the
 * scheduler, no thread blocked; nothing fails for being early.
 *
 * <pre>{@code
 * RateLimits limits = RateLimits.builder().whatsAppNumberPerSecond("106540352242922", 1000).build();
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class RateLimits {
  /** The platform defaults above. */
  public static final RateLimits DEFAULT = builder().build();

  private final int messengerTextPerSecond;
  private final int messengerMediaPerSecond;
  private final int whatsAppNumberPerSecond;
  private final Map<String, Integer> whatsAppNumberOverrides;
  private final Duration whatsAppCustomerInterval;
  private final int whatsAppCustomerBurst;
  private final boolean enabled;

  private RateLimits(Builder builder, boolean enabled) {
    this.messengerTextPerSecond = builder.messengerTextPerSecond;
    this.messengerMediaPerSecond = builder.messengerMediaPerSecond;
    this.whatsAppNumberPerSecond = builder.whatsAppNumberPerSecond;
    this.whatsAppNumberOverrides = Map.copyOf(builder.whatsAppNumberOverrides);
    this.whatsAppCustomerInterval = builder.whatsAppCustomerInterval;
    this.whatsAppCustomerBurst = builder.whatsAppCustomerBurst;
    this.enabled = enabled;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** No client-side limit at all: for tests, or when something else in front of Parley limits. */
  public static RateLimits none() {
    return new RateLimits(new Builder(), false);
  }

  public boolean enabled() {
    return enabled;
  }

  public int messengerTextPerSecond() {
    return messengerTextPerSecond;
  }

  public int messengerMediaPerSecond() {
    return messengerMediaPerSecond;
  }

  /** The limit of one WhatsApp number: its override, or the default. */
  public int whatsAppNumberPerSecond(String phoneNumberId) {
    return whatsAppNumberOverrides.getOrDefault(phoneNumberId, whatsAppNumberPerSecond);
  }

  public Duration whatsAppCustomerInterval() {
    return whatsAppCustomerInterval;
  }

  /** How many messages may go to one WhatsApp customer at once before the interval applies. */
  public int whatsAppCustomerBurst() {
    return whatsAppCustomerBurst;
  }

  @Override
  public String toString() {
    return enabled
        ? "RateLimits{messenger " + messengerTextPerSecond + "/s text, " + messengerMediaPerSecond
            + "/s audio+video; whatsApp " + whatsAppNumberPerSecond + "/s per number " + whatsAppNumberOverrides
            + ", one per " + whatsAppCustomerInterval + " per customer after a burst of " + whatsAppCustomerBurst + "}"
        : "RateLimits{none}";
  }

  /** Builds {@link RateLimits}; each setter rejects a bad value at once. Not thread-safe. */
  public static final class Builder {
    private int messengerTextPerSecond = 300;
    private int messengerMediaPerSecond = 10;
    private int whatsAppNumberPerSecond = 80;
    private final Map<String, Integer> whatsAppNumberOverrides = new HashMap<>();
    private Duration whatsAppCustomerInterval = Duration.ofSeconds(6);
    private int whatsAppCustomerBurst = 3;

    private Builder() {}

    /** Requests per second per Messenger page for text, templates and images (Meta: 300). */
    public Builder messengerTextPerSecond(int perSecond) {
      this.messengerTextPerSecond = requireRate("messengerTextPerSecond", perSecond, 300);
      return this;
    }

    /** Requests per second per Messenger page for audio and video (Meta: 10). */
    public Builder messengerMediaPerSecond(int perSecond) {
      this.messengerMediaPerSecond = requireRate("messengerMediaPerSecond", perSecond, 10);
      return this;
    }

    /** Messages per second of every WhatsApp number without an override (Meta: 80, upgraded numbers 1,000). */
    public Builder whatsAppNumberPerSecond(int perSecond) {
      this.whatsAppNumberPerSecond = requireRate("whatsAppNumberPerSecond", perSecond, 1000);
      return this;
    }

    /** Messages per second of one WhatsApp number. */
    public Builder whatsAppNumberPerSecond(String phoneNumberId, int perSecond) {
      Objects.requireNonNull(phoneNumberId, "phoneNumberId");
      whatsAppNumberOverrides.put(phoneNumberId, requireRate("whatsAppNumberPerSecond", perSecond, 1000));
      return this;
    }

    /** The spacing between two messages to one WhatsApp customer from one number (Meta: about 6 s). */
    public Builder whatsAppCustomerInterval(Duration interval) {
      Objects.requireNonNull(interval, "whatsAppCustomerInterval");
      if (interval.isNegative() || interval.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new InvalidRequestException("whatsAppCustomerInterval " + interval + " must be between 0 and 1 minute");
      }
      this.whatsAppCustomerInterval = interval;
      return this;
    }

    /**
     * How many messages may go to one WhatsApp customer back to back before the interval applies
     * (default 3; 1 means strictly one per interval). Meta allows short bursts of up to 45.
     */
    public Builder whatsAppCustomerBurst(int burst) {
      if (burst < 1 || burst > 45) {
        throw new InvalidRequestException("whatsAppCustomerBurst " + burst
            + " must be between 1 and 45; WhatsApp tolerates bursts of at most 45 messages to one customer");
      }
      this.whatsAppCustomerBurst = burst;
      return this;
    }

    public RateLimits build() {
      return new RateLimits(this, true);
    }

    private static int requireRate(String field, int perSecond, int platformMax) {
      if (perSecond < 1 || perSecond > platformMax) {
        throw new InvalidRequestException(field + " " + perSecond + " must be between 1 and " + platformMax
            + "; the platform allows at most " + platformMax);
      }
      return perSecond;
    }
  }
}
