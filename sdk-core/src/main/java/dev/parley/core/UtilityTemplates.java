package dev.parley.core;

import dev.parley.core.message.OrderUpdate;
import dev.parley.core.message.Receipt;
import dev.parley.core.message.TemplateParameter;
import dev.parley.core.message.WhatsAppTemplate;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The merchant's approved WhatsApp UTILITY templates, by which an order update or a receipt reaches
 * a customer outside the 24-hour window (WhatsApp delivers nothing else there). Parley asks this
 * mapping for the template that carries the message; an empty answer means the message is refused
 * with an {@link OutsideWindowException}. Implementations must be thread-safe.
 *
 * <pre>{@code
 * // template "order_update" (en_US): "Your order {{1}} is {{2}}."
 * UtilityTemplates templates = UtilityTemplates.orderUpdates("order_update", "en_US");
 * }</pre>
 */
public interface UtilityTemplates {

  /** The template for an order update outside the window, or empty if there is none. */
  Optional<WhatsAppTemplate> forOrderUpdate(OrderUpdate update);

  /** The template for a receipt outside the window, or empty (the default) if there is none. */
  default Optional<WhatsAppTemplate> forReceipt(Receipt receipt) {
    return Optional.empty();
  }

  /** No templates: order updates and receipts outside the window are refused on WhatsApp. */
  static UtilityTemplates none() {
    return update -> Optional.empty();
  }

  /**
   * One template for every order update, with two positional body parameters: {@code {{1}}} the
   * order number and {@code {{2}}} the status in words ("out for delivery").
   */
  static UtilityTemplates orderUpdates(String templateName, String languageCode) {
    WhatsAppTemplate.of(templateName, languageCode); // validates now, not at the first send
    return update -> Optional.of(WhatsAppTemplate.of(templateName, languageCode,
        TemplateParameter.text(update.orderNumber()), TemplateParameter.text(update.status().label())));
  }

  /** Templates computed by functions (either may be null for none, or return null for a given message). */
  static UtilityTemplates of(Function<OrderUpdate, WhatsAppTemplate> orderUpdates,
      Function<Receipt, WhatsAppTemplate> receipts) {
    return new UtilityTemplates() {
      @Override
      public Optional<WhatsAppTemplate> forOrderUpdate(OrderUpdate update) {
        return orderUpdates == null ? Optional.empty() : Optional.ofNullable(orderUpdates.apply(Objects.requireNonNull(update)));
      }

      @Override
      public Optional<WhatsAppTemplate> forReceipt(Receipt receipt) {
        return receipts == null ? Optional.empty() : Optional.ofNullable(receipts.apply(Objects.requireNonNull(receipt)));
      }
    };
  }
}
