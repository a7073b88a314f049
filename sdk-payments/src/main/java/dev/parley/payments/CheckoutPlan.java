package dev.parley.payments;

import dev.parley.core.InvalidRequestException;
import dev.parley.core.Money;
import java.time.Duration;
import java.time.Instant;

/**
 * What {@link CheckoutButtons#create} must do for an order, decided under the order's lock: return
 * the page already open ({@code existing}), or create session {@code attempt} expiring at
 * {@code expiresAt} (the same values when retrying an attempt whose answer was lost, so the
 * idempotency key and parameters match), expiring {@code superseded} afterwards.
 */
record CheckoutPlan(PaymentState existing, int version, int attempt, Instant expiresAt, String superseded) {

  /** An open page with less than this left is not handed out again: the customer needs time to pay. */
  private static final Duration MIN_REMAINING = Duration.ofMinutes(5);
  /** An unanswered attempt is retried with its own parameters only while Stripe would still accept its expiry. */
  private static final Duration MIN_RETRY_EXPIRY = Duration.ofMinutes(31);

  static CheckoutPlan decide(Ledger ledger, Order order, Instant now, Instant newExpiry) {
    if (ledger.state().isEmpty()) {
      start(ledger, order, 1, newExpiry, now);
      return new CheckoutPlan(null, order.version(), 1, newExpiry, null);
    }
    PaymentState state = ledger.state().get();
    Order offered = ledger.order().orElseThrow();
    if (state.status().isPaid()) {
      throw new InvalidRequestException("order " + order.id() + " is already paid (" + state.status()
          + ", " + state.paid() + "); make a new order to charge again");
    }
    if (state.status() == PaymentStatus.PROCESSING) {
      throw new InvalidRequestException("order " + order.id() + " is being paid with a delayed payment method;"
          + " wait for it to succeed or fail before offering another payment page");
    }
    if (order.version() < state.orderVersion()) {
      throw new InvalidRequestException("order " + order.id() + " version " + order.version()
          + " is older than version " + state.orderVersion() + ", offered already");
    }
    String open = state.status() == PaymentStatus.OPEN ? state.sessionId() : null;
    if (order.version() > state.orderVersion()) {
      start(ledger, order, 1, newExpiry, now);
      return new CheckoutPlan(null, order.version(), 1, newExpiry, open);
    }
    if (!order.equals(offered)) {
      throw new InvalidRequestException("order " + order.id() + " version " + order.version()
          + " was offered with other contents; give a changed order a higher version");
    }
    if (open != null && state.expiresAt().isAfter(now.plus(MIN_REMAINING))) {
      return new CheckoutPlan(state, state.orderVersion(), state.attempt(), state.expiresAt(), null);
    }
    if (state.status() == PaymentStatus.CREATED && state.expiresAt().isAfter(now.plus(MIN_RETRY_EXPIRY))) {
      return new CheckoutPlan(null, state.orderVersion(), state.attempt(), state.expiresAt(), null);
    }
    int attempt = state.attempt() + 1;
    start(ledger, order, attempt, newExpiry, now);
    return new CheckoutPlan(null, order.version(), attempt, newExpiry, open);
  }

  private static void start(Ledger ledger, Order order, int attempt, Instant expiresAt, Instant now) {
    Money zero = new Money(0, order.currency());
    String paymentIntent = ledger.state().map(PaymentState::paymentIntentId).orElse(null);
    ledger.putOrder(order);
    ledger.putState(new PaymentState(order.id(), order.version(), PaymentStatus.CREATED, order.total(), zero, zero,
        null, attempt, null, expiresAt, paymentIntent, now));
  }

  /** Records the created session, unless a later attempt or a payment overtook this one meanwhile. */
  void opened(Ledger ledger, String sessionId, String url, Instant sessionExpiry, Instant now) {
    PaymentState state = ledger.state().orElseThrow();
    if (state.orderVersion() != version || state.attempt() != attempt || state.status() != PaymentStatus.CREATED) {
      return;
    }
    ledger.putState(new PaymentState(state.orderId(), version, PaymentStatus.OPEN, state.total(), state.paid(),
        state.refunded(), sessionId, attempt, url, sessionExpiry, state.paymentIntentId(), now));
  }
}
