package dev.parley.core.outbox;

/**
 * How many outbox entries are in each state, for health checks and metrics. Values, thread-safe.
 */
public record OutboxCounts(long pending, long inFlight, long parked, long delivered) {

  /** Entries not yet delivered nor parked: the queue's depth. */
  public long unfinished() {
    return pending + inFlight;
  }
}
