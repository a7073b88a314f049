package dev.parley.core.internal.webhook;

/**
 * JSON numbers in a text's characters for {@link JsonScanner}: where one ends under RFC 8259's
 * grammar (section 6), and the whole number one stands for, read in place when it is a plain integer
 * so that ids and timestamps cost no string. Stateless.
 */
final class JsonNumbers {
  /** The most digits read in place: 18 never overflow a {@code long}. */
  private static final int MAX_IN_PLACE_DIGITS = 18;

  private JsonNumbers() {}

  /**
   * The offset just after the number starting at {@code start} in {@code chars}, scanning no further
   * than {@code end}; refuses a number the grammar does not allow (no digit, a leading {@code '.'}, an
   * empty exponent) at the offending character.
   */
  static int end(char[] chars, int start, int end) {
    int p = start;
    if (p < end && chars[p] == '-') {
      p++;
    }
    if (p < end && chars[p] == '0') {
      p++;
    } else {
      p = digits(chars, p, end, "a digit");
    }
    if (p < end && chars[p] == '.') {
      p = digits(chars, p + 1, end, "a digit after the decimal point");
    }
    if (p < end && (chars[p] == 'e' || chars[p] == 'E')) {
      p++;
      if (p < end && (chars[p] == '+' || chars[p] == '-')) {
        p++;
      }
      p = digits(chars, p, end, "a digit in the exponent");
    }
    return p;
  }

  /**
   * The number {@code text[start, stop)}, already checked by {@link #end}, as {@link Json#whole(String)}
   * reads it: null unless whole. A plain integer of up to 18 digits is read in place.
   */
  static Long whole(String text, char[] chars, int start, int stop) {
    int p = start;
    boolean negative = chars[p] == '-';
    if (negative) {
      p++;
    }
    if (stop - p > MAX_IN_PLACE_DIGITS) {
      return Json.whole(text.substring(start, stop));
    }
    long value = 0;
    for (; p < stop; p++) {
      char digit = chars[p];
      if (digit < '0' || digit > '9') {
        return Json.whole(text.substring(start, stop));
      }
      value = value * 10 + (digit - '0');
    }
    return negative ? -value : value;
  }

  /** At least one digit from {@code p}; the offset after the last. */
  private static int digits(char[] chars, int p, int end, String expected) {
    int start = p;
    while (p < end && chars[p] >= '0' && chars[p] <= '9') {
      p++;
    }
    if (p == start) {
      throw JsonSyntaxError.at(chars, end, p, expected);
    }
    return p;
  }
}
