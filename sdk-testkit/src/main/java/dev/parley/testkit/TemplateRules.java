package dev.parley.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Checks a WhatsApp {@code type:"template"} send against the templates the merchant registered:
 * unknown name or language → 132001 (HTTP 404), parameter counts that differ from the template's
 * placeholders → 132000, a parameter of the wrong kind → 132012, a body longer than 1024 characters
 * once filled → 132005 (platforms.md 2.2 and 2.6). Renders the filled-in text. Thread-safe.
 */
final class TemplateRules {
  private static final Fields F = Fields.WHATSAPP;

  private TemplateRules() {}

  static RenderedMessage check(JsonObject template, BiFunction<String, String, WhatsAppTemplate> registered) {
    String name = F.requireString(template, "name", "template.name");
    JsonObject language = F.requireObject(template, "language", "template.language");
    String code = F.requireString(language, "code", "template.language.code");
    String policy = F.optionalString(language, "policy", "template.language.policy");
    if (policy != null) {
      F.checkOneOf("template.language.policy", policy, "deterministic");
    }
    WhatsAppTemplate t = registered.apply(name, code);
    if (t == null) {
      throw GraphError.whatsApp(404, 132001, "Template name does not exist in the translation",
          "template name (" + Redaction.cut(name) + ") does not exist in " + Redaction.cut(code));
    }
    JsonArray components = F.optionalArray(template, "components", "template.components");
    JsonArray header = null;
    JsonArray body = null;
    Map<Integer, JsonObject> buttons = new HashMap<>();
    if (components != null) {
      for (int i = 0; i < components.size(); i++) {
        String f = "template.components[" + i + "]";
        JsonObject component = F.element(components, i, "template.components");
        String type = F.requireString(component, "type", f + ".type").toLowerCase(Locale.ROOT);
        F.checkOneOf(f + ".type", type, "header", "body", "button");
        JsonArray parameters = F.optionalArray(component, "parameters", f + ".parameters");
        parameters = parameters == null ? new JsonArray() : parameters;
        if (type.equals("button")) {
          int index = buttonIndex(component, f, t);
          if (buttons.put(index, component) != null) {
            throw F.invalid(f + " is a second component for button index " + index);
          }
        } else if (type.equals("header")) {
          if (header != null) {
            throw F.invalid(f + " is a second header component");
          }
          header = parameters;
        } else {
          if (body != null) {
            throw F.invalid(f + " is a second body component");
          }
          body = parameters;
        }
      }
    }
    String headerText = checkHeader(t, header == null ? new JsonArray() : header);
    Map<String, String> bodyValues = bodyValues(t, body == null ? new JsonArray() : body);
    String filledBody = WhatsAppTemplate.fill(t.bodyText(), bodyValues);
    if (Fields.length(filledBody) > 1024) {
      throw GraphError.whatsApp(400, 132005, "Translated text too long",
          "template " + name + " body is " + Fields.length(filledBody) + " characters once filled; WhatsApp allows 1024");
    }
    List<RenderedMessage.Offer> offers = checkButtons(t, buttons);
    String text = (headerText == null ? "" : headerText + " | ") + filledBody;
    List<String> labels = offers.stream()
        .map(o -> o.kind().equals("template_url") ? o.title() + " → " + o.value() : o.title()).toList();
    return new RenderedMessage("template", "[template " + name + "] " + RenderedMessage.withList(text, "buttons", labels),
        offers);
  }

  private static int buttonIndex(JsonObject component, String f, WhatsAppTemplate t) {
    JsonElement raw = component.get("index");
    if (raw == null || raw.isJsonNull()) {
      throw F.missing(f + ".index");
    }
    int index;
    try {
      index = Integer.parseInt(raw.getAsString());
    } catch (RuntimeException e) {
      throw F.invalid(f + ".index '" + Redaction.cut(raw.toString()) + "' must be a number from 0 to 9");
    }
    if (index < 0 || index >= t.buttons().size()) {
      throw F.invalid(f + ".index " + index + " does not match a button of template " + t.name() + ", which has "
          + t.buttons().size() + " button(s)");
    }
    String subType = F.requireString(component, "sub_type", f + ".sub_type").toLowerCase(Locale.ROOT);
    WhatsAppTemplate.Button.Type expected = t.buttons().get(index).type();
    String expectedSubType = expected == WhatsAppTemplate.Button.Type.QUICK_REPLY ? "quick_reply"
        : expected == WhatsAppTemplate.Button.Type.URL ? "url" : "phone_number";
    if (!subType.equals(expectedSubType)) {
      throw F.invalid(f + ".sub_type '" + Redaction.cut(subType) + "' does not match button " + index + " of template "
          + t.name() + ", a " + expectedSubType + " button");
    }
    return index;
  }

