package dev.parley.core;

import java.time.Instant;
import java.util.Optional;

/**
 * When each customer last wrote to the business: the start of their messaging window. The send
 * path's policy reads it before every message; the conversation stores implement it, and
 * {@code InMemoryLastInboundTimes} serves a bare client. Implementations are thread-safe.
 */
@FunctionalInterface
public interface LastInboundTimes {
  /** The time of the customer's last inbound message on this channel and account, if any. */
  Optional<Instant> lastInbound(Recipient customer);
}
