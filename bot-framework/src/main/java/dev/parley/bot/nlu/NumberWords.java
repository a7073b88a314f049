package dev.parley.bot.nlu;

import java.util.Map;

/** Small numbers written as words, in English and French (folded): "two", "deux", "quinze". */
final class NumberWords {

  /** A regular-expression alternation of every word, longest first so "seventeen" is not read as "seven". */
  static final String PATTERN;

  private static final Map<String, Integer> VALUES = Map.ofEntries(
      Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6),
      Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
      Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("fifteen", 15), Map.entry("twenty", 20),
      Map.entry("thirty", 30), Map.entry("deux", 2), Map.entry("trois", 3), Map.entry("quatre", 4),
      Map.entry("cinq", 5), Map.entry("sept", 7), Map.entry("huit", 8), Map.entry("neuf", 9),
      Map.entry("dix", 10), Map.entry("onze", 11), Map.entry("douze", 12), Map.entry("quinze", 15),
      Map.entry("vingt", 20), Map.entry("trente", 30));

  static {
    PATTERN = String.join("|", VALUES.keySet().stream()
        .sorted((a, b) -> b.length() != a.length() ? b.length() - a.length() : a.compareTo(b)).toList());
  }

  private NumberWords() {
  }

  /** The value of a folded number word or digits, or -1. */
  static int value(String word) {
    if (!word.isEmpty() && word.chars().allMatch(Character::isDigit)) {
      return word.length() > 6 ? -1 : Integer.parseInt(word);
    }
    return VALUES.getOrDefault(word, -1);
  }
}
