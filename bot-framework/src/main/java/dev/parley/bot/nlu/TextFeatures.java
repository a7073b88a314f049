package dev.parley.bot.nlu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the folded tokens of one message into weighted features: stemmed words, pairs of adjacent words and the
 * letter trigrams of each meaningful word (which keep a misspelt or inflected word close to its correct form).
 * Function words count for little. Words with digits (order numbers, amounts) are left to entity extraction.
 */
final class TextFeatures {

  static final char WORD = 'w';
  static final char PAIR = 'p';
  static final char GRAMS = 'g';

  private static final double FILLER_WEIGHT = 0.3;
  private static final double CORRECTED_WEIGHT = 0.8;
  private static final double CORRECTED_COVERAGE = 0.5;
  private static final double PAIR_WEIGHT = 0.5;

  /** Raw feature counts of one message, before inverse document frequencies apply. */
  record Counts(Map<String, Double> words, Map<String, Double> grams, double coverage) {
  }

  private TextFeatures() {
  }

  /**
   * @param corrector null when analysing training examples (they are the vocabulary)
   */
  static Counts count(List<String> tokens, Language language, TypoCorrector corrector) {
    Map<String, Double> words = new HashMap<>();
    Map<String, Double> grams = new HashMap<>();
    List<String> stems = new ArrayList<>(tokens.size());
    int meaningful = 0;
    double known = 0;
    for (String token : corrector == null ? tokens : splitGlued(tokens, corrector)) {
      if (hasDigit(token)) {
        continue;
      }
      double weight = 1;
      String word = token;
      if (corrector != null && !corrector.knows(token)) {
        String corrected = corrector.correct(token);
        if (corrected != null) {
          word = corrected;
          weight = CORRECTED_WEIGHT;
        }
      }
      boolean filler = language.isFiller(word);
      if (!filler) {
        meaningful++;
        if (corrector == null || corrector.knows(token)) {
          known++;
        } else if (word != token) {
          // A corrected word is a guess ("plate" may be "place" or just "plate"): half seen, half not. The
          // confidence model learned coverage from training examples, which are never corrected.
          known += CORRECTED_COVERAGE;
        }
      }
      String stem = language.stem(word);
      stems.add(stem);
      words.merge(WORD + stem, weight * (filler ? FILLER_WEIGHT : 1), Double::sum);
      if (!filler) {
        String padded = '^' + word + '$';
        for (int i = 0; i + 3 <= padded.length(); i++) {
          grams.merge(GRAMS + padded.substring(i, i + 3), weight, Double::sum);
        }
      }
    }
    for (int i = 1; i < stems.size(); i++) {
      words.merge(PAIR + stems.get(i - 1) + ' ' + stems.get(i), PAIR_WEIGHT, Double::sum);
    }
    double coverage = meaningful == 0 ? (stems.isEmpty() ? 0 : 1) : known / meaningful;
    return new Counts(words, grams, coverage);
  }

  private static List<String> splitGlued(List<String> tokens, TypoCorrector corrector) {
    List<String> out = new ArrayList<>(tokens.size() + 2);
    for (String token : tokens) {
      String[] parts = corrector.knows(token) || corrector.correct(token) != null ? null : corrector.split(token);
      if (parts == null) {
        out.add(token);
      } else {
        out.add(parts[0]);
        out.add(parts[1]);
      }
    }
    return out;
  }

  private static boolean hasDigit(String token) {
    for (int i = 0; i < token.length(); i++) {
      if (Character.isDigit(token.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
