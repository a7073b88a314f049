package dev.parley.core.internal.send;

/**
 * JSON string literals written straight into a {@link StringBuilder}, character for character as
 * Gson's {@code JsonElement.toString()} writes them (control characters, {@code "} and {@code \},
 * U+2028 and U+2029 escaped; nothing else), for the request bodies built without a JSON tree (a
 * text, the most common send). Stateless and thread-safe.
 */
final class JsonText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonText() {}

  /** Appends {@code value} as a quoted JSON string. */
  static StringBuilder quoted(StringBuilder out, String value) {
    out.append('"');
    int plainFrom = 0;
    int length = value.length();
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && c != '\u2028' && c != '\u2029') {
        continue;
      }
      out.append(value, plainFrom, i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\f' -> out.append("\\f");
        default -> out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
            .append(HEX[c & 0xf]);
      }
      plainFrom = i + 1;
    }
    return out.append(value, plainFrom, length).append('"');
  }
}
