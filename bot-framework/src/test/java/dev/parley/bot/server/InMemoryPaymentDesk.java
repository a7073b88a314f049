package dev.parley.bot.server;

import dev.parley.bot.concierge.CustomerOrder;
import dev.parley.bot.concierge.DeskException;
import dev.parley.bot.concierge.PaymentDesk;
import dev.parley.bot.concierge.PaymentLink;
import dev.parley.bot.concierge.RefundReceipt;
import dev.parley.core.Money;
import dev.parley.core.Recipient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A payment desk kept in memory, for the desk tests: orders by customer, links keyed by idempotency
 * key, refunds bounded by what was paid (the rules sdk-payments enforces). Thread-safe.
 */
public final class InMemoryPaymentDesk implements PaymentDesk {
  private final Map<String, CustomerOrder> orders = new HashMap<>();
  private final Map<String, String> customers = new HashMap<>();
  private final Map<String, PaymentLink> links = new HashMap<>();
  private final Map<String, RefundReceipt> refunds = new HashMap<>();
  public final List<String> agents = new ArrayList<>();

  /** Adds a paid order of {@code total} for {@code customerId}. */
  public synchronized void paidOrder(String customerId, String orderId, Money total) {
    orders.put(orderId, new CustomerOrder(orderId, "order " + orderId, total, "paid", null, null, Instant.EPOCH));
    customers.put(orderId, customerId);
  }

  @Override
  public synchronized List<CustomerOrder> orders(String customerId, Recipient conversation) {
    return orders.values().stream().filter(o -> customerId.equals(customers.get(o.orderId()))).toList();
  }

  @Override
  public synchronized PaymentLink createPaymentLink(Recipient conversation, String customerId, Money amount,
      String description, String idempotencyKey, String agent) {
    agents.add(agent);
    return links.computeIfAbsent(idempotencyKey, key -> {
      String orderId = "P-" + (links.size() + 1);
      orders.put(orderId, new CustomerOrder(orderId, description, amount, "open", null,
          "https://pay.example/" + orderId, Instant.EPOCH));
      customers.put(orderId, customerId);
      return new PaymentLink(orderId, "https://pay.example/" + orderId, amount, null);
    });
  }

  @Override
  public synchronized RefundReceipt refund(String orderId, Money amount, String reason, String idempotencyKey,
      String agent) {
    RefundReceipt done = refunds.get(idempotencyKey);
    if (done != null) {
      return done;
    }
    CustomerOrder order = orders.get(orderId);
    if (order == null) {
      throw new DeskException(DeskException.Problem.NOT_FOUND, "no order " + orderId);
    }
    Money refundable = order.refundable();
    Money value = amount == null ? refundable : amount;
    if (value.compareTo(refundable) > 0 || !value.isPositive()) {
      throw new DeskException(DeskException.Problem.INVALID, "refund of " + value + " is over the refundable "
          + refundable + " of order " + orderId);
    }
    Money refunded = order.refunded().plus(value);
    String state = refunded.equals(order.total()) ? "refunded" : "partly_refunded";
    orders.put(orderId, new CustomerOrder(orderId, order.description(), order.total(), state, refunded, null,
        Instant.EPOCH));
    agents.add(agent);
    RefundReceipt receipt = new RefundReceipt("re_" + (refunds.size() + 1), orderId, value, "succeeded");
    refunds.put(idempotencyKey, receipt);
    return receipt;
  }
}
