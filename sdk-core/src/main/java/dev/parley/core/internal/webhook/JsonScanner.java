package dev.parley.core.internal.webhook;

/**
 * A strict JSON cursor over one text, for parsers that read the members they model and skip the
 * rest: no tree is built, and where a value starts and ends is known, so its text can be cut out as
 * it was received. Accepts exactly what Gson's {@code Strictness.STRICT} reader accepts (RFC 8259;
 * one leading byte order mark; at most 255 nested arrays and objects; any value at the top level),
 * and refuses the rest with {@link MalformedPayloadException} naming what was expected, what was
 * found and where.
 *
 * <p>Value readers start at the value (after any whitespace) and stop right after it, never
 * consuming the whitespace that follows, so {@link #position()} after a value is where its text
 * ends. Not thread-safe; one per parse.
 */
final class JsonScanner {

  /** Gson's default nesting limit: a 256th level inside the top-level value is refused. */
  static final int MAX_DEPTH = 255;

  private final String text;
  /** The text's characters: the scanning loops read an array rather than calling {@code charAt}. */
  private final char[] chars;
  private final int end;
  private int pos;
  private int depth;
  /** Where the last name read by {@link #name(JsonNames)} starts and ends, and the name if it was decoded. */
  private int nameStart;
  private int nameEnd;
  private String decodedName;

  JsonScanner(String text) {
    this(text, 0, text.length());
  }

  /** A cursor over {@code text[start, end)}; positions stay those of the whole text. */
  JsonScanner(String text, int start, int end) {
    this.text = text;
    this.chars = text.toCharArray();
    this.pos = start;
    this.end = end;
  }

  String text() {
    return text;
  }

  /** The offset in {@link #text()} of the next character to read. */
  int position() {
    return pos;
  }

  /** Skips one byte order mark at the start of the text, as Gson does. */
  void skipByteOrderMark() {
    if (pos < end && chars[pos] == '\ufeff') {
      pos++;
    }
  }

