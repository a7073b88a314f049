package dev.parley.payments;

/**
 * Receives the outcomes of Stripe's webhook events. Called on the webhook request's thread after
 * the outcome is durably recorded; a listener that throws makes the webhook answer 500, so Stripe
 * delivers the event again and every listener gets the same outcome again. Listeners must
 * therefore be idempotent (use {@link PaymentEvent#dedupKey()}) and quick (enqueue, don't send).
 * Implementations must be thread-safe: events of different orders arrive concurrently.
 */
@FunctionalInterface
public interface PaymentListener {
  void onPaymentEvent(PaymentEvent event);
}
