package dev.parley.payments;

/**
 * Where an order's payment stands. It moves forward only: an event that arrives late (Stripe does
 * not keep order) never takes an order back to an earlier state, so {@code checkout.session.expired}
 * after {@code checkout.session.completed} leaves the order {@link #PAID}.
 *
 * <pre>
 * CREATED → OPEN → PROCESSING → PAID → PARTIALLY_REFUNDED → REFUNDED
 *                 ↘ FAILED / EXPIRED ↗ (late payment still counts)
 * </pre>
 *
 * The one way back is explicit: offering a fresh payment link for a {@link #FAILED} or
 * {@link #EXPIRED} order opens it again. And a refund Stripe reports failed returns its amount,
 * which can take a refunded order back to {@link #PARTIALLY_REFUNDED} or {@link #PAID}.
 */
public enum PaymentStatus {
  /** A Checkout Session is being created. */
  CREATED(0),
  /** The payment page is open and waits for the customer. */
  OPEN(1),
  /** The customer finished checkout with a delayed payment method; the money has not arrived yet. */
  PROCESSING(2),
  /** The delayed payment failed. */
  FAILED(3),
  /** The payment page expired unpaid. */
  EXPIRED(3),
  /** The money arrived. */
  PAID(4),
  /** Part of the payment went back to the customer. */
  PARTIALLY_REFUNDED(5),
  /** All of it went back. */
  REFUNDED(6);

  private final int rank;

  PaymentStatus(int rank) {
    this.rank = rank;
  }

  /** True when an event may move an order from this status to {@code next}. */
  boolean canAdvanceTo(PaymentStatus next) {
    return next.rank > rank;
  }

  /** True once the money arrived: paid or (partly) refunded. */
  public boolean isPaid() {
    return rank >= PAID.rank;
  }
}
