package dev.parley.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a Messenger Send API {@code message} object against the documented shapes and limits and
 * renders it for transcripts (platforms.md 1.2; Meta: send-messages/quick-replies, template/button,
 * template/generic, template/receipt, buttons). Limits: text 2000, quick replies 1 to 13 with titles of
 * 20, button template text 640 with 1 to 3 buttons, button titles 20, postback payloads 1000, generic
 * template 1 to 10 elements with titles and subtitles of 80 and up to 3 buttons. Thread-safe.
 */
final class MessengerMessageRules {
  private static final Fields F = Fields.MESSENGER;

  private MessengerMessageRules() {}

  static RenderedMessage check(JsonObject message) {
    boolean hasText = message.has("text") && !message.get("text").isJsonNull();
    boolean hasAttachment = message.has("attachment") && !message.get("attachment").isJsonNull();
    if (hasText && hasAttachment) {
      throw F.invalid("message[text] and message[attachment] cannot both be set");
    }
    if (!hasText && !hasAttachment) {
      throw F.missing("message[text] or message[attachment]");
    }
    F.optionalText(message, "metadata", "message[metadata]", 1000);
    List<RenderedMessage.Offer> offers = new ArrayList<>();
    RenderedMessage body = hasText ? text(message) : attachment(F.requireObject(message, "attachment",
        "message[attachment]"), offers);
    List<String> quickReplies = quickReplies(message, offers);
    String summary = RenderedMessage.withList(body.summary(), "quick replies", quickReplies);
    return new RenderedMessage(body.kind(), summary, offers);
  }

  private static RenderedMessage text(JsonObject message) {
    String text = F.requireText(message, "text", "message[text]", 2000);
    return new RenderedMessage("text", text, List.of());
  }

  private static List<String> quickReplies(JsonObject message, List<RenderedMessage.Offer> offers) {
    JsonArray replies = F.optionalArray(message, "quick_replies", "message[quick_replies]");
    if (replies == null) {
      return List.of();
    }
    F.checkCount("message[quick_replies]", replies.size(), 1, 13);
    List<String> titles = new ArrayList<>();
    for (int i = 0; i < replies.size(); i++) {
      String field = "message[quick_replies][" + i + "]";
      JsonObject reply = F.element(replies, i, "message[quick_replies]");
      String type = F.requireString(reply, "content_type", field + "[content_type]");
      F.checkOneOf(field + "[content_type]", type, "text", "user_phone_number", "user_email");
      if (type.equals("text")) {
        String title = F.requireText(reply, "title", field + "[title]", 20);
        String payload = F.requireText(reply, "payload", field + "[payload]", 1000);
        String imageUrl = F.optionalString(reply, "image_url", field + "[image_url]");
        if (imageUrl != null) {
          F.checkUrl(field + "[image_url]", imageUrl);
        }
        titles.add(title);
        offers.add(new RenderedMessage.Offer("quick_reply", title, payload, null));
      } else {
        titles.add(type);
      }
    }
    return titles;
  }

  private static RenderedMessage attachment(JsonObject attachment, List<RenderedMessage.Offer> offers) {
    String type = F.requireString(attachment, "type", "message[attachment][type]");
    F.checkOneOf("message[attachment][type]", type, "image", "audio", "video", "file", "template");
    JsonObject payload = F.requireObject(attachment, "payload", "message[attachment][payload]");
    if (!type.equals("template")) {
      String url = F.optionalString(payload, "url", "message[attachment][payload][url]");
      String id = F.optionalString(payload, "attachment_id", "message[attachment][payload][attachment_id]");
      if ((url == null) == (id == null)) {
        throw F.invalid("message[attachment][payload] needs exactly one of url or attachment_id");
      }
      if (url != null) {
        F.checkUrl("message[attachment][payload][url]", url);
      }
      return new RenderedMessage(type, "[" + type + "] " + (url != null ? url : "attachment " + id), List.of());
    }
    String templateType = F.requireString(payload, "template_type", "message[attachment][payload][template_type]");
    switch (templateType) {
      case "button":
        return buttonTemplate(payload, offers);
      case "generic":
        return genericTemplate(payload, offers);
      case "receipt":
        return receiptTemplate(payload);
      case "media":
        return mediaTemplate(payload, offers);
      default:
        throw F.invalid("message[attachment][payload][template_type] '" + Redaction.cut(templateType)
            + "' is not one the sandbox emulates (button, generic, receipt, media)");
    }
  }

