package dev.parley.core.internal.send;

import dev.parley.core.Channel;
import dev.parley.core.RateLimits;
import dev.parley.core.Recipient;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The rate limiters of one configuration, created on first use: per Messenger page (text and
 * media apart), per WhatsApp number, and per WhatsApp customer (the pair rate limit, one message
 * per interval without burst). Shared by derived clients. Thread-safe.
 */
final class SendRateLimits {
  /** Idle per-customer limiters are dropped every this many reservations, so the map stays small. */
  private static final int SWEEP_EVERY = 4096;

  private final RateLimits limits;
  private final ConcurrentMap<String, RateLimiter> senders = new ConcurrentHashMap<>();
  private final ConcurrentMap<Recipient, RateLimiter> customers = new ConcurrentHashMap<>();
  private final AtomicInteger customerReservations = new AtomicInteger();

  SendRateLimits(RateLimits limits) {
    this.limits = limits;
  }

  RateLimits limits() {
    return limits;
  }

  /** The slot for one request of the sender (page or number); {@code heavyMedia} is Messenger audio or video. */
  Instant reserveSender(Recipient recipient, boolean heavyMedia, Instant now) {
    if (!limits.enabled()) {
      return now;
    }
    String key = recipient.channel() + ":" + recipient.businessId() + (heavyMedia ? ":media" : "");
    return senders.computeIfAbsent(key, k -> recipient.channel() == Channel.MESSENGER
        ? RateLimiter.perSecond(heavyMedia ? limits.messengerMediaPerSecond() : limits.messengerTextPerSecond())
        : RateLimiter.perSecond(limits.whatsAppNumberPerSecond(recipient.businessId()))).reserve(now);
  }

  /** The slot for one message to a WhatsApp customer; Messenger has no per-customer limit. */
  Instant reserveCustomer(Recipient recipient, Instant now) {
    if (!limits.enabled() || recipient.channel() != Channel.WHATSAPP || limits.whatsAppCustomerInterval().isZero()) {
      return now;
    }
    if (customerReservations.incrementAndGet() % SWEEP_EVERY == 0) {
      customers.keySet().forEach(key -> customers.computeIfPresent(key, (k, limiter) -> limiter.idleAt(now) ? null : limiter));
    }
    Instant[] slot = new Instant[1];
    // reserving inside compute keeps a sweep from dropping a limiter between lookup and reservation
    customers.compute(recipient, (key, limiter) -> {
      RateLimiter current = limiter == null ? new RateLimiter(limits.whatsAppCustomerInterval(), 1) : limiter;
      slot[0] = current.reserve(now);
      return current;
    });
    return slot[0];
  }
}
