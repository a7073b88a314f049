package dev.parley.payments;

import dev.parley.core.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * The payment of one order as Parley last recorded it.
 *
 * @param orderId the order
 * @param orderVersion the version the current payment page was made for
 * @param status where the payment stands
 * @param total what the order asks for
 * @param paid what Stripe reported received (zero until paid)
 * @param refunded what went back to the customer, as Stripe confirmed it
 * @param sessionId the current Checkout Session, or null while it is being created
 * @param attempt 1 for the first payment page of this version, 2 for the fresh one after it expired, ...
 * @param checkoutUrl the current payment page, or null
 * @param expiresAt when the current payment page expires
 * @param paymentIntentId Stripe's PaymentIntent once the customer paid, or null
 * @param updatedAt when this record last changed
 */
public record PaymentState(
    String orderId,
    int orderVersion,
    PaymentStatus status,
    Money total,
    Money paid,
    Money refunded,
    String sessionId,
    int attempt,
    String checkoutUrl,
    Instant expiresAt,
    String paymentIntentId,
    Instant updatedAt) {

  public PaymentState {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(paid, "paid");
    Objects.requireNonNull(refunded, "refunded");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  PaymentState withStatus(PaymentStatus next, Instant now) {
    return new PaymentState(orderId, orderVersion, next, total, paid, refunded, sessionId, attempt, checkoutUrl,
        expiresAt, paymentIntentId, now);
  }

  PaymentState withPayment(Money amount, String paymentIntent, String paidSession, Instant now) {
    return new PaymentState(orderId, orderVersion, PaymentStatus.PAID, total, amount, refunded, paidSession, attempt,
        checkoutUrl, expiresAt, paymentIntent == null ? paymentIntentId : paymentIntent, now);
  }

  PaymentState withPaymentIntent(String paymentIntent, Instant now) {
    return new PaymentState(orderId, orderVersion, status, total, paid, refunded, sessionId, attempt, checkoutUrl,
        expiresAt, paymentIntent == null ? paymentIntentId : paymentIntent, now);
  }

  /** Records the refunded amount and derives the status from it. */
  PaymentState withRefunded(Money amount, Instant now) {
    PaymentStatus next;
    if (amount.isZero()) {
      next = PaymentStatus.PAID;
    } else if (amount.compareTo(paid) >= 0) {
      next = PaymentStatus.REFUNDED;
    } else {
      next = PaymentStatus.PARTIALLY_REFUNDED;
    }
    return new PaymentState(orderId, orderVersion, next, total, paid, amount, sessionId, attempt, checkoutUrl,
        expiresAt, paymentIntentId, now);
  }
}
