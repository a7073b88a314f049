package dev.parley.bot.nlu;

import java.util.Locale;
import java.util.Set;

/**
 * The languages the built-in recognizer understands, with what it needs to know of each: function words (for
 * detection and to weigh them down) and a light suffix stemmer. All words are folded (lower case, no accents).
 */
enum Language {

  ENGLISH(Locale.ENGLISH, Set.of(
      "the", "an", "is", "are", "was", "were", "be", "been", "being", "am", "i", "you", "he", "she", "it", "we",
      "they", "my", "your", "our", "their", "his", "her", "its", "this", "that", "these", "those", "of", "to", "in",
      "for", "with", "at", "by", "from", "and", "but", "not", "do", "does", "did", "can", "could", "would", "should",
      "will", "have", "has", "had", "what", "where", "when", "how", "why", "who", "which", "there", "here", "please",
      "thanks", "thank", "yes", "want", "need", "get", "got", "just", "so", "if", "about", "any", "some", "all",
      "up", "out", "still", "yet", "t", "m", "ll", "ve", "don", "dont", "im", "cant", "like", "than", "then", "too",
      "very", "me", "myself", "into", "over", "after", "before", "again", "someone", "anyone", "hey",
      "hi", "hello", "one", "more", "no"),
      Set.of("where", "when", "how", "why", "who", "what", "want", "need", "no", "not", "hi", "hello", "hey",
          "thanks", "thank", "someone", "anyone", "still", "yet", "please", "get", "got")),

  FRENCH(Locale.FRENCH, Set.of(
      "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "et", "ou", "est", "sont", "je", "j", "tu", "il",
      "elle", "nous", "vous", "ils", "elles", "mon", "ma", "mes", "ton", "ta", "tes", "votre", "vos", "notre", "nos",
      "leur", "leurs", "ce", "cet", "cette", "ces", "qui", "que", "qu", "quoi", "quand", "comment", "pourquoi",
      "dans", "sur", "avec", "pour", "par", "pas", "ne", "n", "plus", "suis", "ai", "avez", "avoir", "etre", "fait",
      "faire", "peux", "pouvez", "peut", "voudrais", "veux", "bonjour", "merci", "salut", "oui", "non", "svp",
      "plait", "y", "en", "au", "aux", "c", "ca", "moi", "toi", "se", "sa", "son", "ses", "mais", "donc", "si",
      "tres", "bien", "encore", "toujours", "deja", "aussi", "quelqu", "quelque", "chose", "m", "t", "s", "est-ce",
      "vais", "va", "etait", "ete", "bonsoir", "coucou"),
      Set.of("quand", "comment", "pourquoi", "qui", "quoi", "pas", "ne", "n", "non", "bonjour", "merci", "salut",
          "bonsoir", "coucou", "veux", "voudrais", "encore", "toujours", "quelqu", "oui", "ou"));

  /** Words that say which language a message is in; a subset of the function words minus words both share. */
  private static final Set<String> SHARED = Set.of("a", "on", "me", "as", "or", "son", "t", "m", "s", "plus", "ou");

  private final Locale locale;
  private final Set<String> functionWords;
  private final Set<String> meaningful;

  Language(Locale locale, Set<String> functionWords, Set<String> meaningful) {
    this.locale = locale;
    this.functionWords = functionWords;
    this.meaningful = meaningful;
  }

  Locale locale() {
    return locale;
  }

  Set<String> functionWords() {
    return functionWords;
  }

  /** A word that says little about the intent (articles, pronouns, auxiliaries), weighed down in features. */
  boolean isFiller(String word) {
    return functionWords.contains(word) && !meaningful.contains(word);
  }

  /** A word typical of this language and not of the other. */
  boolean isMarker(String word) {
    return functionWords.contains(word) && !SHARED.contains(word);
  }

  static Language of(Locale locale) {
    if (locale == null) {
      return null;
    }
    String language = locale.getLanguage();
    if (language.equals("en")) {
      return ENGLISH;
    }
    if (language.equals("fr")) {
      return FRENCH;
    }
    return null;
  }

  /** Strips the commonest inflections so "orders"/"ordered" and "commandé"/"commandes" meet. */
  String stem(String word) {
    if (word.length() <= 3 || !Character.isLetter(word.charAt(word.length() - 1))) {
      return word;
    }
    return this == ENGLISH ? stemEnglish(word) : stemFrench(word);
  }

  private static String stemEnglish(String word) {
    String w = stemEnglishSuffix(word);
    return w.endsWith("e") && w.length() > 4 ? w.substring(0, w.length() - 1) : w;
  }

  private static String stemEnglishSuffix(String w) {
    if (w.endsWith("ies") && w.length() > 4) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (w.endsWith("ing") && w.length() > 5) {
      return w.substring(0, w.length() - 3);
    }
    if (w.endsWith("ed") && w.length() > 4) {
      return w.substring(0, w.length() - 2);
    }
    if (w.endsWith("ly") && w.length() > 5) {
      return w.substring(0, w.length() - 2);
    }
    if (w.endsWith("es") && w.length() > 4 && (w.endsWith("ches") || w.endsWith("shes") || w.endsWith("xes"))) {
      return w.substring(0, w.length() - 2);
    }
    if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && w.length() > 3) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }

  private static String stemFrench(String w) {
    if ((w.endsWith("s") || w.endsWith("x")) && w.length() > 3) {
      w = w.substring(0, w.length() - 1);
    }
    for (String suffix : new String[] {"ement", "ee", "er", "ez", "e"}) {
      if (w.endsWith(suffix) && w.length() - suffix.length() >= 3) {
        return w.substring(0, w.length() - suffix.length());
      }
    }
    return w;
  }
}
