package dev.parley.examples.merchant;

import dev.parley.core.message.OrderStatus;
import dev.parley.core.message.OrderUpdate;
import dev.parley.core.message.Receipt;
import dev.parley.core.message.ReceiptItem;
import dev.parley.core.message.ReceiptSummary;
import dev.parley.core.outbox.Outbox;
import dev.parley.payments.CheckoutButtons;
import dev.parley.payments.CustomerNotifier;
import dev.parley.payments.Order;
import dev.parley.payments.PaymentLink;
import dev.parley.payments.PaymentListener;
import dev.parley.payments.PaymentMessages;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What a shop tells its customer about an order, in the conversation they are having with it:
 *
 * <ol>
 *   <li>{@link #confirmed}: a receipt of the order with a "Pay €89.00" button (a Stripe Checkout page);
 *   <li>paid: the receipt, sent by {@link #receiptWhenPaid} when Stripe's event arrives;
 *   <li>{@link #shipped}: the shipping update with a tracking link;
 *   <li>{@link #delivered}: the delivery.
 * </ol>
 *
 * Every message goes through the outbox under a key made of the order id and the step, so a retry of
 * the shop's own code never writes twice. Inside the customer's 24-hour window the updates go as
 * ordinary messages; after it, Parley sends them with Messenger's {@code POST_PURCHASE_UPDATE} tag
 * or as the WhatsApp UTILITY template of {@link ShopTemplates}.
 *
 * <pre>{@code
 * OrderNotifications notifications = new OrderNotifications(outbox, payments, "Maison Lumière");
 * PaymentLink pay = notifications.confirmed(order);
 * // ... the customer pays; the receipt goes out by itself
 * notifications.shipped(order, ShopTemplates.trackingUrl("PX123"), LocalDate.now().plusDays(2));
 * notifications.delivered(order);
 * }</pre>
 *
 * Thread-safe.
 */
public final class OrderNotifications {
  private final Outbox outbox;
  private final CheckoutButtons payments;
  private final String shopName;

  public OrderNotifications(Outbox outbox, CheckoutButtons payments, String shopName) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.payments = Objects.requireNonNull(payments, "payments");
    this.shopName = Objects.requireNonNull(shopName, "shopName");
  }

  /** The order is placed: its receipt with a payment button. Returns the payment page. */
  public PaymentLink confirmed(Order order) {
    PaymentLink pay = payments.create(order);
    Receipt.Builder receipt = Receipt.builder()
        .orderNumber(order.id())
        .recipientName(order.customerName())
        .merchantName(shopName)
        .paymentMethod("Card, on Stripe's secure page")
        .summary(ReceiptSummary.total(order.total()))
        .button(pay.button());
    order.items().forEach(item -> receipt.item(ReceiptItem.of(item.name(), Math.toIntExact(item.quantity()),
        item.amount())));
    outbox.enqueue(order.customer(), receipt.build(), order.id() + ":confirmed");
    return pay;
  }

  /** The parcel left: the update with its tracking link and the expected day. */
  public void shipped(Order order, String trackingUrl, LocalDate expected) {
    OrderUpdate update = OrderUpdate.builder(order.id(), OrderStatus.SHIPPED)
        .trackingUrl(trackingUrl)
        .eta(expected)
        .build();
    outbox.enqueue(order.customer(), update, order.id() + ":shipped");
  }

  /** The parcel arrived. */
  public void delivered(Order order) {
    outbox.enqueue(order.customer(), OrderUpdate.of(order.id(), OrderStatus.DELIVERED), order.id() + ":delivered");
  }

  /**
   * The listener that sends the receipt when Stripe says the order is paid (and a fresh button when
   * a page expires, a confirmation when a refund goes through). Register it on the Stripe webhook
   * handler: {@code payments.webhookHandler().listener(OrderNotifications.receiptWhenPaid(...))}.
   */
  public static PaymentListener receiptWhenPaid(CheckoutButtons payments, Outbox outbox, String shopName) {
    PaymentMessages messages = PaymentMessages.builder().merchantName(shopName).build();
    return payments.notifyCustomers(CustomerNotifier.toConversation(messages, outbox::enqueue));
  }
}
