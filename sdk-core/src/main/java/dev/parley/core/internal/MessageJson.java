package dev.parley.core.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.Money;
import dev.parley.core.internal.send.Limits;
import dev.parley.core.message.Address;
import dev.parley.core.message.Adjustment;
import dev.parley.core.message.Button;
import dev.parley.core.message.Buttons;
import dev.parley.core.message.CallButton;
import dev.parley.core.message.Card;
import dev.parley.core.message.Carousel;
import dev.parley.core.message.Media;
import dev.parley.core.message.MediaType;
import dev.parley.core.message.Message;
import dev.parley.core.message.OrderStatus;
import dev.parley.core.message.OrderUpdate;
import dev.parley.core.message.PostbackButton;
import dev.parley.core.message.QuickReplies;
import dev.parley.core.message.QuickReply;
import dev.parley.core.message.RawMessage;
import dev.parley.core.message.Receipt;
import dev.parley.core.message.ReceiptItem;
import dev.parley.core.message.ReceiptSummary;
import dev.parley.core.message.TemplateParameter;
import dev.parley.core.message.Text;
import dev.parley.core.message.UrlButton;
import dev.parley.core.message.WhatsAppTemplate;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Stores a {@link Message} as JSON and reads it back exactly, every kind; the durable outbox keeps
 * its messages with it. The format is Parley's own, not a platform's: a {@code "kind"}
 * discriminator and the record's fields under their Java names, null when absent; money as
 * {@code {"minorUnits": 4200, "currency": "EUR"}}; instants and dates in ISO-8601. Reading
 * validates like building does.
 *
 * <p>Public for wiring only; not part of Parley's API. Stateless and thread-safe.
 */
public final class MessageJson {
  private MessageJson() {}

  /** The JSON of {@code message}. */
  public static String toJson(Message message) {
    JsonObject json = new JsonObject();
    if (message instanceof Text text) {
      json.addProperty("kind", "text");
      json.addProperty("text", text.text());
    } else if (message instanceof Media media) {
      json.addProperty("kind", "media");
      json.addProperty("type", media.type().name());
      json.addProperty("url", media.url());
      json.addProperty("uploadedId", media.uploadedId());
      json.addProperty("caption", media.caption());
      json.addProperty("filename", media.filename());
    } else if (message instanceof Buttons buttons) {
      json.addProperty("kind", "buttons");
      json.addProperty("text", buttons.text());
      json.add("buttons", array(buttons.buttons(), MessageJson::button));
    } else if (message instanceof QuickReplies quickReplies) {
      json.addProperty("kind", "quick_replies");
      json.addProperty("text", quickReplies.text());
      json.add("replies", array(quickReplies.replies(), reply -> {
        JsonObject r = new JsonObject();
        r.addProperty("title", reply.title());
        r.addProperty("payload", reply.payload());
        return r;
      }));
    } else if (message instanceof Carousel carousel) {
      json.addProperty("kind", "carousel");
      json.add("cards", array(carousel.cards(), card -> {
        JsonObject c = new JsonObject();
        c.addProperty("title", card.title());
        c.addProperty("subtitle", card.subtitle());
        c.addProperty("imageUrl", card.imageUrl());
        c.add("buttons", array(card.buttons(), MessageJson::button));
        return c;
      }));
    } else if (message instanceof Receipt receipt) {
      receipt(json, receipt);
    } else if (message instanceof OrderUpdate update) {
      json.addProperty("kind", "order_update");
      json.addProperty("orderNumber", update.orderNumber());
      json.addProperty("status", update.status().name());
      json.addProperty("trackingUrl", update.trackingUrl());
      json.addProperty("eta", update.eta() == null ? null : update.eta().toString());
      json.addProperty("note", update.note());
      json.add("button", update.button() == null ? null : button(update.button()));
    } else if (message instanceof WhatsAppTemplate template) {
      json.addProperty("kind", "whatsapp_template");
      json.addProperty("name", template.name());
      json.addProperty("languageCode", template.languageCode());
      json.add("parameters", array(template.parameters(), MessageJson::parameter));
      json.addProperty("urlButtonSuffix", template.urlButtonSuffix());
    } else if (message instanceof RawMessage raw) {
      json.addProperty("kind", "raw");
      json.addProperty("messengerJson", raw.messengerJson());
      json.addProperty("whatsAppJson", raw.whatsAppJson());
    }
    return json.toString();
  }

