package dev.parley.core.internal.send;

import dev.parley.core.Channel;
import dev.parley.core.DelayScheduler;
import dev.parley.core.RateLimits;
import dev.parley.core.Recipient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The rate limiters of one configuration, created on first use: per Messenger page (text and
 * media apart) and per WhatsApp number, sliding windows counted from when each request was written
 * out; per WhatsApp customer
 * (the pair rate limit), one message per interval after a short burst, booked at submission. Shared
 * by derived clients with the same limits, clock and scheduler. Thread-safe.
 */
final class SendRateLimits {
  /**
   * The sender's hard window: never more than its limit in any such window of write times, 30 ms
   * longer than the platform's second, because requests still travel at uneven speeds after they are
   * written: the network, and the platform's own side, may hold one up longer than the ones behind
   * it (with a 10 ms margin, P2 in BENCHMARKS.md still saw a few 429s; the pace is the same length,
   * so the steady rate does not change).
   */
  static final Duration SENDER_WINDOW = Duration.ofMillis(1030);
  /** The sender's pace: its limit per this (about 97 % of the rate), evenly. */
  static final Duration SENDER_PACE = Duration.ofMillis(1030);
  /** Idle per-customer limiters are dropped every this many reservations, so the map stays small. */
  private static final int SWEEP_EVERY = 4096;

  private final RateLimits limits;
  private final Clock clock;
  private final DelayScheduler scheduler;
  /** Sender limiters by page or number id, one map per kind, so that a lookup builds no key object. */
  private final ConcurrentMap<String, SlidingWindowLimiter> messengerText = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, SlidingWindowLimiter> messengerMedia = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, SlidingWindowLimiter> whatsAppNumbers = new ConcurrentHashMap<>();
  private final ConcurrentMap<Recipient, RateLimiter> customers = new ConcurrentHashMap<>();
  private final AtomicInteger customerReservations = new AtomicInteger();

  SendRateLimits(RateLimits limits, Clock clock, DelayScheduler scheduler) {
    this.limits = limits;
    this.clock = clock;
    this.scheduler = scheduler;
  }

  /** True when this state serves a configuration with these limits, this clock and this scheduler. */
  boolean serves(RateLimits limits, Clock clock, DelayScheduler scheduler) {
    return this.limits == limits && this.clock == clock && this.scheduler == scheduler;
  }

  /** The limiter of the sender (page or number) of {@code recipient}, or null when limits are off; {@code heavyMedia} is Messenger audio or video. */
  SlidingWindowLimiter sender(Recipient recipient, boolean heavyMedia) {
    if (!limits.enabled()) {
      return null;
    }
    boolean messenger = recipient.channel() == Channel.MESSENGER;
    ConcurrentMap<String, SlidingWindowLimiter> senders = !messenger ? whatsAppNumbers : heavyMedia ? messengerMedia : messengerText;
    SlidingWindowLimiter limiter = senders.get(recipient.businessId());
    return limiter != null ? limiter : senders.computeIfAbsent(recipient.businessId(), id -> new SlidingWindowLimiter(
        messenger
            ? heavyMedia ? limits.messengerMediaPerSecond() : limits.messengerTextPerSecond()
            : limits.whatsAppNumberPerSecond(id),
        SENDER_WINDOW, SENDER_PACE, clock, scheduler));
  }

  /** True when a message to {@code recipient} must {@link #reserveCustomer reserve} a per-customer slot. */
  boolean limitsCustomer(Recipient recipient) {
    return limits.enabled() && recipient.channel() == Channel.WHATSAPP && !limits.whatsAppCustomerInterval().isZero();
  }

  /** The slot for one message to a WhatsApp customer; Messenger has no per-customer limit. */
  Instant reserveCustomer(Recipient recipient, Instant now) {
    if (!limitsCustomer(recipient)) {
      return now;
    }
    if (customerReservations.incrementAndGet() % SWEEP_EVERY == 0) {
      customers.keySet().forEach(key -> customers.computeIfPresent(key, (k, limiter) -> limiter.idleAt(now) ? null : limiter));
    }
    Instant[] slot = new Instant[1];
    // reserving inside compute keeps a sweep from dropping a limiter between lookup and reservation
    customers.compute(recipient, (key, limiter) -> {
      RateLimiter current = limiter == null ? new RateLimiter(limits.whatsAppCustomerInterval(), limits.whatsAppCustomerBurst()) : limiter;
      slot[0] = current.reserve(now);
      return current;
    });
    return slot[0];
  }
}
