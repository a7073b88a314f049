package dev.parley.bot.concierge;

import dev.parley.core.Money;
import dev.parley.core.Recipient;
import java.util.List;

/** The {@link PaymentDesk} of a bot without payments. Stateless, thread-safe. */
final class NoPayments implements PaymentDesk {
  static final NoPayments INSTANCE = new NoPayments();

  private NoPayments() {}

  @Override
  public List<CustomerOrder> orders(String customerId, Recipient conversation) {
    return List.of();
  }

  @Override
  public PaymentLink createPaymentLink(Recipient conversation, String customerId, Money amount, String description,
      String idempotencyKey, String agent) {
    throw off();
  }

  @Override
  public RefundReceipt refund(String orderId, Money amount, String reason, String idempotencyKey, String agent) {
    throw off();
  }

  @Override
  public boolean enabled() {
    return false;
  }

  private static DeskException off() {
    return new DeskException(DeskException.Problem.PAYMENTS_OFF,
        "payments are off: set STRIPE_API_KEY (and STRIPE_WEBHOOK_SECRET) to send payment links and refund");
  }

  @Override
  public String toString() {
    return "PaymentDesk.none()";
  }
}
