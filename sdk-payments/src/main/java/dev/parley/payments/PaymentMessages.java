package dev.parley.payments;

import dev.parley.core.Money;
import dev.parley.core.message.Adjustment;
import dev.parley.core.message.Address;
import dev.parley.core.message.Buttons;
import dev.parley.core.message.OrderStatus;
import dev.parley.core.message.OrderUpdate;
import dev.parley.core.message.Receipt;
import dev.parley.core.message.ReceiptItem;
import dev.parley.core.message.ReceiptSummary;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * What the customer reads about their payment, as sdk-core messages: the payment offer, the receipt,
 * a fresh payment button, the refund confirmation. Amounts come from the {@link Order} and Stripe's
 * events, formatted in the configured locale; the words are English.
 *
 * <ul>
 *   <li>The receipt is a {@link Receipt}: Messenger's receipt template, WhatsApp's formatted text.
 *       Outside the 24-hour window sdk-core sends it with {@code POST_PURCHASE_UPDATE} (Messenger) or
 *       the merchant's UTILITY template (WhatsApp).
 *   <li>The fresh payment button and the refund confirmation are {@link OrderUpdate}s carrying a
 *       note (and the button), so they can go out after the window closed: a page expires up to
 *       24 hours after it was offered.
 * </ul>
 *
 * Immutable and thread-safe.
 */
public final class PaymentMessages {
  /** Messenger's receipt order number and sdk-core's order update number are at most 64 characters. */
  private static final int ORDER_NUMBER_LENGTH = 64;
  private static final int ITEM_TITLE_LENGTH = 80;

  private final String merchantName;
  private final String paymentMethod;
  private final Locale locale;
  private final ZoneId zone;

  private PaymentMessages(Builder builder) {
    this.merchantName = builder.merchantName;
    this.paymentMethod = builder.paymentMethod;
    this.locale = builder.locale;
    this.zone = builder.zone;
  }

  /** English words, US number format, UTC times, "Card (Stripe)" as payment method. */
  public static PaymentMessages defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The order and its pay button: "Order ord_1001: 2 items, total €42.00." Inside the window only. */
  public Buttons offer(Order order, PaymentLink link) {
    long count = order.items().stream().mapToLong(Order.LineItem::quantity).sum();
    return link.message("Order " + order.id() + ": " + count + (count == 1 ? " item" : " items") + ", total "
        + money(order.total()) + ". Pay securely with Stripe; the page is open until " + time(link) + ".");
  }

  /** The receipt of a paid order: its lines, shipping, taxes, discounts (as adjustments) and what was paid. */
  public Receipt receipt(PaymentEvent.Paid paid) {
    Order order = paid.order();
    Receipt.Builder receipt = Receipt.builder()
        .orderNumber(orderNumber(order.id()))
        .recipientName(order.customerName())
        .merchantName(merchantName)
        .paymentMethod(paymentMethod);
    for (Order.LineItem item : order.items()) {
      receipt.item(new ReceiptItem(shorten(item.name(), ITEM_TITLE_LENGTH), null, Math.toIntExact(item.quantity()),
          item.amount(), item.imageUrl()));
    }
    if (order.shipping() != null && order.shipping().address() != null) {
      Order.Address a = order.shipping().address();
      receipt.address(new Address(a.street1(), a.street2(), a.city(), a.postalCode(), a.state(), a.country()));
    }
    for (Order.Adjustment discount : order.discounts()) {
      receipt.adjustment(new Adjustment(shorten(discount.label(), ITEM_TITLE_LENGTH), discount.amount().negate()));
    }
    receipt.summary(new ReceiptSummary(order.subtotal(), order.shipping() == null ? null : order.shippingCost(),
        order.taxes().isEmpty() ? null : order.taxTotal(), paid.amount()));
    return receipt.build();
  }

  /** "Your payment page expired" (or "your payment did not go through") and a fresh button. */
  public OrderUpdate freshLink(PaymentEvent reason, PaymentLink link) {
    String why = reason instanceof PaymentEvent.Failed
        ? "Your payment did not go through."
        : "Your payment page expired.";
    return OrderUpdate.builder(orderNumber(link.orderId()), OrderStatus.CONFIRMED)
        .note(why + " Here is a new one for " + money(link.amount()) + ", open until " + time(link) + ".")
        .button(link.button())
        .build();
  }

  /** "We refunded €10.00 …", with the total so far when the refund was partial. */
  public OrderUpdate refundConfirmation(PaymentEvent.Refunded refunded) {
    String note = "We refunded " + money(refunded.amount()) + " to your original payment method."
        + (refunded.isFull() ? "" : " Refunded so far: " + money(refunded.totalRefunded()) + " of "
            + money(refunded.order().total()) + ".")
        + " It can take 5 to 10 business days to appear on your statement.";
    return OrderUpdate.builder(orderNumber(refunded.order().id()), OrderStatus.REFUNDED).note(note).build();
  }

  private String money(Money amount) {
    return amount.format(locale);
  }

  private String time(PaymentLink link) {
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(locale).withZone(zone)
        .format(link.expiresAt()) + (zone.equals(ZoneOffset.UTC) ? " UTC" : "");
  }

  /** Order ids longer than 64 characters keep their start and a hash of the whole, so they stay unique. */
  static String orderNumber(String orderId) {
    if (orderId.length() <= ORDER_NUMBER_LENGTH) {
      return orderId;
    }
    String hash = UUID.nameUUIDFromBytes(orderId.getBytes(StandardCharsets.UTF_8)).toString().substring(0, 8);
    return orderId.substring(0, ORDER_NUMBER_LENGTH - 9) + "~" + hash;
  }

  private static String shorten(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length - 1) + "…";
  }

  /** Settings of {@link PaymentMessages}. Not thread-safe. */
  public static final class Builder {
    private String merchantName;
    private String paymentMethod = "Card (Stripe)";
    private Locale locale = Locale.US;
    private ZoneId zone = ZoneOffset.UTC;

    private Builder() {}

    /** Shown on the receipt; none unless set. */
    public Builder merchantName(String merchantName) {
      this.merchantName = merchantName;
      return this;
    }

    /** The receipt's payment method line; "Card (Stripe)" unless set. */
    public Builder paymentMethod(String paymentMethod) {
      this.paymentMethod = Objects.requireNonNull(paymentMethod, "paymentMethod");
      return this;
    }

    /** How amounts and times are formatted: {@code €42.00} (US), {@code 42,00 €} (FRANCE). */
    public Builder locale(Locale locale) {
      this.locale = Objects.requireNonNull(locale, "locale");
      return this;
    }

    /** The customer's time zone, for "open until"; UTC unless set. */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    public PaymentMessages build() {
      return new PaymentMessages(this);
    }
  }
}
