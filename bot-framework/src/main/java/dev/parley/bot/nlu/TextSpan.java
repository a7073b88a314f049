package dev.parley.bot.nlu;

/**
 * Where an entity was found in the customer's text: {@code text.substring(start, end)} is {@link #text()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param start index of the first character, from 0
 * @param end index after the last character
 * @param text the characters as the customer wrote them
 */
public record TextSpan(int start, int end, String text) {

  public TextSpan {
    if (text == null) {
      throw new IllegalArgumentException("span text must not be null");
    }
    if (start < 0 || end < start || end - start != text.length()) {
      throw new IllegalArgumentException("span [" + start + ", " + end + ") does not fit its text '"
          + IntentNames.cut(text) + "' of " + text.length() + " characters");
    }
  }

  static TextSpan of(String source, int start, int end) {
    return new TextSpan(start, end, source.substring(start, end));
  }

  boolean overlaps(TextSpan other) {
    return start < other.end && other.start < end;
  }
}
