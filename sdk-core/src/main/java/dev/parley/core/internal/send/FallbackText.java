package dev.parley.core.internal.send;

import dev.parley.core.Money;
import dev.parley.core.message.Address;
import dev.parley.core.message.Adjustment;
import dev.parley.core.message.OrderUpdate;
import dev.parley.core.message.Receipt;
import dev.parley.core.message.ReceiptItem;
import dev.parley.core.message.ReceiptSummary;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.stream.Stream;

/**
 * The texts Parley writes where a channel lacks a kind: an order update as a sentence or two, a
 * receipt as lines (WhatsApp has no receipt template). Amounts and dates follow the configured
 * locale; the words are English. {@code bold} wraps a line in WhatsApp's {@code *…*}.
 */
final class FallbackText {
  static final String TRACK_TITLE = "Track your order";

  private final Locale locale;
  private final DateTimeFormatter dates;

  FallbackText(Locale locale) {
    this.locale = locale;
    this.dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
  }

  /** "Order A-1001 is shipped." then the expected delivery and the note, one per line. */
  String orderUpdate(OrderUpdate update, boolean bold) {
    StringJoiner text = new StringJoiner("\n");
    String headline = "Order " + update.orderNumber() + " is " + update.status().label() + ".";
    text.add(bold ? "*" + headline + "*" : headline);
    if (update.eta() != null) {
      text.add("Expected delivery: " + dates.format(update.eta()) + ".");
    }
    if (update.note() != null) {
      text.add(update.note());
    }
    return text.toString();
  }

  /** The receipt as lines: header, items, summary, adjustments, total, payment, address. */
  String receipt(Receipt receipt, boolean bold) {
    StringJoiner text = new StringJoiner("\n");
    String header = "Receipt for order " + receipt.orderNumber()
        + (receipt.merchantName() == null ? "" : " from " + receipt.merchantName());
    text.add(bold ? "*" + header + "*" : header);
    for (ReceiptItem item : receipt.items()) {
      text.add(item.quantity() + " × " + item.title() + ": " + money(item.price()));
    }
    ReceiptSummary summary = receipt.summary();
    line(text, "Subtotal", summary.subtotal());
    line(text, "Shipping", summary.shippingCost());
    line(text, "Tax", summary.totalTax());
    for (Adjustment adjustment : receipt.adjustments()) {
      line(text, adjustment.name(), adjustment.amount());
    }
    String total = "Total: " + money(summary.totalCost());
    text.add(bold ? "*" + total + "*" : total);
    text.add("Paid with " + receipt.paymentMethod());
    if (receipt.address() != null) {
      text.add("Ship to: " + address(receipt.address()));
    }
    return text.toString();
  }

  /** The short line above a Messenger receipt's button: "Order A-1001, total €42.00". */
  String receiptButtonText(Receipt receipt) {
    return "Order " + receipt.orderNumber() + ", total " + money(receipt.summary().totalCost());
  }

  String money(Money money) {
    return money.format(locale);
  }

  private void line(StringJoiner text, String label, Money amount) {
    if (amount != null) {
      text.add(label + ": " + money(amount));
    }
  }

  private static String address(Address address) {
    StringJoiner joined = new StringJoiner(", ");
    Stream.of(address.street1(), address.street2(), address.postalCode() + " " + address.city(), address.state(),
        address.country()).filter(part -> part != null && !part.isBlank()).forEach(joined::add);
    return joined.toString();
  }
}
