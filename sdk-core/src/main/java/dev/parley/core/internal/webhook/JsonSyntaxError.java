package dev.parley.core.internal.webhook;

/**
 * The refusal {@link JsonScanner} and {@link JsonNumbers} give a body that is not JSON: one message
 * shape naming what was expected, what was found and where (line and column), so an operator reading
 * a 400 can find the fault in the body they sent. Stateless.
 */
final class JsonSyntaxError {
  private JsonSyntaxError() {}

  /**
   * Expected {@code expected} at offset {@code pos} of the text {@code chars}, scanned up to {@code end}:
   * found is the character there (quoted if printable ASCII, else as U+XXXX) or the end of the body.
   */
  static MalformedPayloadException at(char[] chars, int end, int pos, String expected) {
    String found;
    if (pos >= end) {
      found = "the end of the body";
    } else {
      char c = chars[pos];
      found = c >= 0x20 && c < 0x7f ? "'" + c + "'" : "character U+%04X".formatted((int) c);
    }
    return at(chars, pos, expected, found);
  }

  /** Expected {@code expected} but found {@code found} at offset {@code pos} of the text {@code chars}. */
  static MalformedPayloadException at(char[] chars, int pos, String expected, String found) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < pos && i < chars.length; i++) {
      if (chars[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new MalformedPayloadException("the body is not valid JSON: expected " + expected + " but found " + found
        + " at line " + line + ", column " + (pos - lineStart + 1), null);
  }
}
