package dev.parley.core.outbox;

import dev.parley.core.Recipient;
import java.time.Instant;
import java.util.Objects;

/**
 * One message in the outbox. Values, thread-safe.
 *
 * @param id the store's id; ids grow in enqueue order, which is the delivery order per recipient
 * @param recipient who the message goes to; entries to one recipient are delivered one at a time, in order
 * @param payload the message as JSON
 * @param dedupKey the caller's key (such as order id + status); enqueueing it again is a no-op
 * @param state where the entry stands
 * @param attempts delivery attempts made so far
 * @param createdAt when it was enqueued
 * @param availableAt for PENDING, when it may next be attempted; for IN_FLIGHT, when the claim expires
 * @param claimToken the token of the current claim (IN_FLIGHT only), or null
 * @param lastError why the last attempt failed (or why it was parked), or null
 */
public record OutboxEntry(long id, Recipient recipient, String payload, String dedupKey, State state, int attempts,
    Instant createdAt, Instant availableAt, String claimToken, String lastError) {

  /** Where an entry stands. */
  public enum State {
    /** Waiting for its turn or its next attempt. */
    PENDING,
    /** Claimed by a worker until {@code availableAt}; taken again after that if not finished. */
    IN_FLIGHT,
    /** The platform accepted it. */
    DELIVERED,
    /** Failed permanently (or ran out of attempts); waits for a person to retry or drop it. */
    PARKED
  }

  public OutboxEntry {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(dedupKey, "dedupKey");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(availableAt, "availableAt");
  }
}
