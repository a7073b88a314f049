package dev.parley.core.message;

import dev.parley.core.InvalidRequestException;
import dev.parley.core.Money;
import dev.parley.core.internal.send.Limits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An order receipt: order number, the customer's name, items, exact amounts in one currency,
 * address, summary, adjustments, payment method, and optionally a URL button ("Pay €42.00",
 * "View order"). Messenger shows its receipt template (the button follows as a button template,
 * since that template has none); WhatsApp has no receipt, so it gets a formatted text, as a
 * {@code cta_url} message when there is a button or an order URL.
 *
 * <pre>{@code
 * Receipt receipt = Receipt.builder()
 *     .orderNumber("A-1001").recipientName("Ada Lovelace").paymentMethod("Visa 4242")
 *     .item(ReceiptItem.of("Tea set", 1, Money.parse("42.00", "EUR")))
 *     .summary(ReceiptSummary.total(Money.parse("42.00", "EUR")))
 *     .build();
 * }</pre>
 *
 * Immutable and thread-safe; the builder is not thread-safe.
 */
public record Receipt(
    String orderNumber,
    String recipientName,
    String merchantName,
    String paymentMethod,
    String orderUrl,
    Instant timestamp,
    List<ReceiptItem> items,
    Address address,
    ReceiptSummary summary,
    List<Adjustment> adjustments,
    UrlButton button) implements Message {

  public Receipt {
    Limits.requireText("receipt orderNumber", orderNumber, 64, "Messenger");
    Limits.requireText("receipt recipientName", recipientName, 100, "Messenger");
    Limits.optionalText("receipt merchantName", merchantName, 100, "Messenger");
    Limits.requireText("receipt paymentMethod", paymentMethod, 100, "Messenger");
    Limits.optionalUrl("receipt orderUrl", orderUrl, 2000, "Messenger");
    Objects.requireNonNull(summary, "receipt summary");
    items = items == null ? List.of() : List.copyOf(items);
    adjustments = adjustments == null ? List.of() : List.copyOf(adjustments);
    Limits.requireCount("receipt items", items, 0, 100, "Messenger");
    for (ReceiptItem item : items) {
      requireCurrency("item " + Limits.quote(item.title()), item.price(), summary.totalCost());
    }
    for (Adjustment adjustment : adjustments) {
      requireCurrency("adjustment " + Limits.quote(adjustment.name()), adjustment.amount(), summary.totalCost());
    }
  }

  /** The receipt's currency: the total's. */
  public java.util.Currency currency() {
    return summary.totalCost().currency();
  }

  /** This receipt with a URL button, such as a payment or order-status link. */
  public Receipt withButton(UrlButton button) {
    return new Receipt(orderNumber, recipientName, merchantName, paymentMethod, orderUrl, timestamp, items, address,
        summary, adjustments, button);
  }

  public static Builder builder() {
    return new Builder();
  }

  private static void requireCurrency(String what, Money money, Money total) {
    Objects.requireNonNull(money, what);
    if (!money.currency().equals(total.currency())) {
      throw new InvalidRequestException("receipt " + what + " is in " + money.currencyCode() + " but the total is "
          + total + "; a receipt has one currency");
    }
  }

  /** Builds a {@link Receipt}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private String orderNumber;
    private String recipientName;
    private String merchantName;
    private String paymentMethod;
    private String orderUrl;
    private Instant timestamp;
    private final List<ReceiptItem> items = new ArrayList<>();
    private Address address;
    private ReceiptSummary summary;
    private final List<Adjustment> adjustments = new ArrayList<>();
    private UrlButton button;

    private Builder() {}

    /** Unique per receipt on Messenger. */
    public Builder orderNumber(String orderNumber) {
      this.orderNumber = orderNumber;
      return this;
    }

    public Builder recipientName(String recipientName) {
      this.recipientName = recipientName;
      return this;
    }

    public Builder merchantName(String merchantName) {
      this.merchantName = merchantName;
      return this;
    }

    /** Free text shown to the customer, such as "Visa 4242". */
    public Builder paymentMethod(String paymentMethod) {
      this.paymentMethod = paymentMethod;
      return this;
    }

    public Builder orderUrl(String orderUrl) {
      this.orderUrl = orderUrl;
      return this;
    }

    public Builder timestamp(Instant timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    public Builder item(ReceiptItem item) {
      items.add(Objects.requireNonNull(item, "item"));
      return this;
    }

    public Builder address(Address address) {
      this.address = address;
      return this;
    }

    public Builder summary(ReceiptSummary summary) {
      this.summary = summary;
      return this;
    }

    public Builder adjustment(Adjustment adjustment) {
      adjustments.add(Objects.requireNonNull(adjustment, "adjustment"));
      return this;
    }

    public Builder button(UrlButton button) {
      this.button = button;
      return this;
    }

    public Receipt build() {
      if (summary == null) {
        throw new InvalidRequestException("receipt summary is missing; every receipt needs at least its total cost");
      }
      return new Receipt(orderNumber, recipientName, merchantName, paymentMethod, orderUrl, timestamp, items, address,
          summary, adjustments, button);
    }
  }
}
