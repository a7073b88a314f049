package dev.parley.bot.nlu;

import java.util.List;
import java.util.Set;

/**
 * Tells English from French in one message, from function words ("the", "my" against "le", "mon"), words seen
 * only in one language's training examples, contractions and accented letters. Short messages with no evidence
 * ("ok", "#12345") take the hint, then the recognizer's default language. Immutable and thread-safe.
 */
final class LanguageDetector {

  private final Set<String> englishVocabulary;
  private final Set<String> frenchVocabulary;
  private final Language fallback;

  /**
   * @param englishVocabulary folded words seen in English examples and never in French ones
   * @param frenchVocabulary folded words seen in French examples and never in English ones
   */
  LanguageDetector(Set<String> englishVocabulary, Set<String> frenchVocabulary, Language fallback) {
    this.englishVocabulary = Set.copyOf(englishVocabulary);
    this.frenchVocabulary = Set.copyOf(frenchVocabulary);
    this.fallback = fallback;
  }

  Language detect(String original, List<String> foldedTokens, Language hint) {
    double english = 0;
    double french = 0;
    for (String token : foldedTokens) {
      english += Language.ENGLISH.isMarker(token) ? 1 : englishVocabulary.contains(token) ? 0.5 : 0;
      french += Language.FRENCH.isMarker(token) ? 1 : frenchVocabulary.contains(token) ? 0.5 : 0;
    }
    french += Math.min(2, accentedWords(original)) * 0.75;
    if (english == french) {
      return hint != null ? hint : fallback;
    }
    return english > french ? Language.ENGLISH : Language.FRENCH;
  }

  /** Letters with accents that French uses and English text almost never has. */
  private static int accentedWords(String text) {
    int count = 0;
    for (int i = 0; i < text.length(); i++) {
      switch (Character.toLowerCase(text.charAt(i))) {
        case 'é', 'è', 'ê', 'à', 'ç', 'ù', 'û', 'ô', 'î', 'ï', 'œ', 'â', 'ë' -> count++;
        default -> { }
      }
    }
    return count;
  }
}
