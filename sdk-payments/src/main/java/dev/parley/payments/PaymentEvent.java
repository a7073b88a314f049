package dev.parley.payments;

import dev.parley.core.Money;
import java.util.Objects;

/**
 * What happened to an order's payment, decided from Stripe's verified webhook events and handed to
 * every {@link PaymentListener}. Each outcome is decided once, however many times Stripe delivers
 * the event behind it; a listener that fails gets the same outcome again on Stripe's redelivery, so
 * listeners act idempotently with {@link #dedupKey()}.
 */
public sealed interface PaymentEvent {

  /** The order, as it was when its payment page was made. */
  Order order();

  /**
   * A key naming this outcome, the same on every redelivery: {@code paid:cs_...},
   * {@code expired:cs_...}, {@code failed:cs_...}, {@code refunded:re_...},
   * {@code refund-failed:re_...}. Use it as the outbox dedup key.
   */
  String dedupKey();

  /** The customer paid {@code amount} on Checkout Session {@code sessionId}. Send the receipt. */
  record Paid(Order order, String sessionId, String paymentIntentId, Money amount) implements PaymentEvent {
    public Paid {
      Objects.requireNonNull(order, "order");
      Objects.requireNonNull(sessionId, "sessionId");
      Objects.requireNonNull(amount, "amount");
    }

    @Override
    public String dedupKey() {
      return "paid:" + sessionId;
    }
  }

  /** A delayed payment (bank debit, voucher) failed after checkout. Offer a fresh link. */
  record Failed(Order order, String sessionId) implements PaymentEvent {
    public Failed {
      Objects.requireNonNull(order, "order");
      Objects.requireNonNull(sessionId, "sessionId");
    }

    @Override
    public String dedupKey() {
      return "failed:" + sessionId;
    }
  }

  /** The payment page expired unpaid. Offer a fresh link. */
  record Expired(Order order, String sessionId) implements PaymentEvent {
    public Expired {
      Objects.requireNonNull(order, "order");
      Objects.requireNonNull(sessionId, "sessionId");
    }

    @Override
    public String dedupKey() {
      return "expired:" + sessionId;
    }
  }

  /**
   * Stripe confirmed refund {@code refundId} of {@code amount}; {@code totalRefunded} is everything
   * refunded on the order so far. {@code agent} asked for it, or is null for a refund made outside
   * Parley (in Stripe's Dashboard).
   */
  record Refunded(Order order, String refundId, Money amount, Money totalRefunded, String agent)
      implements PaymentEvent {
    public Refunded {
      Objects.requireNonNull(order, "order");
      Objects.requireNonNull(refundId, "refundId");
      Objects.requireNonNull(amount, "amount");
      Objects.requireNonNull(totalRefunded, "totalRefunded");
    }

    /** True when nothing paid is left on the order. */
    public boolean isFull() {
      return totalRefunded.compareTo(order.total()) >= 0;
    }

    @Override
    public String dedupKey() {
      return "refunded:" + refundId;
    }
  }

  /** Stripe could not return refund {@code refundId} ({@code reason}: Stripe's {@code failure_reason}). Tell the agent. */
  record RefundFailed(Order order, String refundId, Money amount, String reason, String agent) implements PaymentEvent {
    public RefundFailed {
      Objects.requireNonNull(order, "order");
      Objects.requireNonNull(refundId, "refundId");
      Objects.requireNonNull(amount, "amount");
    }

    @Override
    public String dedupKey() {
      return "refund-failed:" + refundId;
    }
  }
}
