package dev.parley.bot;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Folding of short phrases for matching: lower case, no accents, single spaces, no end punctuation. */
final class Phrases {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\p{Punct}\\s]+|[\\p{Punct}\\s]+$");

  private Phrases() {}

  static String fold(String text) {
    if (text == null) {
      return "";
    }
    String stripped = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
    String spaced = SPACES.matcher(stripped.toLowerCase(Locale.ROOT).strip()).replaceAll(" ");
    String trimmed = EDGE_PUNCTUATION.matcher(spaced).replaceAll("");
    return trimmed.isEmpty() ? spaced : trimmed; // "?" stays "?"
  }
}