  /** Skips whitespace; the next character, or -1 at the end of the text. */
  int peek() {
    int p = pos;
    while (p < end) {
      char c = chars[p];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        pos = p;
        return c;
      }
      p++;
    }
    pos = p;
    return -1;
  }

  /** True if the value ahead is an object; the cursor then stands at its {@code '{'}. */
  boolean atObject() {
    return peek() == '{';
  }

  /** True if the value ahead is an array; the cursor then stands at its {@code '['}. */
  boolean atArray() {
    return peek() == '[';
  }

  /**
   * Enters the object ahead. False for an empty object, which is then consumed whole; true when a
   * member follows, read it with {@link #name()} and its value, then call {@link #nextMember()}.
   */
  boolean beginObject() {
    expect('{', "'{'");
    enter();
    int c = peek();
    if (c == '}') {
      pos++;
      depth--;
      return false;
    }
    if (c != '"') {
      throw error("a member name in double quotes");
    }
    return true;
  }

  /** After a member's value: true if another member follows (its name is next), false at the object's end (consumed). */
  boolean nextMember() {
    int c = peek();
    if (c == ',') {
      pos++;
      if (peek() != '"') {
        throw error("a member name in double quotes");
      }
      return true;
    }
    if (c == '}') {
      pos++;
      depth--;
      return false;
    }
    throw error("',' or '}' after a member");
  }

  /** Enters the array ahead. False for an empty array, consumed whole; true when an element follows. */
  boolean beginArray() {
    expect('[', "'['");
    enter();
    if (peek() == ']') {
      pos++;
      depth--;
      return false;
    }
    return true;
  }

  /** After an element: true if another element follows, false at the array's end (consumed). */
  boolean nextElement() {
    int c = peek();
    if (c == ',') {
      pos++;
      return true;
    }
    if (c == ']') {
      pos++;
      depth--;
      return false;
    }
    throw error("',' or ']' after an element");
  }

  /** A member name and the {@code ':'} after it, decoded. */
  String name() {
    String name = string();
    if (peek() != ':') {
      throw error("':' after a member name");
    }
    pos++;
    return name;
  }

  /**
   * Reads a member name and the {@code ':'} after it; its index in {@code names}, or -1 for a name
   * not among them ({@link #lastName()} then gives it). A name without escapes is hashed as it is
   * scanned and compared where it stands, so a known name costs no string.
   */
  int name(JsonNames names) {
    expect('"', "'\"'");
    int start = pos;
    int p = start;
    int hash = 0;
    while (true) {
      if (p >= end) {
        pos = end;
        throw error("'\"' closing the string");
      }
      char c = chars[p];
      if (c == '"') {
        break;
      }
      if (c == '\\' || c < 0x20) {
        pos = start - 1;
        decodedName = name();
        return names.indexOf(decodedName);
      }
      hash = 31 * hash + c;
      p++;
    }
    pos = p + 1;
    if (peek() != ':') {
      throw error("':' after a member name");
    }
    pos++;
    nameStart = start;
    nameEnd = p;
    decodedName = null;
    return names.indexOf(hash, chars, start, p);
  }

  /** The name last read by {@link #name(JsonNames)}, decoded. */
  String lastName() {
    return decodedName != null ? decodedName : text.substring(nameStart, nameEnd);
  }

  /**
   * The value ahead as text, as a tree parser's lenient read of a text field gives it: a string
   * decoded, a number as written; null (and the value skipped) for anything else.
   */
  String textValue() {
    int c = peek();
    if (c == '"') {
      return string();
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      int start = pos;
      skipNumber();
      return text.substring(start, pos);
    }
    skipValue();
    return null;
  }

  /**
   * The value ahead as {@link Json#whole(String)} reads its text: a whole number, written as a number
   * or in a string; null (and the value skipped) for anything else. Plain integers are read in place.
   */
  Long wholeValue() {
    int c = peek();
    if (c == '-' || (c >= '0' && c <= '9')) {
      int start = pos;
      skipNumber();
      return JsonNumbers.whole(text, chars, start, pos);
    }
    return Json.whole(textValue());
  }

  /** True if the value ahead is the literal {@code true}; any other value is skipped and gives false. */
  boolean trueValue() {
    if (peek() == 't') {
      literal("true");
      return true;
    }
    skipValue();
    return false;
  }

  /** Skips the value ahead, checking its syntax. */
  void skipValue() {
    int c = peek();
    switch (c) {
      case '"' -> skipString();
      case '{' -> {
        if (beginObject()) {
          do {
            skipString();
            if (peek() != ':') {
              throw error("':' after a member name");
            }
            pos++;
            skipValue();
          } while (nextMember());
        }
      }
      case '[' -> {
        if (beginArray()) {
          do {
            skipValue();
          } while (nextElement());
        }
      }
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          skipNumber();
        } else {
          throw error("a value");
        }
      }
    }
  }

  /** After the top-level value: only whitespace may follow. */
  void endOfText() {
    if (peek() != -1) {
      throw error("the end of the body after its JSON value");
    }
  }

  /** The string ahead, decoded. */
  String string() {
    expect('"', "'\"'");
    int start = pos;
    for (int p = start; p < end; p++) {
      char c = chars[p];
      if (c == '"') {
        pos = p + 1;
        return text.substring(start, p);
      }
      if (c == '\\') {
        pos = p;
        return escapedString(start);
      }
      if (c < 0x20) {
        pos = p;
        throw error("an escape instead of a control character in a string");
      }
    }
    pos = end;
    throw error("'\"' closing the string");
  }

  private String escapedString(int start) {
    StringBuilder out = new StringBuilder(pos - start + 16).append(chars, start, pos - start);
    while (pos < end) {
      char c = chars[pos];
      if (c == '"') {
        pos++;
        return out.toString();
      }
      if (c == '\\') {
        out.append(escape());
      } else if (c < 0x20) {
        throw error("an escape instead of a control character in a string");
      } else {
        out.append(c);
        pos++;
      }
    }
    throw error("'\"' closing the string");
  }

  private void skipString() {
    expect('"', "'\"'");
    while (pos < end) {
      char c = chars[pos];
      if (c == '"') {
        pos++;
        return;
      }
      if (c == '\\') {
        escape();
      } else if (c < 0x20) {
        throw error("an escape instead of a control character in a string");
      } else {
        pos++;
      }
    }
    throw error("'\"' closing the string");
  }

  /** Reads the escape sequence at the cursor (at its backslash). */
  private char escape() {
    int at = pos;
    if (at + 1 >= end) {
      pos = end;
      throw error("an escape sequence");
    }
    char c = chars[at + 1];
    pos = at + 2;
    switch (c) {
      case '"', '\\', '/':
        return c;
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u':
        if (at + 6 > end) {
          pos = end;
          throw error("four hex digits after \\u");
        }
        int value = 0;
        for (int i = at + 2; i < at + 6; i++) {
          int digit = hexDigit(chars[i]);
          if (digit < 0) {
            pos = i;
            throw error("four hex digits after \\u");
          }
          value = value << 4 | digit;
        }
        pos = at + 6;
        return (char) value;
      default:
        pos = at + 1;
        throw error("an escape sequence (one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
    }
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }

  private void skipNumber() {
    pos = JsonNumbers.end(chars, pos, end);
  }

  private void literal(String literal) {
    int length = literal.length();
    if (pos + length > end) {
      throw error("a value");
    }
    for (int i = 0; i < length; i++) {
      if (chars[pos + i] != literal.charAt(i)) {
        throw error("a value");
      }
    }
    pos += length;
  }

  private void expect(char c, String expected) {
    if (peek() != c) {
      throw error(expected);
    }
    pos++;
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      pos--;
      throw error("at most " + MAX_DEPTH + " nested arrays and objects", "one more");
    }
  }

  private MalformedPayloadException error(String expected) {
    return JsonSyntaxError.at(chars, end, pos, expected);
  }

  private MalformedPayloadException error(String expected, String found) {
    return JsonSyntaxError.at(chars, pos, expected, found);
  }
}
