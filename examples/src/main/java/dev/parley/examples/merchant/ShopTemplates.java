package dev.parley.examples.merchant;

import dev.parley.core.UtilityTemplates;
import dev.parley.core.message.OrderStatus;
import dev.parley.core.message.OrderUpdate;
import dev.parley.core.message.TemplateParameter;
import dev.parley.core.message.WhatsAppTemplate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The shop's WhatsApp UTILITY templates, by which order updates reach a customer whose 24-hour
 * window has closed. They must be approved in WhatsApp Manager first, with exactly these texts:
 *
 * <pre>
 * order_shipped (en_US, UTILITY)
 *   body:   Good news: your order {{1}} is on its way. It should arrive on {{2}}.
 *   button: URL "Track parcel" → https://parcels.example/track/{{1}}
 * order_update (en_US, UTILITY)
 *   body:   Your order {{1}} is {{2}}.
 * </pre>
 *
 * Give {@link #forWhatsApp()} to {@code Parley.builder().utilityTemplates(...)}. Thread-safe.
 */
public final class ShopTemplates {
  public static final String ORDER_SHIPPED = "order_shipped";
  public static final String ORDER_UPDATE = "order_update";
  public static final String LANGUAGE = "en_US";
  /** The carrier's tracking page; the template's URL button adds the parcel number to it. */
  public static final String TRACKING_PAGE = "https://parcels.example/track/";

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);

  private ShopTemplates() {}

  /** The template for each order update sent outside the window. */
  public static UtilityTemplates forWhatsApp() {
    return UtilityTemplates.of(ShopTemplates::template, null);
  }

  /** A tracking link on the carrier's page for a parcel number. */
  public static String trackingUrl(String parcelNumber) {
    return TRACKING_PAGE + parcelNumber;
  }

  private static WhatsAppTemplate template(OrderUpdate update) {
    String tracking = update.trackingUrl();
    if (update.status() == OrderStatus.SHIPPED && tracking != null && tracking.startsWith(TRACKING_PAGE)) {
      String arrival = update.eta() == null ? "the next few days" : DAY.format(update.eta());
      return WhatsAppTemplate.of(ORDER_SHIPPED, LANGUAGE, TemplateParameter.text(update.orderNumber()),
          TemplateParameter.text(arrival)).withUrlButtonSuffix(tracking.substring(TRACKING_PAGE.length()));
    }
    return WhatsAppTemplate.of(ORDER_UPDATE, LANGUAGE, TemplateParameter.text(update.orderNumber()),
        TemplateParameter.text(update.status().label()));
  }
}
