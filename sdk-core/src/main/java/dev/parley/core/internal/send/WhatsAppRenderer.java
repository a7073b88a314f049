package dev.parley.core.internal.send;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.parley.core.Channel;
import dev.parley.core.internal.RawMessageJson;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.Money;
import dev.parley.core.Recipient;
import dev.parley.core.SendOptions;
import dev.parley.core.SenderAction;
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
import dev.parley.core.message.TemplateParameter;
import dev.parley.core.message.Text;
import dev.parley.core.message.UrlButton;
import dev.parley.core.message.WhatsAppTemplate;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * WhatsApp Cloud API bodies (Meta: whatsapp/messages/*, interactive-reply-buttons-messages,
 * interactive-cta-url-messages, templates/components, typing-indicators). Fallbacks, one request
 * each: buttons become reply buttons (postbacks only), a {@code cta_url} (a single URL button), or
 * links written into the body; quick replies become reply buttons (up to 3) or a list (up to 10);
 * a carousel becomes a list when every card starts with a postback, otherwise a formatted text; a
 * receipt becomes a formatted text, a {@code cta_url} when it has a button or an order URL; an order
 * update a text or a {@code cta_url}. Stateless and thread-safe.
 */
final class WhatsAppRenderer implements ChannelRenderer {
  private static final String WHO = "WhatsApp";
  private static final String LIST_BUTTON = "Choose";
  private static final String CAROUSEL_BODY = "Please choose one:";
  private static final String VIEW_ORDER = "View order";

  private final FallbackText fallback;

  WhatsAppRenderer(FallbackText fallback) {
    this.fallback = fallback;
  }

  @Override
  public List<JsonObject> render(Recipient recipient, Delivery delivery, SendOptions options) {
    JsonObject content = content(delivery.message());
    JsonObject body = new JsonObject();
    body.addProperty("messaging_product", "whatsapp");
    body.addProperty("recipient_type", "individual");
    body.addProperty("to", recipient.userId());
    if (options.replyToMessageId() != null) {
      JsonObject context = new JsonObject();
      context.addProperty("message_id", options.replyToMessageId());
      body.add("context", context);
    }
    content.entrySet().forEach(entry -> body.add(entry.getKey(), entry.getValue()));
    return List.of(body);
  }

  /**
   * The request body of {@code text}, written as JSON text without a tree: exactly what
   * {@link #render}'s body prints as, at a fraction of the cost (a text is the most common send).
   */
  String textBody(Recipient recipient, SendOptions options, Text text) {
    String checked = Limits.requireMaxLength("text", text.text(), 4096, WHO);
    StringBuilder json = new StringBuilder(144 + recipient.userId().length() + checked.length());
    JsonText.quoted(json.append("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":"),
        recipient.userId());
    if (options.replyToMessageId() != null) {
      JsonText.quoted(json.append(",\"context\":{\"message_id\":"), options.replyToMessageId()).append('}');
    }
    JsonText.quoted(json.append(",\"type\":\"text\",\"text\":{\"body\":"), checked);
    return json.append(",\"preview_url\":").append(previewsUrl(checked)).append("}}").toString();
  }

  @Override
  public JsonObject senderAction(Recipient recipient, SenderAction action) {
    if (action.kind() == SenderAction.Kind.TYPING_OFF) {
      return null;
    }
    if (action.messageId() == null) {
      throw new InvalidRequestException("sender action " + action.kind() + " needs the id of the customer's message"
          + " on WhatsApp (SenderAction.markRead(id) or typingOn(id)); WhatsApp marks a message read, not a chat");
    }
    JsonObject body = new JsonObject();
    body.addProperty("messaging_product", "whatsapp");
    body.addProperty("status", "read");
    body.addProperty("message_id", action.messageId());
    if (action.kind() == SenderAction.Kind.TYPING_ON) {
      JsonObject typing = new JsonObject();
      typing.addProperty("type", "text");
      body.add("typing_indicator", typing);
    }
    return body;
  }

  private JsonObject content(Message message) {
    if (message instanceof Text text) {
      return text(text.text());
    } else if (message instanceof Media media) {
      return media(media);
    } else if (message instanceof Buttons buttons) {
      return buttons(buttons.text(), buttons.buttons());
    } else if (message instanceof QuickReplies quickReplies) {
      return quickReplies(quickReplies);
    } else if (message instanceof Carousel carousel) {
      return carousel(carousel);
    } else if (message instanceof Receipt receipt) {
      UrlButton button = receipt.button() != null ? receipt.button()
          : receipt.orderUrl() != null ? new UrlButton(VIEW_ORDER, receipt.orderUrl()) : null;
      String text = fallback.receipt(receipt, true);
      return button == null ? text(text) : ctaUrl(text, button);
    } else if (message instanceof OrderUpdate update) {
      return orderUpdate(update);
    } else if (message instanceof WhatsAppTemplate template) {
      return template(template);
    } else if (message instanceof RawMessage raw) {
      if (raw.whatsAppJson() == null) {
        throw new InvalidRequestException("raw message has no WhatsApp JSON; it was built for Messenger only");
      }
      return RawMessageJson.copyFor(raw, Channel.WHATSAPP);
    }
    throw new IllegalStateException("unknown message kind " + message.getClass());
  }

  private static JsonObject text(String text) {
    JsonObject inner = new JsonObject();
    inner.addProperty("body", Limits.requireMaxLength("text", text, 4096, WHO));
    inner.addProperty("preview_url", previewsUrl(text));
    return typed("text", inner);
  }

  private static boolean previewsUrl(String text) {
    return text.contains("https://") || text.contains("http://");
  }

  private static JsonObject media(Media media) {
    String type = media.type() == MediaType.FILE ? "document" : media.type().name().toLowerCase(Locale.ROOT);
    JsonObject inner = new JsonObject();
    if (media.url() != null) {
      inner.addProperty("link", media.url());
    } else {
      inner.addProperty("id", media.uploadedId());
    }
    if (media.caption() != null) {
      inner.addProperty("caption", Limits.requireMaxLength("media caption", media.caption(), 1024, WHO));
    }
    if (media.filename() != null && media.type() == MediaType.FILE) {
      inner.addProperty("filename", media.filename());
    }
    return typed(type, inner);
  }

  private static JsonObject buttons(String text, List<Button> buttons) {
    if (buttons.stream().allMatch(PostbackButton.class::isInstance)) {
      return replyButtons(text, buttons.stream().map(b -> (PostbackButton) b)
          .map(b -> new QuickReply(b.title(), b.payload())).toList());
    }
    if (buttons.size() == 1 && buttons.get(0) instanceof UrlButton url) {
      return ctaUrl(text, url);
    }
    StringJoiner body = new StringJoiner("\n").add(text);
    List<QuickReply> replies = new java.util.ArrayList<>();
    for (Button button : buttons) {
      if (button instanceof PostbackButton postback) {
        replies.add(new QuickReply(postback.title(), postback.payload()));
      } else if (button instanceof UrlButton url) {
        body.add(url.title() + ": " + url.url());
      } else if (button instanceof CallButton call) {
        body.add(call.title() + ": " + call.phoneNumber());
      }
    }
    return replies.isEmpty() ? text(body.toString()) : replyButtons(body.toString(), replies);
  }

  private static JsonObject quickReplies(QuickReplies quickReplies) {
    if (quickReplies.replies().size() <= 3) {
      return replyButtons(quickReplies.text(), quickReplies.replies());
    }
    Limits.requireCount("quick replies", quickReplies.replies(), 1, 10, WHO + " (as a list)");
    JsonArray rows = new JsonArray();
    for (QuickReply reply : quickReplies.replies()) {
      rows.add(row(reply.payload(), reply.title(), null));
    }
    return list(quickReplies.text(), rows);
  }

  private static JsonObject carousel(Carousel carousel) {
    boolean postbacks = carousel.cards().stream()
        .allMatch(card -> !card.buttons().isEmpty() && card.buttons().get(0) instanceof PostbackButton);
    if (postbacks) {
      JsonArray rows = new JsonArray();
      for (Card card : carousel.cards()) {
        rows.add(row(((PostbackButton) card.buttons().get(0)).payload(), card.title(), card.subtitle()));
      }
      return list(CAROUSEL_BODY, rows);
    }
    StringJoiner text = new StringJoiner("\n\n");
    for (Card card : carousel.cards()) {
      StringJoiner lines = new StringJoiner("\n").add("*" + card.title() + "*");
      if (card.subtitle() != null) {
        lines.add(card.subtitle());
      }
      for (Button button : card.buttons()) {
        if (button instanceof UrlButton url) {
          lines.add(url.title() + ": " + url.url());
        } else if (button instanceof CallButton call) {
          lines.add(call.title() + ": " + call.phoneNumber());
        }
      }
      text.add(lines.toString());
    }
    return text(text.toString());
  }

  private JsonObject orderUpdate(OrderUpdate update) {
    String text = fallback.orderUpdate(update, true);
    if (update.button() != null) {
      String body = update.trackingUrl() == null ? text : text + "\n" + FallbackText.TRACK_TITLE + ": " + update.trackingUrl();
      return ctaUrl(body, update.button());
    }
    if (update.trackingUrl() != null) {
      return ctaUrl(text, new UrlButton(FallbackText.TRACK_TITLE, update.trackingUrl()));
    }
    return text(text);
  }

  private static JsonObject template(WhatsAppTemplate template) {
    JsonObject language = new JsonObject();
    language.addProperty("policy", "deterministic");
    language.addProperty("code", template.languageCode());
    JsonObject inner = new JsonObject();
    inner.addProperty("name", template.name());
    inner.add("language", language);
    JsonArray components = new JsonArray();
    if (!template.parameters().isEmpty()) {
      JsonArray parameters = new JsonArray();
      template.parameters().forEach(parameter -> parameters.add(parameter(parameter)));
      JsonObject body = new JsonObject();
      body.addProperty("type", "body");
      body.add("parameters", parameters);
      components.add(body);
    }
    if (template.urlButtonSuffix() != null) {
      JsonObject suffix = new JsonObject();
      suffix.addProperty("type", "text");
      suffix.addProperty("text", template.urlButtonSuffix());
      JsonArray parameters = new JsonArray();
      parameters.add(suffix);
      JsonObject button = new JsonObject();
      button.addProperty("type", "button");
      button.addProperty("sub_type", "url");
      button.addProperty("index", "0");
      button.add("parameters", parameters);
      components.add(button);
    }
    if (!components.isEmpty()) {
      inner.add("components", components);
    }
    return typed("template", inner);
  }

  private static JsonObject parameter(TemplateParameter parameter) {
    JsonObject json = new JsonObject();
    if (parameter instanceof TemplateParameter.Text text) {
      json.addProperty("type", "text");
      json.addProperty("text", text.value());
    } else if (parameter instanceof TemplateParameter.Amount amount) {
      Money money = amount.amount();
      JsonObject currency = new JsonObject();
      currency.addProperty("fallback_value", amount.fallback());
      currency.addProperty("code", money.currencyCode());
      currency.addProperty("amount_1000", Math.multiplyExact(money.minorUnits(), pow10(3 - money.exponent())));
      json.addProperty("type", "currency");
      json.add("currency", currency);
    }
    if (parameter.name() != null) {
      json.addProperty("parameter_name", parameter.name());
    }
    return json;
  }

  private static long pow10(int exponent) {
    long result = 1;
    for (int i = 0; i < exponent; i++) {
      result *= 10;
    }
    return result;
  }

  private static JsonObject replyButtons(String text, List<QuickReply> replies) {
    Limits.requireCount("reply buttons", replies, 1, 3, WHO);
    JsonArray buttons = new JsonArray();
    for (QuickReply reply : replies) {
      JsonObject inner = new JsonObject();
      inner.addProperty("id", Limits.requireMaxLength("reply button id", reply.payload(), 256, WHO));
      inner.addProperty("title", Limits.requireMaxLength("reply button title", reply.title(), 20, WHO));
      JsonObject button = new JsonObject();
      button.addProperty("type", "reply");
      button.add("reply", inner);
      buttons.add(button);
    }
    JsonObject action = new JsonObject();
    action.add("buttons", buttons);
    return interactive("button", text, action);
  }

  private static JsonObject list(String text, JsonArray rows) {
    JsonObject section = new JsonObject();
    section.add("rows", rows);
    JsonArray sections = new JsonArray();
    sections.add(section);
    JsonObject action = new JsonObject();
    action.addProperty("button", LIST_BUTTON);
    action.add("sections", sections);
    return interactive("list", text, action);
  }

  private static JsonObject row(String id, String title, String description) {
    JsonObject row = new JsonObject();
    row.addProperty("id", Limits.requireMaxLength("list row id", id, 200, WHO));
    row.addProperty("title", Limits.requireMaxLength("list row title", title, 24, WHO));
    if (description != null) {
      row.addProperty("description", Limits.requireMaxLength("list row description", description, 72, WHO));
    }
    return row;
  }

  private static JsonObject ctaUrl(String text, UrlButton button) {
    JsonObject parameters = new JsonObject();
    parameters.addProperty("display_text", Limits.requireMaxLength("button title", button.title(), 20, WHO));
    parameters.addProperty("url", button.url());
    JsonObject action = new JsonObject();
    action.addProperty("name", "cta_url");
    action.add("parameters", parameters);
    return interactive("cta_url", text, action);
  }

  private static JsonObject interactive(String type, String text, JsonObject action) {
    JsonObject body = new JsonObject();
    body.addProperty("text", Limits.requireMaxLength("interactive body", text, 1024, WHO));
    JsonObject inner = new JsonObject();
    inner.addProperty("type", type);
    inner.add("body", body);
    inner.add("action", action);
    return typed("interactive", inner);
  }

  private static JsonObject typed(String type, JsonObject inner) {
    JsonObject content = new JsonObject();
    content.addProperty("type", type);
    content.add(type, inner);
    return content;
  }
}
