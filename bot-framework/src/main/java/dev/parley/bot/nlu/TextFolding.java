package dev.parley.bot.nlu;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Case and accent folding that keeps every character at its index, so a match in the folded text is a span of
 * the original: "Après-demain À 20H" folds to "apres-demain a 20h". Typographic apostrophes, dashes and
 * non-breaking spaces fold to their plain forms.
 */
final class TextFolding {

  private static final char[] TABLE = new char[0x2100];

  static {
    for (char c = 0; c < TABLE.length; c++) {
      TABLE[c] = foldSlow(c);
    }
  }

  private TextFolding() {
  }

  static String fold(String text) {
    char[] out = new char[text.length()];
    for (int i = 0; i < out.length; i++) {
      char c = text.charAt(i);
      out[i] = c < TABLE.length ? TABLE[c] : Character.toLowerCase(c);
    }
    return new String(out);
  }

  /** Words and numbers of a folded text: runs of letters and digits; "l'adresse" gives "l", "adresse". */
  static List<String> tokens(String folded) {
    List<String> tokens = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= folded.length(); i++) {
      boolean inWord = i < folded.length() && Character.isLetterOrDigit(folded.charAt(i));
      if (inWord && start < 0) {
        start = i;
      } else if (!inWord && start >= 0) {
        tokens.add(expandLigatures(folded.substring(start, i)));
        start = -1;
      }
    }
    return tokens;
  }

  private static String expandLigatures(String token) {
    if (token.indexOf('œ') < 0 && token.indexOf('æ') < 0) {
      return token;
    }
    return token.replace("œ", "oe").replace("æ", "ae");
  }

  private static char foldSlow(char c) {
    switch (c) {
      case '\u2018', '\u2019', '\u201B', '\u02BC', '\u00B4', '`':
        return '\'';
      case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212':
        return '-';
      case '\u00A0', '\u2007', '\u202F', '\u2009', '\u200A':
        return ' ';
      default:
        break;
    }
    char lower = Character.toLowerCase(c);
    if (lower < 0x80) {
      return lower;
    }
    String decomposed = Normalizer.normalize(String.valueOf(lower), Normalizer.Form.NFD);
    char base = decomposed.charAt(0);
    for (int i = 1; i < decomposed.length(); i++) {
      if (Character.getType(decomposed.charAt(i)) != Character.NON_SPACING_MARK) {
        return lower;
      }
    }
    return base;
  }
}
