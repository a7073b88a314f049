package dev.parley.testkit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of a Checkout Session in the sandbox's Stripe: its state and money, as a test would
 * assert them. Amounts are in minor units. Immutable and thread-safe.
 *
 * @param id {@code cs_test_...}
 * @param status {@code open}, {@code complete} or {@code expired}
 * @param paymentStatus {@code unpaid}, {@code paid} or {@code no_payment_required}
 * @param amountTotal the total in minor units
 * @param currency lowercase ISO code
 * @param url the hosted payment page (served by the sandbox), null once the session is no longer open
 * @param clientReferenceId as given at creation, or null
 * @param metadata the session's metadata
 * @param paymentIntentId {@code pi_...} once paid (or pending a delayed payment), else null
 * @param amountRefunded minor units refunded so far
 * @param expiresAt when the session expires
 */
public record CheckoutSession(String id, String status, String paymentStatus, long amountTotal, String currency,
    String url, String clientReferenceId, Map<String, String> metadata, String paymentIntentId, long amountRefunded,
    Instant expiresAt) {

  public CheckoutSession {
    Objects.requireNonNull(id, "id");
    metadata = Map.copyOf(metadata);
  }
}