  /** The message {@code json} holds; throws {@link InvalidRequestException} when it is not one. */
  public static Message fromJson(String json) {
    JsonObject root;
    try {
      root = JsonParser.parseString(json).getAsJsonObject();
    } catch (JsonParseException | IllegalStateException | NullPointerException e) {
      throw new InvalidRequestException("stored message " + Limits.quote(json) + " is not a JSON object", e);
    }
    String kind = string(root, "kind");
    try {
      return switch (kind == null ? "" : kind) {
        case "text" -> new Text(string(root, "text"));
        case "media" -> new Media(MediaType.valueOf(string(root, "type")), string(root, "url"),
            string(root, "uploadedId"), string(root, "caption"), string(root, "filename"));
        case "buttons" -> new Buttons(string(root, "text"), list(root, "buttons", MessageJson::readButton));
        case "quick_replies" -> new QuickReplies(string(root, "text"),
            list(root, "replies", r -> new QuickReply(string(r, "title"), string(r, "payload"))));
        case "carousel" -> new Carousel(list(root, "cards", c -> new Card(string(c, "title"), string(c, "subtitle"),
            string(c, "imageUrl"), list(c, "buttons", MessageJson::readButton))));
        case "receipt" -> readReceipt(root);
        case "order_update" -> new OrderUpdate(string(root, "orderNumber"), OrderStatus.valueOf(string(root, "status")),
            string(root, "trackingUrl"), present(root, "eta") ? LocalDate.parse(string(root, "eta")) : null,
            string(root, "note"), present(root, "button") ? (UrlButton) readButton(root.getAsJsonObject("button")) : null);
        case "whatsapp_template" -> new WhatsAppTemplate(string(root, "name"), string(root, "languageCode"),
            list(root, "parameters", MessageJson::readParameter), string(root, "urlButtonSuffix"));
        case "raw" -> new RawMessage(string(root, "messengerJson"), string(root, "whatsAppJson"));
        default -> throw new InvalidRequestException("stored message kind " + Limits.quote(kind) + " is unknown");
      };
    } catch (IllegalArgumentException | IllegalStateException | ClassCastException | NullPointerException
        | DateTimeException e) {
      throw new InvalidRequestException("stored " + kind + " message " + Limits.quote(json) + " is malformed: " + e, e);
    }
  }

  private static void receipt(JsonObject json, Receipt receipt) {
    json.addProperty("kind", "receipt");
    json.addProperty("orderNumber", receipt.orderNumber());
    json.addProperty("recipientName", receipt.recipientName());
    json.addProperty("merchantName", receipt.merchantName());
    json.addProperty("paymentMethod", receipt.paymentMethod());
    json.addProperty("orderUrl", receipt.orderUrl());
    json.addProperty("timestamp", receipt.timestamp() == null ? null : receipt.timestamp().toString());
    json.add("items", array(receipt.items(), item -> {
      JsonObject i = new JsonObject();
      i.addProperty("title", item.title());
      i.addProperty("subtitle", item.subtitle());
      i.addProperty("quantity", item.quantity());
      i.add("price", money(item.price()));
      i.addProperty("imageUrl", item.imageUrl());
      return i;
    }));
    if (receipt.address() != null) {
      Address address = receipt.address();
      JsonObject a = new JsonObject();
      a.addProperty("street1", address.street1());
      a.addProperty("street2", address.street2());
      a.addProperty("city", address.city());
      a.addProperty("postalCode", address.postalCode());
      a.addProperty("state", address.state());
      a.addProperty("country", address.country());
      json.add("address", a);
    }
    ReceiptSummary summary = receipt.summary();
    JsonObject s = new JsonObject();
    s.add("subtotal", money(summary.subtotal()));
    s.add("shippingCost", money(summary.shippingCost()));
    s.add("totalTax", money(summary.totalTax()));
    s.add("totalCost", money(summary.totalCost()));
    json.add("summary", s);
    json.add("adjustments", array(receipt.adjustments(), adjustment -> {
      JsonObject a = new JsonObject();
      a.addProperty("name", adjustment.name());
      a.add("amount", money(adjustment.amount()));
      return a;
    }));
    json.add("button", receipt.button() == null ? null : button(receipt.button()));
  }

