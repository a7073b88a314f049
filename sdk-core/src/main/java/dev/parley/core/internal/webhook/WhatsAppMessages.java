package dev.parley.core.internal.webhook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.parley.core.webhook.Attachment;
import dev.parley.core.webhook.ButtonReply;
import dev.parley.core.webhook.ErrorNotice;
import dev.parley.core.webhook.InboundEvent;
import dev.parley.core.webhook.ListReply;
import dev.parley.core.webhook.MessageReceived;
import dev.parley.core.webhook.OrderItem;
import dev.parley.core.webhook.OrderPlaced;
import dev.parley.core.webhook.Reaction;
import dev.parley.core.webhook.ReferralDetails;
import dev.parley.core.webhook.UnknownEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * One WhatsApp {@code messages[]} item by its {@code type} (Meta: whatsapp webhooks reference,
 * messages/text, /button, /interactive, /order, /reaction, /unsupported). Types Parley does not model
 * become {@link UnknownEvent}s keyed by their wamid. Stateless.
 */
final class WhatsAppMessages {

  InboundEvent parse(WhatsAppParser.Item item, JsonObject message) {
    String id = Json.text(message, "id");
    String type = Json.text(message, "type");
    if (type == null) {
      type = "unknown";
    }
    if (id == null) {
      return new UnknownEvent(item.envelope("raw:" + Json.hash(message.toString())), type);
    }
    String key = "wamid:" + id;
    String replyTo = Json.text(Json.object(message, "context"), "id");
    switch (type) {
      case "text":
        return new MessageReceived(item.envelope(key), id, Json.text(Json.object(message, "text"), "body"), List.of(), null,
            replyTo, referral(message));
      case "image":
      case "audio":
      case "video":
      case "document":
      case "sticker":
      case "location":
      case "contacts":
        return new MessageReceived(item.envelope(key), id, null, List.of(attachment(type, message.get(type))), null, replyTo,
            referral(message));
      case "button": {
        JsonObject button = Json.object(message, "button");
        return new ButtonReply(item.envelope(key), id, Json.text(button, "payload"), Json.text(button, "text"), replyTo);
      }
      case "interactive":
        return interactive(item, key, id, replyTo, Json.object(message, "interactive"));
      case "order":
        return order(item, key, id, Json.object(message, "order"));
      case "reaction": {
        JsonObject reaction = Json.object(message, "reaction");
        String emoji = Json.text(reaction, "emoji");
        boolean removed = emoji == null || emoji.isEmpty();
        return new Reaction(item.envelope(key), Json.text(reaction, "message_id"), removed ? null : emoji,
            removed ? Reaction.Action.UNREACT : Reaction.Action.REACT);
      }
      case "unsupported":
      case "unknown":
        return new ErrorNotice(item.envelope(key), WhatsAppParser.errors(message));
      default:
        return new UnknownEvent(item.envelope(key), type);
    }
  }

  private static InboundEvent interactive(WhatsAppParser.Item item, String key, String id, String replyTo, JsonObject interactive) {
    String kind = Json.text(interactive, "type");
    JsonObject buttonReply = Json.object(interactive, "button_reply");
    if ("button_reply".equals(kind) && buttonReply != null) {
      return new ButtonReply(item.envelope(key), id, Json.text(buttonReply, "id"), Json.text(buttonReply, "title"), replyTo);
    }
    JsonObject listReply = Json.object(interactive, "list_reply");
    if ("list_reply".equals(kind) && listReply != null) {
      return new ListReply(item.envelope(key), id, Json.text(listReply, "id"), Json.text(listReply, "title"),
          Json.text(listReply, "description"), replyTo);
    }
    return new UnknownEvent(item.envelope(key), "interactive" + (kind == null ? "" : ":" + kind));
  }

  private static OrderPlaced order(WhatsAppParser.Item item, String key, String id, JsonObject order) {
    List<OrderItem> items = new ArrayList<>();
    for (JsonElement element : Json.elements(order, "product_items")) {
      if (element instanceof JsonObject product) {
        Integer quantity = Json.integer(product, "quantity");
        items.add(new OrderItem(Json.text(product, "product_retailer_id"), quantity == null ? 0 : quantity,
            Json.decimal(product, "item_price"), Json.text(product, "currency")));
      }
    }
    return new OrderPlaced(item.envelope(key), id, Json.text(order, "catalog_id"), items, Json.text(order, "text"));
  }

  private static Attachment attachment(String type, JsonElement element) {
    JsonObject media = element instanceof JsonObject object ? object : null;
    return new Attachment(type, Json.text(media, "url"), Json.text(media, "id"), Json.text(media, "mime_type"),
        Json.text(media, "caption"), Json.text(media, "filename"), element == null ? "null" : element.toString());
  }

  /** A click-to-WhatsApp ad referral on a message, or null. */
  private static ReferralDetails referral(JsonObject message) {
    JsonObject referral = Json.object(message, "referral");
    if (referral == null) {
      return null;
    }
    return new ReferralDetails(Json.text(referral, "ctwa_clid"), Json.text(referral, "source_type"),
        Json.text(referral, "media_type"), Json.text(referral, "source_id"), Json.text(referral, "source_url"));
  }
}
