package dev.parley.examples;

import dev.parley.bot.concierge.CustomerOrder;
import dev.parley.bot.concierge.DeskException;
import dev.parley.bot.concierge.DeskException.Problem;
import dev.parley.bot.concierge.PaymentDesk;
import dev.parley.bot.concierge.PaymentLink;
import dev.parley.bot.concierge.RefundReceipt;
import dev.parley.core.Money;
import dev.parley.core.ParleyException;
import dev.parley.core.Recipient;
import dev.parley.payments.CheckoutButtons;
import dev.parley.payments.IssuedRefund;
import dev.parley.payments.Order;
import dev.parley.payments.PaymentState;
import dev.parley.payments.RefundRefusedException;
import dev.parley.payments.RefundRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The bot framework's {@link PaymentDesk} on sdk-payments: payment links are Stripe Checkout
 * Sessions made by {@link CheckoutButtons}, refunds go through its {@code Refunds}, order states
 * come from its payment store. The orders of each customer are indexed in memory as they are
 * created here or {@linkplain #track registered} by the merchant's code. Thread-safe.
 */
final class StripePaymentDesk implements PaymentDesk {
  private final CheckoutButtons checkout;
  private final Map<String, List<String>> ordersByCustomer = new ConcurrentHashMap<>();
  private final Map<String, String> descriptions = new ConcurrentHashMap<>();

  StripePaymentDesk(CheckoutButtons checkout) {
    this.checkout = checkout;
  }

  /** Lets agents see {@code orderId} among the orders of {@code customerId}. */
  void track(String customerId, String orderId, String description) {
    ordersByCustomer.computeIfAbsent(customerId, id -> new CopyOnWriteArrayList<>()).add(0, orderId);
    descriptions.put(orderId, description);
  }

  @Override
  public List<CustomerOrder> orders(String customerId, Recipient conversation) {
    List<CustomerOrder> orders = new ArrayList<>();
    for (String orderId : ordersByCustomer.getOrDefault(customerId, List.of())) {
      checkout.state(orderId).ifPresent(state -> orders.add(order(state)));
    }
    return orders;
  }

  private CustomerOrder order(PaymentState state) {
    String status = state.status().name().toLowerCase(Locale.ROOT).replace("partially", "partly");
    boolean open = state.status().name().equals("OPEN");
    return new CustomerOrder(state.orderId(), descriptions.getOrDefault(state.orderId(), ""), state.total(), status,
        state.refunded(), open ? state.checkoutUrl() : null, state.updatedAt());
  }

  @Override
  public PaymentLink createPaymentLink(Recipient conversation, String customerId, Money amount, String description,
      String idempotencyKey, String agent) {
    String orderId = "AG-" + Integer.toHexString(idempotencyKey.hashCode()) + "-" + amount.minorUnits();
    Order order = Order.builder(orderId, conversation, conversation.key()).currency(amount.currency())
        .item(description, 1, amount).build();
    try {
      dev.parley.payments.PaymentLink link = checkout.create(order);
      if (!ordersByCustomer.getOrDefault(customerId, List.of()).contains(orderId)) {
        track(customerId, orderId, description);
      }
      return new PaymentLink(link.orderId(), link.url(), link.amount(), link.expiresAt());
    } catch (ParleyException e) {
      throw new DeskException(Problem.PLATFORM, "Stripe could not make the payment link: " + e.getMessage(), e);
    }
  }

  @Override
  public RefundReceipt refund(String orderId, Money amount, String reason, String idempotencyKey, String agent) {
    if (checkout.state(orderId).isEmpty()) {
      throw new DeskException(Problem.NOT_FOUND, "no order " + orderId);
    }
    RefundRequest request = amount == null ? RefundRequest.full(orderId, idempotencyKey, agent)
        : RefundRequest.partial(orderId, amount, idempotencyKey, agent);
    try {
      IssuedRefund refund = checkout.refunds().refund(request);
      return new RefundReceipt(refund.refundId() == null ? refund.requestId() : refund.refundId(), orderId,
          refund.amount(), refund.status().name().toLowerCase(Locale.ROOT));
    } catch (RefundRefusedException e) {
      throw new DeskException(Problem.INVALID, e.getMessage(), e);
    } catch (ParleyException e) {
      throw new DeskException(Problem.PLATFORM, "Stripe could not refund: " + e.getMessage(), e);
    }
  }
}
