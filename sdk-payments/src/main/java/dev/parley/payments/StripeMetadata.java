package dev.parley.payments;

/**
 * The metadata keys Parley puts on Stripe objects, on the Checkout Session and on its PaymentIntent
 * (Session metadata does not reach the PaymentIntent, the Charge or refund events), and on refunds.
 * Keys are at most 40 characters; values at most 500.
 */
final class StripeMetadata {
  static final String ORDER_ID = "parley_order_id";
  static final String ORDER_VERSION = "parley_order_version";
  static final String CONVERSATION_ID = "parley_conversation_id";
  static final String TENANT_ID = "parley_tenant_id";
  static final String CUSTOMER = "parley_customer";
  static final String REFUND_REQUEST_ID = "parley_refund_request_id";
  static final String AGENT = "parley_agent";

  private StripeMetadata() {}
}
