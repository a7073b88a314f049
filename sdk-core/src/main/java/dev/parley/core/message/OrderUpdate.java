package dev.parley.core.message;

import dev.parley.core.internal.send.Limits;
import java.time.LocalDate;
import java.util.Objects;

/**
 * News about an order: its number and status, and optionally a tracking URL, an estimated delivery
 * date, a note (at most 500 characters) and a URL button (a payment link, say). Inside the
 * customer's 24-hour window it goes as a text (with a tracking button); outside it, as a Messenger
 * {@code POST_PURCHASE_UPDATE} message or as the merchant's WhatsApp UTILITY template.
 *
 * <pre>{@code
 * OrderUpdate shipped = OrderUpdate.builder("A-1001", OrderStatus.SHIPPED)
 *     .trackingUrl("https://track.example/A-1001").eta(LocalDate.of(2026, 7, 14)).build();
 * }</pre>
 *
 * Immutable and thread-safe; the builder is not thread-safe.
 */
public record OrderUpdate(String orderNumber, OrderStatus status, String trackingUrl, LocalDate eta, String note,
    UrlButton button) implements Message {

  public OrderUpdate {
    Limits.requireText("order update orderNumber", orderNumber, 64, "Messenger and WhatsApp");
    Objects.requireNonNull(status, "order update status");
    Limits.optionalUrl("order update trackingUrl", trackingUrl, 2000, "Messenger and WhatsApp");
    Limits.optionalText("order update note", note, 500, "Messenger and WhatsApp");
  }

  public static OrderUpdate of(String orderNumber, OrderStatus status) {
    return new OrderUpdate(orderNumber, status, null, null, null, null);
  }

  public static Builder builder(String orderNumber, OrderStatus status) {
    return new Builder(orderNumber, status);
  }

  /** This update with a URL button, such as a payment link. */
  public OrderUpdate withButton(UrlButton button) {
    return new OrderUpdate(orderNumber, status, trackingUrl, eta, note, button);
  }

  /** Builds an {@link OrderUpdate}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private final String orderNumber;
    private final OrderStatus status;
    private String trackingUrl;
    private LocalDate eta;
    private String note;
    private UrlButton button;

    private Builder(String orderNumber, OrderStatus status) {
      this.orderNumber = orderNumber;
      this.status = status;
    }

    public Builder trackingUrl(String trackingUrl) {
      this.trackingUrl = trackingUrl;
      return this;
    }

    /** The estimated delivery date. */
    public Builder eta(LocalDate eta) {
      this.eta = eta;
      return this;
    }

    public Builder note(String note) {
      this.note = note;
      return this;
    }

    public Builder button(UrlButton button) {
      this.button = button;
      return this;
    }

    public OrderUpdate build() {
      return new OrderUpdate(orderNumber, status, trackingUrl, eta, note, button);
    }
  }
}