  private static RenderedMessage buttonTemplate(JsonObject payload, List<RenderedMessage.Offer> offers) {
    String text = F.requireText(payload, "text", "message[attachment][payload][text]", 640);
    JsonArray buttons = F.requireArray(payload, "buttons", "message[attachment][payload][buttons]");
    F.checkCount("message[attachment][payload][buttons]", buttons.size(), 1, 3);
    List<String> labels = buttons(buttons, "message[attachment][payload][buttons]", offers);
    return new RenderedMessage("button_template", RenderedMessage.withList(text, "buttons", labels), List.of());
  }

  private static RenderedMessage genericTemplate(JsonObject payload, List<RenderedMessage.Offer> offers) {
    String field = "message[attachment][payload][elements]";
    JsonArray elements = F.requireArray(payload, "elements", field);
    F.checkCount(field, elements.size(), 1, 10);
    List<String> cards = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      String ef = field + "[" + i + "]";
      JsonObject element = F.element(elements, i, field);
      String title = F.requireText(element, "title", ef + "[title]", 80);
      String subtitle = F.optionalText(element, "subtitle", ef + "[subtitle]", 80);
      String imageUrl = F.optionalString(element, "image_url", ef + "[image_url]");
      if (imageUrl != null) {
        F.checkUrl(ef + "[image_url]", imageUrl);
      }
      JsonObject defaultAction = F.optionalObject(element, "default_action", ef + "[default_action]");
      if (defaultAction != null) {
        F.checkOneOf(ef + "[default_action][type]", F.requireString(defaultAction, "type", ef + "[default_action][type]"),
            "web_url");
        F.checkUrl(ef + "[default_action][url]", F.requireString(defaultAction, "url", ef + "[default_action][url]"));
        if (defaultAction.has("title")) {
          throw F.invalid(ef + "[default_action] must not have a title");
        }
      }
      JsonArray buttons = F.optionalArray(element, "buttons", ef + "[buttons]");
      List<String> labels = List.of();
      if (buttons != null) {
        F.checkCount(ef + "[buttons]", buttons.size(), 1, 3);
        labels = buttons(buttons, ef + "[buttons]", offers);
      }
      if (subtitle == null && imageUrl == null && defaultAction == null && buttons == null) {
        throw F.invalid(ef + " needs at least one of subtitle, image_url, default_action or buttons besides its title");
      }
      cards.add(RenderedMessage.withList(subtitle == null ? title : title + " — " + subtitle, "buttons", labels));
    }
    return new RenderedMessage("generic_template", "[carousel] " + String.join(" || ", cards), List.of());
  }

  private static RenderedMessage receiptTemplate(JsonObject payload) {
    String f = "message[attachment][payload]";
    F.requireString(payload, "recipient_name", f + "[recipient_name]");
    String orderNumber = F.requireString(payload, "order_number", f + "[order_number]");
    String currency = F.requireString(payload, "currency", f + "[currency]");
    F.requireString(payload, "payment_method", f + "[payment_method]");
    if (payload.has("buttons")) {
      throw F.invalid(f + " of a receipt template takes no buttons");
    }
    JsonObject summary = F.requireObject(payload, "summary", f + "[summary]");
    String total = requireNumber(summary, "total_cost", f + "[summary][total_cost]");
    for (String optional : List.of("subtotal", "shipping_cost", "total_tax")) {
      if (summary.has(optional)) {
        requireNumber(summary, optional, f + "[summary][" + optional + "]");
      }
    }
    JsonArray elements = F.optionalArray(payload, "elements", f + "[elements]");
    if (elements != null) {
      F.checkCount(f + "[elements]", elements.size(), 0, 100);
      for (int i = 0; i < elements.size(); i++) {
        JsonObject element = F.element(elements, i, f + "[elements]");
        F.requireString(element, "title", f + "[elements][" + i + "][title]");
        requireNumber(element, "price", f + "[elements][" + i + "][price]");
      }
    }
    JsonObject address = F.optionalObject(payload, "address", f + "[address]");
    if (address != null) {
      for (String part : List.of("street_1", "city", "postal_code", "state", "country")) {
        F.requireString(address, part, f + "[address][" + part + "]");
      }
    }
    return new RenderedMessage("receipt_template", "[receipt #" + orderNumber + "] total " + total + " " + currency,
        List.of());
  }

  private static RenderedMessage mediaTemplate(JsonObject payload, List<RenderedMessage.Offer> offers) {
    String f = "message[attachment][payload][elements]";
    JsonArray elements = F.requireArray(payload, "elements", f);
    F.checkCount(f, elements.size(), 1, 1);
    JsonObject element = F.element(elements, 0, f);
    String mediaType = F.requireString(element, "media_type", f + "[0][media_type]");
    F.checkOneOf(f + "[0][media_type]", mediaType, "image", "video");
    JsonArray buttons = F.optionalArray(element, "buttons", f + "[0][buttons]");
    List<String> labels = List.of();
    if (buttons != null) {
      F.checkCount(f + "[0][buttons]", buttons.size(), 1, 3);
      labels = buttons(buttons, f + "[0][buttons]", offers);
    }
    return new RenderedMessage("media_template", RenderedMessage.withList("[" + mediaType + "]", "buttons", labels),
        List.of());
  }

  /** Checks buttons (Meta: send-messages/buttons) and returns their labels for the summary. */
  private static List<String> buttons(JsonArray buttons, String field, List<RenderedMessage.Offer> offers) {
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < buttons.size(); i++) {
      String bf = field + "[" + i + "]";
      JsonObject button = F.element(buttons, i, field);
      String type = F.requireString(button, "type", bf + "[type]");
      switch (type) {
        case "web_url": {
          String title = F.requireText(button, "title", bf + "[title]", 20);
          String url = F.requireString(button, "url", bf + "[url]");
          F.checkUrl(bf + "[url]", url);
          String ratio = F.optionalString(button, "webview_height_ratio", bf + "[webview_height_ratio]");
          if (ratio != null) {
            F.checkOneOf(bf + "[webview_height_ratio]", ratio, "compact", "tall", "full");
          }
          labels.add(title + " → " + url);
          offers.add(new RenderedMessage.Offer("web_url", title, url, null));
          break;
        }
        case "postback": {
          String title = F.requireText(button, "title", bf + "[title]", 20);
          String payload = F.requireText(button, "payload", bf + "[payload]", 1000);
          labels.add(title);
          offers.add(new RenderedMessage.Offer("postback", title, payload, null));
          break;
        }
        case "phone_number": {
          String title = F.requireText(button, "title", bf + "[title]", 20);
          String number = F.requireString(button, "payload", bf + "[payload]");
          if (!number.startsWith("+")) {
            throw F.invalid(bf + "[payload] '" + Redaction.cut(number) + "' must be a phone number starting with +");
          }
          labels.add(title + " → " + number);
          break;
        }
        case "account_link":
          F.checkUrl(bf + "[url]", F.requireString(button, "url", bf + "[url]"));
          labels.add("Log in");
          break;
        case "account_unlink":
          labels.add("Log out");
          break;
        case "game_play":
          labels.add(F.requireText(button, "title", bf + "[title]", 20));
          break;
        default:
          throw F.invalid(bf + "[type] '" + Redaction.cut(type)
              + "' must be one of web_url, postback, phone_number, account_link, account_unlink, game_play");
      }
    }
    return labels;
  }

  private static String requireNumber(JsonObject parent, String name, String field) {
    JsonElement value = parent.get(name);
    if (value == null || value.isJsonNull()) {
      throw F.missing(field);
    }
    try {
      return new java.math.BigDecimal(value.getAsString()).toPlainString();
    } catch (RuntimeException e) {
      throw F.invalid(field + " '" + Redaction.cut(value.toString()) + "' must be a number");
    }
  }
}
