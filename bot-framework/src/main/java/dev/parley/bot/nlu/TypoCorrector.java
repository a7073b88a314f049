package dev.parley.bot.nlu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps a misspelt word to the closest word of the training vocabulary ("remboursment" to "remboursement",
 * "delivred" to "delivered"), by the symmetric-delete method: every word is indexed under the strings left by
 * deleting one or two of its letters, so a lookup touches a handful of candidates instead of the whole
 * vocabulary; candidates are confirmed with the optimal string alignment distance (an adjacent swap counts as
 * one edit).
 *
 * <p>Words of 5 to 7 letters may be one edit away, longer words two; a word of 4 letters only when a letter
 * is missing ("helo"); shorter words, and substitutions in 4-letter words, never: "card" and "cart" are both
 * words. Immutable and thread-safe once built.
 */
final class TypoCorrector {

  static final int MIN_LENGTH = 5;
  private static final int MIN_SPLIT_LENGTH = 7;
  private static final int TWO_EDITS_FROM = 8;

  private final Map<String, Integer> frequencies;
  private final Map<String, String[]> byDeletion;

  TypoCorrector(Map<String, Integer> wordFrequencies) {
    this.frequencies = Map.copyOf(wordFrequencies);
    Map<String, List<String>> index = new HashMap<>();
    for (String word : frequencies.keySet()) {
      if (word.length() < MIN_LENGTH - 1) {
        continue;
      }
      for (String key : deletions(word, word.length() >= TWO_EDITS_FROM - 1 ? 2 : 1)) {
        index.computeIfAbsent(key, k -> new ArrayList<>(2)).add(word);
      }
    }
    Map<String, String[]> frozen = new HashMap<>(index.size() * 2);
    index.forEach((key, words) -> frozen.put(key, words.toArray(new String[0])));
    this.byDeletion = frozen;
  }

  boolean knows(String word) {
    return frequencies.containsKey(word);
  }

  /** The vocabulary word closest to {@code word}, or null when it is known already or nothing is close. */
  String correct(String word) {
    boolean missingLetterOnly = word.length() == MIN_LENGTH - 1;
    if (word.length() < MIN_LENGTH - 1 || frequencies.containsKey(word) || !isAlphabetic(word)) {
      return null;
    }
    int maxEdits = word.length() >= TWO_EDITS_FROM ? 2 : 1;
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    int bestFrequency = 0;
    for (String key : deletions(word, maxEdits)) {
      String[] candidates = byDeletion.get(key);
      if (candidates == null) {
        continue;
      }
      for (String candidate : candidates) {
        if (missingLetterOnly && candidate.length() != word.length() + 1) {
          continue;
        }
        int distance = distance(word, candidate, maxEdits);
        int frequency = frequencies.get(candidate);
        if (distance <= maxEdits && (distance < bestDistance
            || distance == bestDistance && (frequency > bestFrequency
                || frequency == bestFrequency && candidate.compareTo(best) < 0))) {
          best = candidate;
          bestDistance = distance;
          bestFrequency = frequency;
        }
      }
    }
    return best;
  }

  private static boolean isAlphabetic(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (!Character.isLetter(word.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The word itself and every string left by deleting up to {@code edits} letters. */
  private static Set<String> deletions(String word, int edits) {
    Set<String> out = new HashSet<>();
    out.add(word);
    List<String> frontier = List.of(word);
    for (int round = 0; round < edits; round++) {
      List<String> next = new ArrayList<>();
      for (String current : frontier) {
        if (current.length() <= 2) {
          continue;
        }
        for (int i = 0; i < current.length(); i++) {
          String shorter = current.substring(0, i) + current.substring(i + 1);
          if (out.add(shorter)) {
            next.add(shorter);
          }
        }
      }
      frontier = next;
    }
    return out;
  }

  /**
   * Two known words glued together ("nevermind", "giftcard"), or null. Both parts must have three letters or
   * more, so short fragments never pass for words.
   */
  String[] split(String word) {
    if (word.length() < MIN_SPLIT_LENGTH || frequencies.containsKey(word) || !isAlphabetic(word)) {
      return null;
    }
    for (int i = 3; i <= word.length() - 3; i++) {
      String left = word.substring(0, i);
      String right = word.substring(i);
      if (frequencies.containsKey(left) && frequencies.containsKey(right)) {
        return new String[] {left, right};
      }
    }
    return null;
  }

  /** Optimal string alignment distance, giving up (returning max + 1) once it must exceed {@code max}. */
  static int distance(String a, String b, int max) {
    if (Math.abs(a.length() - b.length()) > max) {
      return max + 1;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int rowMin = Integer.MAX_VALUE;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int value = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          value = Math.min(value, d[i - 2][j - 2] + 1);
        }
        d[i][j] = value;
        rowMin = Math.min(rowMin, value);
      }
      if (rowMin > max) {
        return max + 1;
      }
    }
    return d[a.length()][b.length()];
  }
}
