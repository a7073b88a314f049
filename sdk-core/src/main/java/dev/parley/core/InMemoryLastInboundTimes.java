package dev.parley.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@link LastInboundTimes} in memory, for a bare client and for tests; lost at restart. Record each
 * inbound message with {@link #record}; an older time never replaces a newer one. Thread-safe.
 */
public final class InMemoryLastInboundTimes implements LastInboundTimes {
  private final ConcurrentMap<Recipient, Instant> times = new ConcurrentHashMap<>();

  /** Notes that {@code customer} wrote at {@code at}. */
  public void record(Recipient customer, Instant at) {
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(at, "at");
    times.merge(customer, at, (old, now) -> now.isAfter(old) ? now : old);
  }

  @Override
  public Optional<Instant> lastInbound(Recipient customer) {
    return Optional.ofNullable(times.get(customer));
  }

  @Override
  public String toString() {
    return "InMemoryLastInboundTimes{" + times.size() + " customers}";
  }
}
