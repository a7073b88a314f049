package dev.parley.bot.concierge;

import dev.parley.core.Money;
import java.util.Objects;

/**
 * What a {@link PaymentDesk} says about a refund it issued. Values, thread-safe.
 *
 * @param refundId the payment provider's refund id
 * @param orderId the refunded order
 * @param amount the amount refunded by this refund
 * @param status the provider's status in lower case ({@code pending}, {@code succeeded}, {@code failed})
 */
public record RefundReceipt(String refundId, String orderId, Money amount, String status) {

  public RefundReceipt {
    Objects.requireNonNull(refundId, "refundId");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(status, "status");
  }
}
