package dev.parley.bot.server;

import dev.parley.bot.concierge.CustomerOrder;
import dev.parley.bot.concierge.PaymentDesk;
import dev.parley.bot.concierge.PaymentLink;
import dev.parley.bot.concierge.RefundReceipt;
import dev.parley.core.Money;
import dev.parley.core.Recipient;
import java.util.List;
import java.util.function.Supplier;

/**
 * A {@link PaymentDesk} that asks for the real one at each call: the desks are built before the
 * application's payments (which may need them). Thread-safe once the supplier answers.
 */
final class DeferredPaymentDesk implements PaymentDesk {
  private final Supplier<PaymentDesk> desk;

  DeferredPaymentDesk(Supplier<PaymentDesk> desk) {
    this.desk = desk;
  }

  @Override
  public List<CustomerOrder> orders(String customerId, Recipient conversation) {
    return desk.get().orders(customerId, conversation);
  }

  @Override
  public PaymentLink createPaymentLink(Recipient conversation, String customerId, Money amount, String description,
      String idempotencyKey, String agent) {
    return desk.get().createPaymentLink(conversation, customerId, amount, description, idempotencyKey, agent);
  }

  @Override
  public RefundReceipt refund(String orderId, Money amount, String reason, String idempotencyKey, String agent) {
    return desk.get().refund(orderId, amount, reason, idempotencyKey, agent);
  }

  @Override
  public boolean enabled() {
    return desk.get().enabled();
  }

  @Override
  public String toString() {
    return desk.get().toString();
  }
}
