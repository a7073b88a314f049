package dev.parley.bot.handoff;

import java.util.Set;

/** A cheap guess of a message's language (English or French) for the desk's own texts. Thread-safe. */
final class Languages {
  private static final Set<String> FRENCH = Set.of("je", "j", "bonjour", "merci", "est", "pas", "mon", "ma", "mes",
      "le", "la", "les", "une", "un", "vous", "ou", "commande", "colis", "avec", "pour", "c", "n", "qu", "quelqu",
      "personne", "livraison", "remboursement", "rembourser", "salut", "svp", "aide", "veux", "voudrais", "parler");

  private Languages() {}

  /** {@code fr} when at least two words are common French words, else {@code en}. */
  static String guess(String text) {
    if (text == null) {
      return "en";
    }
    int french = 0;
    for (String word : HandoffTriggers.fold(text).split(" ")) {
      if (FRENCH.contains(word)) {
        french++;
      }
    }
    return french >= 2 ? "fr" : "en";
  }
}
