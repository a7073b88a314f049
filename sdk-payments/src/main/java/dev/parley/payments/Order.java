package dev.parley.payments;

import dev.parley.core.InvalidRequestException;
import dev.parley.core.Money;
import dev.parley.core.Recipient;
import java.net.URI;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * What a customer is asked to pay for: line items, shipping, taxes and discounts in one currency,
 * with the customer and the conversation it belongs to. The amounts are computed here, from the
 * merchant's own data, never taken from what the customer sent.
 *
 * <pre>{@code
 * Order order = Order.builder("ord_1001", Recipient.messenger(pageId, psid), "conv_77")
 *     .version(1)
 *     .customerName("Ada Lovelace")
 *     .item("Espresso beans 1 kg", 2, Money.parse("18.00", "EUR"))
 *     .shipping("Express", Money.parse("6.00", "EUR"))
 *     .tax("VAT 5.5%", Money.parse("2.31", "EUR"))
 *     .discount("Welcome", Money.parse("5.00", "EUR"))
 *     .build();
 * order.total();   // EUR 39.31
 * }</pre>
 *
 * <p>{@code version} grows each time the merchant changes an order that was already offered: a new
 * version gets a new Checkout Session, a repeated version reuses the existing one. Immutable and
 * thread-safe.
 *
 * @param id the merchant's order id, sent to Stripe as {@code client_reference_id}
 * @param version 1 or more
 * @param customer who pays, and on which channel the receipt goes
 * @param customerName shown on the receipt
 * @param customerEmail prefilled on the payment page, or null
 * @param conversationId the conversation the order was made in
 * @param currency the one currency of every amount
 * @param items at least one, at most 100 (Stripe Checkout's limit)
 * @param shipping the delivery and its cost, or null when nothing is shipped
 * @param taxes tax amounts added to the total, each already computed
 * @param discounts amounts taken off, together at most the subtotal
 */
public record Order(
    String id,
    int version,
    Recipient customer,
    String customerName,
    String customerEmail,
    String conversationId,
    Currency currency,
    List<LineItem> items,
    Shipping shipping,
    List<Adjustment> taxes,
    List<Adjustment> discounts) {

  /** Stripe Checkout takes at most 100 line items; Messenger's receipt shows at most 100 elements. */
  public static final int MAX_ITEMS = 100;
  /** Stripe's {@code client_reference_id} is at most 200 characters. */
  public static final int MAX_ID_LENGTH = 200;

  public Order {
    requireText("order id", id, MAX_ID_LENGTH);
    if (id.chars().anyMatch(Character::isWhitespace)) {
      throw new InvalidRequestException("order id '" + abbreviate(id) + "' contains whitespace");
    }
    if (version < 1) {
      throw new InvalidRequestException("version of order " + id + " is " + version + "; versions start at 1");
    }
    Objects.requireNonNull(customer, "customer");
    requireText("customer name", customerName, 200);
    if (customerEmail != null && (customerEmail.length() > 500 || !customerEmail.matches("[^@\\s]+@[^@\\s]+"))) {
      throw new InvalidRequestException("customer e-mail '" + abbreviate(customerEmail) + "' is not an e-mail address");
    }
    requireText("conversation id", conversationId, 500);
    Objects.requireNonNull(currency, "currency");
    items = List.copyOf(Objects.requireNonNull(items, "items"));
    taxes = List.copyOf(Objects.requireNonNull(taxes, "taxes"));
    discounts = List.copyOf(Objects.requireNonNull(discounts, "discounts"));
    if (items.isEmpty()) {
      throw new InvalidRequestException("order " + id + " has no line items; add at least one");
    }
    if (items.size() > MAX_ITEMS) {
      throw new InvalidRequestException("order " + id + " has " + items.size() + " line items; Stripe Checkout allows " + MAX_ITEMS);
    }
    for (LineItem item : items) {
      requireCurrency(id, currency, "unit price of '" + item.name() + "'", item.unitPrice());
    }
    if (shipping != null) {
      requireCurrency(id, currency, "shipping '" + shipping.label() + "'", shipping.cost());
    }
    for (Adjustment tax : taxes) {
      requireCurrency(id, currency, "tax '" + tax.label() + "'", tax.amount());
    }
    for (Adjustment discount : discounts) {
      requireCurrency(id, currency, "discount '" + discount.label() + "'", discount.amount());
    }
    Money subtotal = sum(currency, items.stream().map(LineItem::amount).toList());
    Money discountTotal = sum(currency, discounts.stream().map(Adjustment::amount).toList());
    if (discountTotal.compareTo(subtotal) > 0) {
      throw new InvalidRequestException("discounts of order " + id + " total " + discountTotal
          + ", more than the items' subtotal " + subtotal);
    }
  }

  /** Starts an order for {@code customer} in {@code conversationId}; version 1 unless set. */
  public static Builder builder(String id, Recipient customer, String conversationId) {
    return new Builder(id, customer, conversationId);
  }

  /** The items' prices times their quantities. */
  public Money subtotal() {
    return sum(currency, items.stream().map(LineItem::amount).toList());
  }

  /** The shipping cost, zero when nothing is shipped. */
  public Money shippingCost() {
    return shipping == null ? new Money(0, currency) : shipping.cost();
  }

  /** Every tax amount added together. */
  public Money taxTotal() {
    return sum(currency, taxes.stream().map(Adjustment::amount).toList());
  }

  /** Every discount added together (a positive amount, taken off the total). */
  public Money discountTotal() {
    return sum(currency, discounts.stream().map(Adjustment::amount).toList());
  }

  /** What the customer pays: subtotal + shipping + taxes − discounts. */
  public Money total() {
    return subtotal().plus(shippingCost()).plus(taxTotal()).minus(discountTotal());
  }

  /** A builder holding this order's values, for the next version. */
  public Builder toBuilder() {
    Builder builder = new Builder(id, customer, conversationId)
        .version(version)
        .customerName(customerName)
        .customerEmail(customerEmail);
    builder.currency = currency;
    builder.items.addAll(items);
    builder.shipping = shipping;
    builder.taxes.addAll(taxes);
    builder.discounts.addAll(discounts);
    return builder;
  }

  private static void requireCurrency(String orderId, Currency currency, String field, Money amount) {
    Objects.requireNonNull(amount, field);
    if (!amount.currency().equals(currency)) {
      throw new InvalidRequestException(field + " of order " + orderId + " is in " + amount.currencyCode()
          + "; the order is in " + currency.getCurrencyCode() + " and takes one currency");
    }
    if (amount.isNegative()) {
      throw new InvalidRequestException(field + " of order " + orderId + " is " + amount + "; amounts cannot be negative");
    }
  }

  private static Money sum(Currency currency, List<Money> amounts) {
    Money total = new Money(0, currency);
    try {
      for (Money amount : amounts) {
        total = total.plus(amount);
      }
    } catch (ArithmeticException e) {
      throw new InvalidRequestException("order amounts overflow a long in minor units", e);
    }
    return total;
  }

  static void requireText(String field, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException(field + " must not be blank");
    }
    if (value.length() > maxLength) {
      throw new InvalidRequestException(field + " '" + abbreviate(value) + "' is " + value.length()
          + " characters; at most " + maxLength + " allowed");
    }
  }

  static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 39) + "…";
  }

  /**
   * One product line: {@code quantity} × {@code unitPrice}.
   *
   * @param name shown on the payment page and the receipt
   * @param quantity 1 or more
   * @param unitPrice the price of one, not negative
   * @param imageUrl an https image of the product, or null
   */
  public record LineItem(String name, long quantity, Money unitPrice, String imageUrl) {
    public LineItem {
      requireText("line item name", name, 250);
      if (quantity < 1) {
        throw new InvalidRequestException("quantity of '" + abbreviate(name) + "' is " + quantity + "; at least 1 is needed");
      }
      Objects.requireNonNull(unitPrice, "unitPrice");
      if (imageUrl != null) {
        requireHttpsUrl("image of '" + abbreviate(name) + "'", imageUrl);
      }
    }

    /** A line without an image. */
    public LineItem(String name, long quantity, Money unitPrice) {
      this(name, quantity, unitPrice, null);
    }

    /** The unit price times the quantity. */
    public Money amount() {
      try {
        return unitPrice.times(quantity);
      } catch (ArithmeticException e) {
        throw new InvalidRequestException("'" + abbreviate(name) + "': " + quantity + " × " + unitPrice
            + " overflows a long in minor units", e);
      }
    }
  }

  /**
   * How the order travels: a label ("Express"), its cost and, for the receipt, the address.
   *
   * @param address where it goes, or null
   */
  public record Shipping(String label, Money cost, Address address) {
    public Shipping {
      requireText("shipping label", label, 100);
      Objects.requireNonNull(cost, "cost");
    }
  }

  /** A postal address, as Messenger's receipt template shows it. {@code street2} and {@code state} may be null. */
  public record Address(String street1, String street2, String city, String postalCode, String state, String country) {
    public Address {
      requireText("street", street1, 200);
      requireText("city", city, 100);
      requireText("postal code", postalCode, 20);
      requireText("country", country, 100);
    }
  }

  /** A named amount added (a tax) or taken off (a discount); the amount itself is never negative. */
  public record Adjustment(String label, Money amount) {
    public Adjustment {
      requireText("label", label, 100);
      Objects.requireNonNull(amount, "amount");
    }
  }

  private static void requireHttpsUrl(String field, String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(field + " '" + abbreviate(url) + "' is not a URL");
    }
    if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw new InvalidRequestException(field + " '" + abbreviate(url) + "' is not an https URL");
    }
  }

  /** Collects an order's parts; {@link #build()} checks them together. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private final Recipient customer;
    private final String conversationId;
    private int version = 1;
    private String customerName;
    private String customerEmail;
    private Currency currency;
    private final List<LineItem> items = new ArrayList<>();
    private Shipping shipping;
    private final List<Adjustment> taxes = new ArrayList<>();
    private final List<Adjustment> discounts = new ArrayList<>();

    private Builder(String id, Recipient customer, String conversationId) {
      this.id = id;
      this.customer = customer;
      this.conversationId = conversationId;
    }

    public Builder version(int version) {
      this.version = version;
      return this;
    }

    public Builder customerName(String customerName) {
      this.customerName = customerName;
      return this;
    }

    /** Prefills the payment page's e-mail field. */
    public Builder customerEmail(String customerEmail) {
      this.customerEmail = customerEmail;
      return this;
    }

    /** The currency; needed only for an order whose amounts cannot tell (never, once an item is added). */
    public Builder currency(Currency currency) {
      this.currency = currency;
      return this;
    }

    public Builder item(String name, long quantity, Money unitPrice) {
      return item(new LineItem(name, quantity, unitPrice));
    }

    public Builder item(String name, long quantity, Money unitPrice, String imageUrl) {
      return item(new LineItem(name, quantity, unitPrice, imageUrl));
    }

    public Builder item(LineItem item) {
      items.add(Objects.requireNonNull(item, "item"));
      return this;
    }

    /** Replaces every line item (for the next version of an order). */
    public Builder clearItems() {
      items.clear();
      return this;
    }

    public Builder shipping(String label, Money cost) {
      return shipping(new Shipping(label, cost, null));
    }

    public Builder shipping(Shipping shipping) {
      this.shipping = shipping;
      return this;
    }

    public Builder tax(String label, Money amount) {
      taxes.add(new Adjustment(label, amount));
      return this;
    }

    public Builder discount(String label, Money amount) {
      discounts.add(new Adjustment(label, amount));
      return this;
    }

    public Order build() {
      Currency resolved = currency;
      if (resolved == null && !items.isEmpty()) {
        resolved = items.get(0).unitPrice().currency();
      }
      if (resolved == null) {
        throw new InvalidRequestException("order " + id + " has no line items; add at least one");
      }
      return new Order(id, version, customer, customerName, customerEmail, conversationId, resolved,
          items, shipping, taxes, discounts);
    }
  }
}
