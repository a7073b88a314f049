package dev.parley.bot.concierge;

import dev.parley.core.Money;
import dev.parley.core.Recipient;
import java.util.List;

/**
 * What agents and concierge tasks need from a payment provider: a customer's orders and their
 * payment states, a payment link for an amount, and refunds. The bot framework depends on no
 * payment library: {@code sdk-payments} implements this interface and the application plugs it in
 * ({@code examples} does). {@link #none()} is the desk of a bot without payments.
 *
 * <p>Implementations are thread-safe. Failures are {@link DeskException}s: {@code NOT_FOUND} for
 * an unknown order, {@code INVALID} for a refund above what was paid, {@code PLATFORM} when the
 * provider fails, {@code PAYMENTS_OFF} when payments are not configured.
 */
public interface PaymentDesk {

  /** The customer's orders, newest first, with their payment states. */
  List<CustomerOrder> orders(String customerId, Recipient conversation);

  /**
   * Creates an order of {@code amount} described by {@code description} for the customer of
   * {@code conversation} and a payment link for it. The same {@code idempotencyKey} gives the same
   * link. The caller sends the link to the customer.
   *
   * @param agent the agent who asked, recorded with the order
   */
  PaymentLink createPaymentLink(Recipient conversation, String customerId, Money amount, String description,
      String idempotencyKey, String agent);

  /**
   * Refunds {@code amount} of the order ({@code null} for everything still refundable), at most
   * what was paid minus what was refunded. The same {@code idempotencyKey} refunds once. The
   * implementation tells the customer.
   *
   * @param agent the agent who asked, recorded with the refund
   */
  RefundReceipt refund(String orderId, Money amount, String reason, String idempotencyKey, String agent);

  /** True when payments are configured; the inbox hides payment actions otherwise. */
  default boolean enabled() {
    return true;
  }

  /** A desk for a bot without payments: no orders, and every payment action is {@code PAYMENTS_OFF}. */
  static PaymentDesk none() {
    return NoPayments.INSTANCE;
  }
}
