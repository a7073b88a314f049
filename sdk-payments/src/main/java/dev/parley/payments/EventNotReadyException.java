package dev.parley.payments;

/**
 * A Stripe event that cannot be applied yet because an earlier one has not arrived (a refund of an
 * order not yet known as paid). Nothing is recorded; the webhook answers 503 and Stripe delivers
 * the event again later, by which time the earlier one has usually arrived.
 */
final class EventNotReadyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  EventNotReadyException(String message) {
    super(message, null, false, false);
  }
}
