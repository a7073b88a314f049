/**
 * Payment buttons on Stripe Checkout, verified payment events and refunds.
 *
 * <ul>
 *   <li>{@link dev.parley.payments.Order}: what is paid for; totals computed here, amounts in
 *       {@link dev.parley.core.Money}; {@link dev.parley.payments.StripeAmounts} holds Stripe's own
 *       rules (minimum and maximum charge, three-decimal amounts ending in 0).
 *   <li>{@link dev.parley.payments.CheckoutButtons}: the entry point. An order becomes a Checkout
 *       Session and a {@link dev.parley.payments.PaymentLink} ("Pay €42.00") whose
 *       {@code button()} any sdk-core message carries.
 *   <li>{@link dev.parley.payments.StripeWebhookHandler}: Stripe's signed events, deduplicated and
 *       applied forward-only to the order's {@link dev.parley.payments.PaymentState}, become
 *       {@link dev.parley.payments.PaymentEvent}s for {@link dev.parley.payments.PaymentListener}s;
 *       the default listener tells the customer through a {@link dev.parley.payments.CustomerNotifier}
 *       with {@link dev.parley.payments.PaymentMessages}.
 *   <li>{@link dev.parley.payments.Refunds}: full or partial refunds for the agent inbox.
 *   <li>{@link dev.parley.payments.PaymentStore}: the state, in memory or in the conversation
 *       store's database.
 *   <li>{@link dev.parley.payments.StripeEventSigner}: signs test events the way Stripe does.
 * </ul>
 *
 * <p>stripe-java {@value com.stripe.Stripe#VERSION} reads events of API version
 * {@value com.stripe.Stripe#API_VERSION} (and others of the same release); create webhook
 * endpoints with that {@code api_version}.
 */
package dev.parley.payments;
