package dev.parley.testkit;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;

/** Turns JSON trees into the exact bytes each platform sends. Thread-safe. */
final class JsonText {
  private static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
  private static final Gson PRETTY = new GsonBuilder().disableHtmlEscaping().serializeNulls().setPrettyPrinting().create();

  private JsonText() {}

  /** Compact JSON, UTF-8, the way the Graph API answers. */
  static byte[] compact(JsonElement json) {
    return COMPACT.toJson(json).getBytes(StandardCharsets.UTF_8);
  }

  /** Two-space indented JSON, UTF-8, the way Stripe answers and sends events. */
  static byte[] pretty(JsonElement json) {
    return PRETTY.toJson(json).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The body of a Meta webhook: compact JSON in which every non-ASCII character is written as a
   * lowercase {@code \\uXXXX} escape (one per UTF-16 unit, so emoji become surrogate pairs) and
   * {@code /} as {@code \/}. Meta signs this escaped rendering (Meta: webhooks, "validate payloads"),
   * so a receiver that re-serializes or decodes the body before hashing gets a different signature.
   * Both characters only occur inside JSON strings, so escaping the whole text is safe.
   */
  static byte[] metaEscaped(JsonElement json) {
    String text = COMPACT.toJson(json);
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else if (c == '/') {
        out.append("\\/");
      } else {
        out.append(c);
      }
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }

  static String toText(JsonElement json) {
    return COMPACT.toJson(json);
  }

  /** Parses a JSON object, or returns null when the text is not one. */
  static JsonObject parseObjectOrNull(String text) {
    try {
      JsonElement parsed = JsonParser.parseString(text);
      return parsed.isJsonObject() ? parsed.getAsJsonObject() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
