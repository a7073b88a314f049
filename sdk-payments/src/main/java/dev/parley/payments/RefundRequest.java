package dev.parley.payments;

import dev.parley.core.InvalidRequestException;
import dev.parley.core.Money;
import java.util.Objects;

/**
 * An agent's request to give money back.
 *
 * <p>{@code requestId} identifies the action (the inbox's click, a ticket): sending the same request
 * again, after a timeout or a double click, refunds once. The Stripe idempotency key is derived from
 * order, amount and request id.
 *
 * @param orderId the paid order
 * @param amount how much, or null for everything still refundable
 * @param requestId unique per refund action, at most 100 characters
 * @param agent who asks, recorded with the refund and in Stripe's metadata
 */
public record RefundRequest(String orderId, Money amount, String requestId, String agent) {

  public RefundRequest {
    Order.requireText("order id", orderId, Order.MAX_ID_LENGTH);
    Order.requireText("refund request id", requestId, 100);
    Order.requireText("agent", agent, 200);
    if (amount != null && !amount.isPositive()) {
      throw new InvalidRequestException("refund amount is " + amount + "; a refund must be more than zero");
    }
  }

  /** Everything still refundable on the order. */
  public static RefundRequest full(String orderId, String requestId, String agent) {
    return new RefundRequest(orderId, null, requestId, agent);
  }

  /** Part of the payment. */
  public static RefundRequest partial(String orderId, Money amount, String requestId, String agent) {
    return new RefundRequest(orderId, Objects.requireNonNull(amount, "amount"), requestId, agent);
  }

  /** True when the request asks for everything still refundable. */
  public boolean isFull() {
    return amount == null;
  }
}
