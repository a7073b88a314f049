package dev.parley.core.internal.send;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.parley.core.Channel;
import dev.parley.core.internal.RawMessageJson;
import com.google.gson.JsonPrimitive;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.Money;
import dev.parley.core.Recipient;
import dev.parley.core.SendOptions;
import dev.parley.core.SenderAction;
import dev.parley.core.message.Adjustment;
import dev.parley.core.message.Button;
import dev.parley.core.message.Buttons;
import dev.parley.core.message.CallButton;
import dev.parley.core.message.Card;
import dev.parley.core.message.Carousel;
import dev.parley.core.message.Media;
import dev.parley.core.message.MediaType;
import dev.parley.core.message.Message;
import dev.parley.core.message.OrderUpdate;
import dev.parley.core.message.PostbackButton;
import dev.parley.core.message.QuickReplies;
import dev.parley.core.message.QuickReply;
import dev.parley.core.message.RawMessage;
import dev.parley.core.message.Receipt;
import dev.parley.core.message.ReceiptItem;
import dev.parley.core.message.ReceiptSummary;
import dev.parley.core.message.Text;
import dev.parley.core.message.UrlButton;
import dev.parley.core.message.WhatsAppTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Messenger Send API bodies (Meta: messenger-platform/reference/send-api, send-messages/template/*,
 * quick-replies, buttons, sender-actions). Fallbacks: a media caption follows as a text; a receipt's
 * URL button follows as a button template (the receipt template has no buttons); an order update is
 * a text, or a button template when it has a tracking URL or a button. Stateless and thread-safe.
 */
final class MessengerRenderer implements ChannelRenderer {
  private static final String WHO = "Messenger";

  private final FallbackText fallback;

  MessengerRenderer(FallbackText fallback) {
    this.fallback = fallback;
  }

  @Override
  public List<JsonObject> render(Recipient recipient, Delivery delivery, SendOptions options) {
    List<JsonObject> messages = messages(delivery.message());
    if (messages.size() == 1) {
      return List.of(body(recipient, delivery, options, messages.get(0)));
    }
    List<JsonObject> bodies = new ArrayList<>(messages.size());
    for (JsonObject message : messages) {
      bodies.add(body(recipient, delivery, options, message));
    }
    return List.copyOf(bodies);
  }

  /**
   * The request body of {@code text}, written as JSON text without a tree: exactly what
   * {@link #render}'s one body prints as, at a fraction of the cost (a text is the most common send).
   */
  String textBody(Recipient recipient, Delivery delivery, SendOptions options, Text text) {
    String checked = Limits.requireMaxLength("text", text.text(), 2000, WHO);
    StringBuilder json = new StringBuilder(112 + recipient.userId().length() + checked.length());
    JsonText.quoted(json.append("{\"recipient\":{\"id\":"), recipient.userId());
    JsonText.quoted(json.append("},\"messaging_type\":"), delivery.messagingType());
    if (delivery.tag() != null) {
      JsonText.quoted(json.append(",\"tag\":"), delivery.tag());
    }
    if (options.notification() != SendOptions.Notification.REGULAR) {
      JsonText.quoted(json.append(",\"notification_type\":"), options.notification().name());
    }
    return JsonText.quoted(json.append(",\"message\":{\"text\":"), checked).append("}}").toString();
  }

  private static JsonObject body(Recipient recipient, Delivery delivery, SendOptions options, JsonObject message) {
    JsonObject body = new JsonObject();
    body.add("recipient", recipientOf(recipient));
    body.addProperty("messaging_type", delivery.messagingType());
    if (delivery.tag() != null) {
      body.addProperty("tag", delivery.tag());
    }
    if (options.notification() != SendOptions.Notification.REGULAR) {
      body.addProperty("notification_type", options.notification().name());
    }
    body.add("message", message);
    return body;
  }

  @Override
  public JsonObject senderAction(Recipient recipient, SenderAction action) {
    JsonObject body = new JsonObject();
    body.add("recipient", recipientOf(recipient));
    body.addProperty("sender_action", action.kind().name().toLowerCase(Locale.ROOT));
    return body;
  }

  private List<JsonObject> messages(Message message) {
    if (message instanceof Text text) {
      return List.of(text(text.text()));
    } else if (message instanceof Media media) {
      return media(media);
    } else if (message instanceof Buttons buttons) {
      return List.of(buttonTemplate(buttons.text(), buttons.buttons()));
    } else if (message instanceof QuickReplies quickReplies) {
      return List.of(quickReplies(quickReplies));
    } else if (message instanceof Carousel carousel) {
      return List.of(generic(carousel));
    } else if (message instanceof Receipt receipt) {
      return receipt(receipt);
    } else if (message instanceof OrderUpdate update) {
      return List.of(orderUpdate(update));
    } else if (message instanceof WhatsAppTemplate template) {
      throw new InvalidRequestException("WhatsApp template " + Limits.quote(template.name())
          + " cannot be sent on Messenger; Messenger has no such templates");
    } else if (message instanceof RawMessage raw) {
      if (raw.messengerJson() == null) {
        throw new InvalidRequestException("raw message has no Messenger JSON; it was built for WhatsApp only");
      }
      return List.of(RawMessageJson.copyFor(raw, Channel.MESSENGER));
    }
    throw new IllegalStateException("unknown message kind " + message.getClass());
  }

  private static JsonObject text(String text) {
    JsonObject message = new JsonObject();
    message.addProperty("text", Limits.requireMaxLength("text", text, 2000, WHO));
    return message;
  }

  private static List<JsonObject> media(Media media) {
    JsonObject payload = new JsonObject();
    if (media.url() != null) {
      payload.addProperty("url", media.url());
      payload.addProperty("is_reusable", true);
    } else {
      payload.addProperty("attachment_id", media.uploadedId());
    }
    JsonObject attachment = new JsonObject();
    attachment.addProperty("type", media.type() == MediaType.FILE ? "file" : media.type().name().toLowerCase(Locale.ROOT));
    attachment.add("payload", payload);
    JsonObject message = new JsonObject();
    message.add("attachment", attachment);
    return media.caption() == null ? List.of(message) : List.of(message, text(media.caption()));
  }

  private static JsonObject buttonTemplate(String text, List<? extends Button> buttons) {
    JsonObject payload = new JsonObject();
    payload.addProperty("template_type", "button");
    payload.addProperty("text", Limits.requireMaxLength("button template text", text, 640, WHO));
    payload.add("buttons", buttons(buttons));
    return template(payload);
  }

  private static JsonObject quickReplies(QuickReplies quickReplies) {
    JsonObject message = text(quickReplies.text());
    Limits.requireCount("quick replies", quickReplies.replies(), 1, 13, WHO);
    JsonArray replies = new JsonArray();
    for (QuickReply reply : quickReplies.replies()) {
      JsonObject json = new JsonObject();
      json.addProperty("content_type", "text");
      json.addProperty("title", Limits.requireMaxLength("quick reply title", reply.title(), 20, WHO));
      json.addProperty("payload", Limits.requireMaxLength("quick reply payload", reply.payload(), 1000, WHO));
      replies.add(json);
    }
    message.add("quick_replies", replies);
    return message;
  }

  private static JsonObject generic(Carousel carousel) {
    Limits.requireCount("generic template elements", carousel.cards(), 1, 10, WHO);
    JsonArray elements = new JsonArray();
    for (Card card : carousel.cards()) {
      JsonObject element = new JsonObject();
      element.addProperty("title", Limits.requireMaxLength("card title", card.title(), 80, WHO));
      if (card.subtitle() != null) {
        element.addProperty("subtitle", Limits.requireMaxLength("card subtitle", card.subtitle(), 80, WHO));
      }
      if (card.imageUrl() != null) {
        element.addProperty("image_url", card.imageUrl());
      }
      if (!card.buttons().isEmpty()) {
        element.add("buttons", buttons(card.buttons()));
      }
      elements.add(element);
    }
    JsonObject payload = new JsonObject();
    payload.addProperty("template_type", "generic");
    payload.add("elements", elements);
    return template(payload);
  }

  private List<JsonObject> receipt(Receipt receipt) {
    JsonObject payload = new JsonObject();
    payload.addProperty("template_type", "receipt");
    payload.addProperty("recipient_name", receipt.recipientName());
    if (receipt.merchantName() != null) {
      payload.addProperty("merchant_name", receipt.merchantName());
    }
    payload.addProperty("order_number", receipt.orderNumber());
    payload.addProperty("currency", receipt.currency().getCurrencyCode());
    payload.addProperty("payment_method", receipt.paymentMethod());
    if (receipt.orderUrl() != null) {
      payload.addProperty("order_url", receipt.orderUrl());
    }
    if (receipt.timestamp() != null) {
      payload.addProperty("timestamp", Long.toString(receipt.timestamp().getEpochSecond()));
    }
    if (receipt.address() != null) {
      JsonObject address = new JsonObject();
      address.addProperty("street_1", receipt.address().street1());
      if (receipt.address().street2() != null) {
        address.addProperty("street_2", receipt.address().street2());
      }
      address.addProperty("city", receipt.address().city());
      address.addProperty("postal_code", receipt.address().postalCode());
      address.addProperty("state", receipt.address().state() == null ? "" : receipt.address().state());
      address.addProperty("country", receipt.address().country());
      payload.add("address", address);
    }
    ReceiptSummary summary = receipt.summary();
    JsonObject summaryJson = new JsonObject();
    amount(summaryJson, "subtotal", summary.subtotal());
    amount(summaryJson, "shipping_cost", summary.shippingCost());
    amount(summaryJson, "total_tax", summary.totalTax());
    amount(summaryJson, "total_cost", summary.totalCost());
    payload.add("summary", summaryJson);
    if (!receipt.adjustments().isEmpty()) {
      JsonArray adjustments = new JsonArray();
      for (Adjustment adjustment : receipt.adjustments()) {
        JsonObject json = new JsonObject();
        json.addProperty("name", adjustment.name());
        amount(json, "amount", adjustment.amount());
        adjustments.add(json);
      }
      payload.add("adjustments", adjustments);
    }
    if (!receipt.items().isEmpty()) {
      JsonArray elements = new JsonArray();
      for (ReceiptItem item : receipt.items()) {
        JsonObject json = new JsonObject();
        json.addProperty("title", item.title());
        if (item.subtitle() != null) {
          json.addProperty("subtitle", item.subtitle());
        }
        json.addProperty("quantity", item.quantity());
        amount(json, "price", item.price());
        json.addProperty("currency", item.price().currencyCode());
        if (item.imageUrl() != null) {
          json.addProperty("image_url", item.imageUrl());
        }
        elements.add(json);
      }
      payload.add("elements", elements);
    }
    JsonObject receiptMessage = template(payload);
    if (receipt.button() == null) {
      return List.of(receiptMessage);
    }
    return List.of(receiptMessage, buttonTemplate(fallback.receiptButtonText(receipt), List.of(receipt.button())));
  }

  private JsonObject orderUpdate(OrderUpdate update) {
    String text = fallback.orderUpdate(update, false);
    List<Button> buttons = new ArrayList<>();
    if (update.trackingUrl() != null) {
      buttons.add(new UrlButton(FallbackText.TRACK_TITLE, update.trackingUrl()));
    }
    if (update.button() != null) {
      buttons.add(update.button());
    }
    return buttons.isEmpty() ? text(text) : buttonTemplate(text, buttons);
  }

  private static JsonArray buttons(List<? extends Button> buttons) {
    Limits.requireCount("buttons", buttons, 1, 3, WHO);
    JsonArray array = new JsonArray();
    for (Button button : buttons) {
      JsonObject json = new JsonObject();
      if (button instanceof UrlButton url) {
        json.addProperty("type", "web_url");
        json.addProperty("url", url.url());
      } else if (button instanceof PostbackButton postback) {
        json.addProperty("type", "postback");
        json.addProperty("payload", Limits.requireMaxLength("button payload", postback.payload(), 1000, WHO));
      } else if (button instanceof CallButton call) {
        json.addProperty("type", "phone_number");
        json.addProperty("payload", call.phoneNumber());
      }
      json.addProperty("title", Limits.requireMaxLength("button title", button.title(), 20, WHO));
      array.add(json);
    }
    return array;
  }

  private static JsonObject template(JsonObject payload) {
    JsonObject attachment = new JsonObject();
    attachment.addProperty("type", "template");
    attachment.add("payload", payload);
    JsonObject message = new JsonObject();
    message.add("attachment", attachment);
    return message;
  }

  private static void amount(JsonObject json, String field, Money money) {
    if (money != null) {
      json.add(field, new JsonPrimitive(money.toDecimal()));
    }
  }

  private static JsonObject recipientOf(Recipient recipient) {
    JsonObject json = new JsonObject();
    json.addProperty("id", recipient.userId());
    return json;
  }
}
