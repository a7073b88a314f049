package dev.parley.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Reads and checks request fields, answering each problem with the platform's own error: Messenger
 * says code 100 for everything, WhatsApp 131008 for a missing and 131009 for a bad value. Messages
 * name the field, the value and the limit. Thread-safe.
 */
final class Fields {
  static final Fields MESSENGER = new Fields("Messenger", false);
  static final Fields WHATSAPP = new Fields("WhatsApp", true);

  private final String platform;
  private final boolean whatsApp;

  private Fields(String platform, boolean whatsApp) {
    this.platform = platform;
    this.whatsApp = whatsApp;
  }

  GraphError missing(String field) {
    return whatsApp ? GraphError.whatsAppMissing("The parameter " + field + " is required.")
        : GraphError.invalidParameter("The parameter " + field + " is required");
  }

  GraphError invalid(String detail) {
    return whatsApp ? GraphError.whatsAppInvalid(detail) : GraphError.invalidParameter(detail);
  }

  JsonObject requireObject(JsonObject parent, String name, String field) {
    JsonObject value = optionalObject(parent, name, field);
    if (value == null) {
      throw missing(field);
    }
    return value;
  }

  JsonObject optionalObject(JsonObject parent, String name, String field) {
    JsonElement value = parent.get(name);
    if (value == null || value.isJsonNull()) {
      return null;
    }
    if (!value.isJsonObject()) {
      throw invalid(field + " must be an object");
    }
    return value.getAsJsonObject();
  }

  JsonArray requireArray(JsonObject parent, String name, String field) {
    JsonArray value = optionalArray(parent, name, field);
    if (value == null) {
      throw missing(field);
    }
    return value;
  }

  JsonArray optionalArray(JsonObject parent, String name, String field) {
    JsonElement value = parent.get(name);
    if (value == null || value.isJsonNull()) {
      return null;
    }
    if (!value.isJsonArray()) {
      throw invalid(field + " must be an array");
    }
    return value.getAsJsonArray();
  }

  JsonObject element(JsonArray array, int index, String field) {
    JsonElement value = array.get(index);
    if (!value.isJsonObject()) {
      throw invalid(field + "[" + index + "] must be an object");
    }
    return value.getAsJsonObject();
  }

  /** A required, non-blank string (numbers are accepted as their text, as Graph does). */
  String requireString(JsonObject parent, String name, String field) {
    String value = optionalString(parent, name, field);
    if (value == null || value.isBlank()) {
      throw missing(field);
    }
    return value;
  }

  String optionalString(JsonObject parent, String name, String field) {
    JsonElement value = parent.get(name);
    if (value == null || value.isJsonNull()) {
      return null;
    }
    if (!value.isJsonPrimitive()) {
      throw invalid(field + " must be a string");
    }
    return value.getAsString();
  }

  /** A required string of at most {@code max} characters. */
  String requireText(JsonObject parent, String name, String field, int max) {
    String value = requireString(parent, name, field);
    checkLength(field, value, max);
    return value;
  }

  /** An optional string of at most {@code max} characters. */
  String optionalText(JsonObject parent, String name, String field, int max) {
    String value = optionalString(parent, name, field);
    if (value != null) {
      checkLength(field, value, max);
    }
    return value;
  }

  void checkLength(String field, String value, int max) {
    int length = length(value);
    if (length > max) {
      throw invalid(field + " '" + Redaction.cut(value) + "' is " + length + " characters; " + platform + " allows " + max);
    }
  }

  void checkCount(String field, int count, int min, int max) {
    if (count < min || count > max) {
      String allowed = min == max ? String.valueOf(min) : min + " to " + max;
      throw invalid(field + " has " + count + " item(s); " + platform + " allows " + allowed);
    }
  }

  void checkOneOf(String field, String value, String... allowed) {
    for (String a : allowed) {
      if (a.equals(value)) {
        return;
      }
    }
    throw invalid(field + " '" + Redaction.cut(value) + "' must be one of " + String.join(", ", allowed));
  }

  void checkUrl(String field, String value) {
    if (!(value.startsWith("https://") || value.startsWith("http://"))) {
      throw invalid(field + " '" + Redaction.cut(value) + "' must be an http or https URL");
    }
  }

  /** Characters as the platforms count them: Unicode code points, so an emoji is one. */
  static int length(String value) {
    return value.codePointCount(0, value.length());
  }
}
