package dev.parley.bot.concierge;

import dev.parley.core.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * An order of a customer and where its payment stands, as a {@link PaymentDesk} reports it to an
 * agent. Values, thread-safe.
 *
 * @param orderId the merchant's order id
 * @param description what was ordered, in a few words
 * @param total the order's total
 * @param paymentState the payment state in lower case: {@code created}, {@code open}, {@code paid},
 *     {@code failed}, {@code expired}, {@code partly_refunded}, {@code refunded}
 * @param refunded how much was refunded so far
 * @param paymentUrl the checkout link while payment is open, or null
 * @param updatedAt when the payment state last changed
 */
public record CustomerOrder(String orderId, String description, Money total, String paymentState, Money refunded,
    String paymentUrl, Instant updatedAt) {

  public CustomerOrder {
    Objects.requireNonNull(orderId, "orderId");
    description = description == null ? "" : description;
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(paymentState, "paymentState");
    refunded = refunded == null ? Money.of(0, total.currencyCode()) : refunded;
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** What may still be refunded: paid amounts minus refunds, zero unless paid. */
  public Money refundable() {
    boolean paid = paymentState.equals("paid") || paymentState.equals("partly_refunded");
    return paid ? total.minus(refunded) : Money.of(0, total.currencyCode());
  }
}
