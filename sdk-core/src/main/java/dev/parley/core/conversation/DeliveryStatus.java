package dev.parley.core.conversation;

/**
 * Where a message stands. Outbound messages only move forward: {@code PENDING → SENT → DELIVERED →
 * READ}, or {@code FAILED} before delivery; a late or repeated webhook never moves one back (Meta
 * delivers statuses out of order). Inbound messages are {@code RECEIVED}.
 */
public enum DeliveryStatus {
  /** Stored before the platform accepted it. */
  PENDING(0),
  /** The platform accepted it (it has a platform message id). */
  SENT(1),
  /** The platform could not deliver it; see the failure reason. */
  FAILED(2),
  /** It reached the customer's device. */
  DELIVERED(3),
  /** The customer read it. */
  READ(4),
  /** A message from the customer. */
  RECEIVED(5);

  private final int rank;

  DeliveryStatus(int rank) {
    this.rank = rank;
  }

  /** The order statuses move in; an update to a lower or equal rank is ignored. */
  public int rank() {
    return rank;
  }
}
