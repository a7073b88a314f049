package dev.parley.payments;

import dev.parley.core.InvalidRequestException;
import dev.parley.core.Money;

/**
 * A refund Parley refused before asking Stripe: the order is not paid, or the amount is more than
 * what is left to refund. Nothing was sent and nothing changed.
 */
public class RefundRefusedException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  private final String orderId;
  private final transient Money requested;
  private final transient Money refundable;

  RefundRefusedException(String message, String orderId, Money requested, Money refundable) {
    super(message);
    this.orderId = orderId;
    this.requested = requested;
    this.refundable = refundable;
  }

  public String orderId() {
    return orderId;
  }

  /** The amount asked for, or null when the request asked for everything. */
  public Money requested() {
    return requested;
  }

  /** What could have been refunded. */
  public Money refundable() {
    return refundable;
  }
}