  private static Receipt readReceipt(JsonObject root) {
    JsonObject s = root.getAsJsonObject("summary");
    Address address = null;
    if (present(root, "address")) {
      JsonObject a = root.getAsJsonObject("address");
      address = new Address(string(a, "street1"), string(a, "street2"), string(a, "city"), string(a, "postalCode"),
          string(a, "state"), string(a, "country"));
    }
    return new Receipt(string(root, "orderNumber"), string(root, "recipientName"), string(root, "merchantName"),
        string(root, "paymentMethod"), string(root, "orderUrl"),
        present(root, "timestamp") ? Instant.parse(string(root, "timestamp")) : null,
        list(root, "items", i -> new ReceiptItem(string(i, "title"), string(i, "subtitle"), i.get("quantity").getAsInt(),
            readMoney(i, "price"), string(i, "imageUrl"))),
        address,
        new ReceiptSummary(readMoney(s, "subtotal"), readMoney(s, "shippingCost"), readMoney(s, "totalTax"),
            readMoney(s, "totalCost")),
        list(root, "adjustments", a -> new Adjustment(string(a, "name"), readMoney(a, "amount"))),
        present(root, "button") ? (UrlButton) readButton(root.getAsJsonObject("button")) : null);
  }

  private static JsonObject button(Button button) {
    JsonObject json = new JsonObject();
    if (button instanceof UrlButton url) {
      json.addProperty("type", "url");
      json.addProperty("title", url.title());
      json.addProperty("url", url.url());
    } else if (button instanceof PostbackButton postback) {
      json.addProperty("type", "postback");
      json.addProperty("title", postback.title());
      json.addProperty("payload", postback.payload());
    } else if (button instanceof CallButton call) {
      json.addProperty("type", "call");
      json.addProperty("title", call.title());
      json.addProperty("phoneNumber", call.phoneNumber());
    }
    return json;
  }

  private static Button readButton(JsonObject json) {
    String type = string(json, "type");
    return switch (type == null ? "" : type) {
      case "url" -> new UrlButton(string(json, "title"), string(json, "url"));
      case "postback" -> new PostbackButton(string(json, "title"), string(json, "payload"));
      case "call" -> new CallButton(string(json, "title"), string(json, "phoneNumber"));
      default -> throw new InvalidRequestException("stored button type " + Limits.quote(type) + " is unknown");
    };
  }

  private static JsonObject parameter(TemplateParameter parameter) {
    JsonObject json = new JsonObject();
    json.addProperty("name", parameter.name());
    if (parameter instanceof TemplateParameter.Text text) {
      json.addProperty("type", "text");
      json.addProperty("value", text.value());
    } else if (parameter instanceof TemplateParameter.Amount amount) {
      json.addProperty("type", "amount");
      json.add("amount", money(amount.amount()));
      json.addProperty("fallback", amount.fallback());
    }
    return json;
  }

  private static TemplateParameter readParameter(JsonObject json) {
    String type = string(json, "type");
    return switch (type == null ? "" : type) {
      case "text" -> new TemplateParameter.Text(string(json, "name"), string(json, "value"));
      case "amount" -> new TemplateParameter.Amount(string(json, "name"), readMoney(json, "amount"), string(json, "fallback"));
      default -> throw new InvalidRequestException("stored template parameter type " + Limits.quote(type) + " is unknown");
    };
  }

  private static JsonObject money(Money money) {
    if (money == null) {
      return null;
    }
    JsonObject json = new JsonObject();
    json.addProperty("minorUnits", money.minorUnits());
    json.addProperty("currency", money.currencyCode());
    return json;
  }

  private static Money readMoney(JsonObject parent, String field) {
    if (!parent.has(field) || parent.get(field).isJsonNull()) {
      return null;
    }
    JsonObject json = parent.getAsJsonObject(field);
    return Money.of(json.get("minorUnits").getAsLong(), string(json, "currency"));
  }

  private static <T> JsonArray array(List<T> values, Function<T, JsonElement> write) {
    JsonArray array = new JsonArray();
    values.forEach(value -> array.add(write.apply(value)));
    return array;
  }

  private static <T> List<T> list(JsonObject parent, String field, Function<JsonObject, T> read) {
    List<T> values = new ArrayList<>();
    if (parent.has(field) && parent.get(field).isJsonArray()) {
      for (JsonElement element : parent.getAsJsonArray(field)) {
        values.add(read.apply(element.getAsJsonObject()));
      }
    }
    return values;
  }

  private static boolean present(JsonObject object, String field) {
    return object.has(field) && !object.get(field).isJsonNull();
  }

  private static String string(JsonObject object, String field) {
    JsonElement value = object.get(field);
    return value == null || value.isJsonNull() ? null : value.getAsString();
  }
}
