package dev.parley.examples.merchant;

import dev.parley.bot.concierge.CustomerOrder;
import dev.parley.bot.concierge.DeskException;
import dev.parley.bot.concierge.PaymentDesk;
import dev.parley.bot.concierge.RefundReceipt;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.Money;
import dev.parley.core.ParleyException;
import dev.parley.core.Recipient;
import dev.parley.payments.CheckoutButtons;
import dev.parley.payments.IssuedRefund;
import dev.parley.payments.Order;
import dev.parley.payments.PaymentLink;
import dev.parley.payments.PaymentState;
import dev.parley.payments.RefundRequest;
import dev.parley.payments.Refunds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The shop's payments as the agent inbox and the concierge desk see them: the bot framework's
 * {@link PaymentDesk} on sdk-payments' {@link CheckoutButtons} and {@link Refunds}. The bot framework
 * knows no payment library; this class is the plug between the two.
 *
 * <p>Which orders belong to which conversation is the shop's knowledge: {@link #remember} tells the
 * desk (here in memory; a shop would read its own order table). Refunds are idempotent by the
 * agent's request id, and the customer hears of them from the payment listener once Stripe confirms.
 * The example server and the demo both use it. Thread-safe.
 */
public final class ShopPaymentDesk implements PaymentDesk {
  private final CheckoutButtons payments;
  private final Refunds refunds;
  private final Map<Recipient, List<Order>> ordersByConversation = new ConcurrentHashMap<>();

  public ShopPaymentDesk(CheckoutButtons payments) {
    this.payments = Objects.requireNonNull(payments, "payments");
    this.refunds = payments.refunds();
  }

  /** Shows {@code order} to the agents of its customer's conversation. */
  public Order remember(Order order) {
    List<Order> orders = ordersByConversation.computeIfAbsent(order.customer(), c -> new CopyOnWriteArrayList<>());
    orders.removeIf(o -> o.id().equals(order.id()));
    orders.add(0, order);
    return order;
  }

  @Override
  public List<CustomerOrder> orders(String customerId, Recipient conversation) {
    List<CustomerOrder> out = new ArrayList<>();
    for (Order order : ordersByConversation.getOrDefault(conversation, List.of())) {
      payments.state(order.id()).ifPresent(state -> out.add(view(order, state)));
    }
    return out;
  }

  @Override
  public dev.parley.bot.concierge.PaymentLink createPaymentLink(Recipient conversation, String customerId, Money amount,
      String description, String idempotencyKey, String agent) {
    String orderId = "agent-" + UUID.nameUUIDFromBytes(idempotencyKey.getBytes(StandardCharsets.UTF_8));
    Order order = remember(Order.builder(orderId, conversation, conversationId(conversation))
        .customerName(customerId)
        .item(description, 1, amount)
        .build());
    try {
      PaymentLink link = payments.create(order);
      return new dev.parley.bot.concierge.PaymentLink(order.id(), link.url(), link.amount(), link.expiresAt());
    } catch (InvalidRequestException e) {
      throw new DeskException(DeskException.Problem.INVALID, e.getMessage(), e);
    } catch (ParleyException e) {
      throw new DeskException(DeskException.Problem.PLATFORM, "Stripe did not make the payment page: " + e.getMessage(), e);
    }
  }

  @Override
  public RefundReceipt refund(String orderId, Money amount, String reason, String idempotencyKey, String agent) {
    if (payments.state(orderId).isEmpty()) {
      throw new DeskException(DeskException.Problem.NOT_FOUND, "order " + orderId + " has no payment");
    }
    RefundRequest request = amount == null ? RefundRequest.full(orderId, idempotencyKey, agent)
        : RefundRequest.partial(orderId, amount, idempotencyKey, agent);
    try {
      IssuedRefund refund = refunds.refund(request);
      // Before Stripe answers there is no refund id yet; the agent's request id finds the refund later.
      return new RefundReceipt(refund.refundId() == null ? refund.requestId() : refund.refundId(), orderId,
          refund.amount(), refund.status().name().toLowerCase(Locale.ROOT));
    } catch (InvalidRequestException e) { // RefundRefusedException too: more than is refundable
      throw new DeskException(DeskException.Problem.INVALID, e.getMessage(), e);
    } catch (ParleyException e) {
      throw new DeskException(DeskException.Problem.PLATFORM, "Stripe did not confirm the refund: " + e.getMessage(), e);
    }
  }

  /** The conversation id the agent API uses: {@code channel:businessId:userId}. */
  static String conversationId(Recipient conversation) {
    return conversation.channel().name().toLowerCase(Locale.ROOT) + ":" + conversation.businessId() + ":"
        + conversation.userId();
  }

  private static CustomerOrder view(Order order, PaymentState state) {
    String description = order.items().get(0).name() + (order.items().size() > 1 ? " and more" : "");
    String status = switch (state.status()) {
      case PARTIALLY_REFUNDED -> "partly_refunded";
      case PROCESSING -> "open";
      default -> state.status().name().toLowerCase(Locale.ROOT);
    };
    return new CustomerOrder(order.id(), description, state.total(), status, state.refunded(),
        "open".equals(status) ? state.checkoutUrl() : null, state.updatedAt());
  }
}
