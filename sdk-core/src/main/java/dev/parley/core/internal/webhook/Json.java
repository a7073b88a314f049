package dev.parley.core.internal.webhook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Lenient reads from webhook JSON: a field of the wrong type reads as absent instead of failing, so
 * an unexpected shape costs one field, never the event. Stateless.
 */
final class Json {

  private Json() {}

  /** A string or number field as text; null when absent, null or of another type. */
  static String text(JsonObject object, String name) {
    if (object == null) {
      return null;
    }
    JsonElement element = object.get(name);
    if (element instanceof JsonPrimitive primitive && (primitive.isString() || primitive.isNumber())) {
      return primitive.getAsString();
    }
    return null;
  }

  static JsonObject object(JsonObject object, String name) {
    if (object == null) {
      return null;
    }
    JsonElement element = object.get(name);
    return element instanceof JsonObject child ? child : null;
  }

  /** The elements of an array field, a view not to be modified; empty when absent or not an array. */
  static List<JsonElement> elements(JsonObject object, String name) {
    if (object == null || !(object.get(name) instanceof JsonArray array)) {
      return List.of();
    }
    return array.asList();
  }

  /** The text elements of an array field; other elements skipped. */
  static List<String> texts(JsonObject object, String name) {
    List<String> texts = new ArrayList<>();
    for (JsonElement element : elements(object, name)) {
      if (element instanceof JsonPrimitive primitive && (primitive.isString() || primitive.isNumber())) {
        texts.add(primitive.getAsString());
      }
    }
    return texts;
  }

  static boolean isTrue(JsonObject object, String name) {
    return object != null && object.get(name) instanceof JsonPrimitive p && p.isBoolean() && p.getAsBoolean();
  }

  /** A whole number field (number or numeric string); null when absent or not whole. */
  static Long whole(JsonObject object, String name) {
    return whole(text(object, name));
  }

  /** A whole number from the text of a number or numeric string; null when null or not whole. */
  static Long whole(String text) {
    if (text == null) {
      return null;
    }
    long value = 0;
    int length = text.length();
    int start = length > 1 && text.charAt(0) == '-' ? 1 : 0;
    // The common case, digits short enough not to overflow, read in one pass without a BigDecimal.
    if (length > start && length <= 18) {
      int i = start;
      for (; i < length; i++) {
        char c = text.charAt(i);
        if (c < '0' || c > '9') {
          break;
        }
        value = value * 10 + (c - '0');
      }
      if (i == length) {
        return start == 1 ? -value : value;
      }
    }
    try {
      return new BigDecimal(text.trim()).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }

  static Integer integer(JsonObject object, String name) {
    Long value = whole(object, name);
    return value == null || value != value.intValue() ? null : value.intValue();
  }

  static BigDecimal decimal(JsonObject object, String name) {
    String text = text(object, name);
    if (text == null) {
      return null;
    }
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Epoch milliseconds (Messenger) as an instant; null when absent. */
  static Instant millis(JsonObject object, String name) {
    return millis(text(object, name));
  }

  /** Epoch milliseconds from the text of a number or numeric string; null when null or not whole. */
  static Instant millis(String text) {
    Long value = whole(text);
    return value == null ? null : Instant.ofEpochMilli(value);
  }

  /** Epoch seconds (WhatsApp, sent as a string) as an instant; null when absent. */
  static Instant seconds(JsonObject object, String name) {
    Long value = whole(object, name);
    if (value == null) {
      return null;
    }
    try {
      return Instant.ofEpochSecond(value);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  /** A short stable hash of some JSON text, for dedup keys of events without an id. */
  static String hash(String json) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * A dedup key no longer than {@value #MAX_KEY_LENGTH} characters, so journals can index it: longer
   * keys (ids are Meta's and have no documented bound) keep a prefix and gain a hash of the whole.
   */
  static String boundedKey(String key) {
    if (key.length() <= MAX_KEY_LENGTH) {
      return key;
    }
    return key.substring(0, MAX_KEY_LENGTH - 33) + "#" + hash(key);
  }

  static final int MAX_KEY_LENGTH = 255;

  /**
   * {@code element} as compact JSON: the text {@link JsonElement#toString()} gives (strings escaped as
   * Gson's writer escapes them, not HTML-safe; numbers as parsed), written straight into one builder
   * instead of through Gson's writer stack, which cost a third of the webhook path.
   */
  static String toJson(JsonElement element) {
    StringBuilder out = new StringBuilder(256);
    write(element, out);
    return out.toString();
  }

  static void write(JsonElement element, StringBuilder out) {
    if (element instanceof JsonObject object) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonElement> member : object.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(member.getKey(), out);
        out.append(':');
        write(member.getValue(), out);
      }
      out.append('}');
    } else if (element instanceof JsonArray array) {
      out.append('[');
      for (int i = 0; i < array.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(array.get(i), out);
      }
      out.append(']');
    } else if (element instanceof JsonPrimitive primitive) {
      if (primitive.isString()) {
        string(primitive.getAsString(), out);
      } else if (primitive.isBoolean()) {
        out.append(primitive.getAsBoolean());
      } else {
        out.append(primitive.getAsNumber().toString());
      }
    } else {
      out.append("null");
    }
  }

  private static void string(String text, StringBuilder out) {
    out.append('"');
    int length = text.length();
    int plainFrom = 0;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      String escape;
      if (c < 0x20) {
        escape = switch (c) {
          case '\t' -> "\\t";
          case '\b' -> "\\b";
          case '\n' -> "\\n";
          case '\r' -> "\\r";
          case '\f' -> "\\f";
          default -> String.format("\\u%04x", (int) c);
        };
      } else if (c == '"') {
        escape = "\\\"";
      } else if (c == '\\') {
        escape = "\\\\";
      } else if (c == '\u2028') {
        escape = "\\u2028";
      } else if (c == '\u2029') {
        escape = "\\u2029";
      } else {
        continue;
      }
      out.append(text, plainFrom, i).append(escape);
      plainFrom = i + 1;
    }
    out.append(text, plainFrom, length).append('"');
  }

  static JsonArray arrayOf(JsonElement element) {
    JsonArray array = new JsonArray(1);
    array.add(element);
    return array;
  }
}