  private static String checkHeader(WhatsAppTemplate t, JsonArray parameters) {
    switch (t.headerFormat()) {
      case NONE:
        countMatches("header", parameters.size(), 0);
        return null;
      case TEXT: {
        List<String> names = t.headerPlaceholders();
        countMatches("header", parameters.size(), names.size());
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
          values.put(names.get(i), display(parameters, i, "header", "text"));
        }
        return WhatsAppTemplate.fill(t.headerText(), values);
      }
      default: {
        countMatches("header", parameters.size(), 1);
        String kind = t.headerFormat().name().toLowerCase(Locale.ROOT);
        display(parameters, 0, "header", kind);
        return "[" + kind + "]";
      }
    }
  }

  private static Map<String, String> bodyValues(WhatsAppTemplate t, JsonArray parameters) {
    List<String> names = t.bodyPlaceholders();
    countMatches("body", parameters.size(), names.size());
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < parameters.size(); i++) {
      String value = display(parameters, i, "body", null);
      String name = names.get(i);
      if (t.usesNamedParameters()) {
        JsonObject p = parameters.get(i).getAsJsonObject();
        String given = F.optionalString(p, "parameter_name", "body parameter " + i + " parameter_name");
        if (given == null || !names.contains(given)) {
          throw GraphError.whatsApp(400, 132000, "Number of parameters does not match the expected number of params",
              "body parameter " + i + " names '" + Redaction.cut(String.valueOf(given)) + "'; template " + t.name()
                  + " expects parameter_name among " + names);
        }
        name = given;
      }
      values.put(name, value);
    }
    return values;
  }

  private static List<RenderedMessage.Offer> checkButtons(WhatsAppTemplate t, Map<Integer, JsonObject> components) {
    List<RenderedMessage.Offer> offers = new ArrayList<>();
    for (int i = 0; i < t.buttons().size(); i++) {
      WhatsAppTemplate.Button button = t.buttons().get(i);
      JsonObject component = components.get(i);
      JsonArray parameters = component == null ? new JsonArray()
          : F.optionalArray(component, "parameters", "button " + i + " parameters");
      parameters = parameters == null ? new JsonArray() : parameters;
      String where = "button " + i;
      switch (button.type()) {
        case URL:
          if (button.hasDynamicUrl()) {
            countMatches(where, parameters.size(), 1);
            String suffix = display(parameters, 0, where, "text");
            offers.add(new RenderedMessage.Offer("template_url", button.text(),
                WhatsAppTemplate.fill(button.value(), Map.of("1", suffix)), null));
          } else {
            countMatches(where, parameters.size(), 0);
            offers.add(new RenderedMessage.Offer("template_url", button.text(), button.value(), null));
          }
          break;
        case QUICK_REPLY:
          if (parameters.size() > 1) {
            countMatches(where, parameters.size(), 1);
          }
          String payload = parameters.size() == 1 ? display(parameters, 0, where, "payload") : button.text();
          offers.add(new RenderedMessage.Offer("template_quick_reply", button.text(), payload, null));
          break;
        default:
          countMatches(where, parameters.size(), 0);
      }
    }
    return offers;
  }

  private static void countMatches(String where, int given, int expected) {
    if (given != expected) {
      throw GraphError.whatsApp(400, 132000, "Number of parameters does not match the expected number of params",
          where + ": number of localizable_params (" + given + ") does not match the expected number of params ("
              + expected + ")");
    }
  }

  /** Checks one parameter and returns the text it shows; {@code expectedType} null accepts any text-like kind. */
  private static String display(JsonArray parameters, int index, String where, String expectedType) {
    String f = where + " parameter " + index;
    JsonObject p = F.element(parameters, index, where + " parameters");
    String type = F.requireString(p, "type", f + ".type");
    if (expectedType != null && !expectedType.equals(type)) {
      throw GraphError.whatsApp(400, 132012, "Parameter format does not match format in the created template",
          f + " is of type " + Redaction.cut(type) + "; the template expects " + expectedType);
    }
    switch (type) {
      case "text":
        return F.requireText(p, "text", f + ".text", 1024);
      case "currency": {
        JsonObject currency = F.requireObject(p, "currency", f + ".currency");
        String fallback = F.requireString(currency, "fallback_value", f + ".currency.fallback_value");
        F.requireString(currency, "code", f + ".currency.code");
        String amount = F.requireString(currency, "amount_1000", f + ".currency.amount_1000");
        if (!amount.matches("-?\\d+")) {
          throw F.invalid(f + ".currency.amount_1000 '" + Redaction.cut(amount) + "' must be an integer");
        }
        return fallback;
      }
      case "date_time": {
        JsonObject dateTime = F.requireObject(p, "date_time", f + ".date_time");
        return F.requireString(dateTime, "fallback_value", f + ".date_time.fallback_value");
      }
      case "image":
      case "video":
      case "document": {
        if (expectedType == null) {
          throw GraphError.whatsApp(400, 132012, "Parameter format does not match format in the created template",
              f + " is of type " + type + "; body parameters are text, currency or date_time");
        }
        JsonObject media = F.requireObject(p, type, f + "." + type);
        if (!media.has("id") && !media.has("link")) {
          throw F.invalid(f + "." + type + " needs an id or a link");
        }
        return "[" + type + "]";
      }
      case "payload":
        return F.requireText(p, "payload", f + ".payload", 1000);
      default:
        throw F.invalid(f + ".type '" + Redaction.cut(type) + "' must be one of text, currency, date_time, image, "
            + "video, document, payload");
    }
  }
}
