package dev.parley.bot.handoff;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Spots, in a customer's message, the words that should bring a person in: asking for a person,
 * anger, a payment problem, in English and French. Matching ignores case, accents and spacing;
 * phrases match whole words only ("agent" does not match "agenda"). Asking for a person wins over
 * a payment problem, which wins over anger. {@link #defaults()} holds the built-in phrases;
 * {@link #withPhrases} adds a business's own. Immutable, thread-safe.
 */
public final class HandoffTriggers {

  private static final List<String> ASKS = List.of(
      // English
      "human", "a person", "real person", "talk to someone", "speak to someone", "speak with someone",
      "talk to an agent", "speak to an agent", "live agent", "human agent", "an operator", "representative",
      "customer service", "customer support", "someone from your team", "call me",
      // French
      "humain", "une personne", "vraie personne", "un conseiller", "une conseillere", "parler a quelqu un",
      "parler a un agent", "un operateur", "une operatrice", "service client", "quelqu un de votre equipe",
      "un etre humain", "appelez moi");

  private static final List<String> ANGER = List.of(
      // English
      "angry", "furious", "ridiculous", "unacceptable", "terrible service", "worst", "scam", "useless", "stupid",
      "wtf", "fed up", "disgusting", "pathetic", "outrageous", "rip off", "ripoff", "shameful", "joke of a",
      "sick of", "pissed",
      // French
      "furieux", "furieuse", "inadmissible", "inacceptable", "arnaque", "honteux", "honteuse", "scandaleux",
      "scandaleuse", "ras le bol", "en colere", "j en ai marre", "marre", "debile", "lamentable", "n importe quoi",
      "c est une honte", "nul", "nuls", "nulle");

  private static final List<String> PAYMENT = List.of(
      // English
      "payment failed", "payment problem", "payment issue", "card declined", "card was declined", "charged twice",
      "double charged", "charged two times", "can t pay", "cannot pay", "couldn t pay", "payment didn t go through",
      "payment did not go through", "wrong amount", "overcharged", "refund never", "where is my refund",
      // French
      "paiement refuse", "paiement echoue", "paiement a echoue", "probleme de paiement", "carte refusee",
      "debite deux fois", "preleve deux fois", "payer deux fois", "pas reussi a payer", "n arrive pas a payer",
      "impossible de payer", "mauvais montant", "ou est mon remboursement", "pas ete rembourse");

  private static final HandoffTriggers DEFAULTS = new HandoffTriggers(ASKS, ANGER, PAYMENT);

  private final List<Pattern> asks;
  private final List<Pattern> anger;
  private final List<Pattern> payment;

  private HandoffTriggers(List<String> asks, List<String> anger, List<String> payment) {
    this.asks = compile(asks);
    this.anger = compile(anger);
    this.payment = compile(payment);
  }

  /** The built-in English and French phrases. */
  public static HandoffTriggers defaults() {
    return DEFAULTS;
  }

  /** These triggers plus more phrases of the business's own, for one reason (not {@code LOW_CONFIDENCE}). */
  public HandoffTriggers withPhrases(HandoffReason reason, List<String> phrases) {
    Objects.requireNonNull(phrases, "phrases");
    HandoffTriggers copy = new HandoffTriggers(List.of(), List.of(), List.of());
    copy.asks.addAll(asks);
    copy.anger.addAll(anger);
    copy.payment.addAll(payment);
    List<Pattern> target = switch (reason) {
      case CUSTOMER_ASKED -> copy.asks;
      case ANGER -> copy.anger;
      case PAYMENT_PROBLEM -> copy.payment;
      default -> throw new IllegalArgumentException("phrases trigger customer_asked, anger or payment_problem, not "
          + reason.wireName());
    };
    target.addAll(compile(phrases));
    return copy;
  }

  /** The reason {@code text} calls for a person, if any. */
  public Optional<HandoffReason> check(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String folded = " " + fold(text.length() > 2000 ? text.substring(0, 2000) : text) + " ";
    if (matches(asks, folded)) {
      return Optional.of(HandoffReason.CUSTOMER_ASKED);
    }
    if (matches(payment, folded)) {
      return Optional.of(HandoffReason.PAYMENT_PROBLEM);
    }
    if (matches(anger, folded) || shouts(text)) {
      return Optional.of(HandoffReason.ANGER);
    }
    return Optional.empty();
  }

  /** Lower case, no accents, apostrophes and punctuation as spaces, single spaces. */
  static String fold(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    return decomposed.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }

  /** Four or more upper-case words with exclamation marks: "THIS IS NOT OK!!!". */
  private static boolean shouts(String text) {
    if (!text.contains("!!")) {
      return false;
    }
    long upperWords = java.util.Arrays.stream(text.split("\\s+"))
        .filter(word -> word.length() > 1 && word.chars().anyMatch(Character::isLetter)
            && word.chars().filter(Character::isLetter).allMatch(Character::isUpperCase))
        .count();
    return upperWords >= 4;
  }

  private static boolean matches(List<Pattern> patterns, String folded) {
    for (Pattern pattern : patterns) {
      if (pattern.matcher(folded).find()) {
        return true;
      }
    }
    return false;
  }

  private static List<Pattern> compile(List<String> phrases) {
    List<Pattern> patterns = new ArrayList<>();
    for (String phrase : phrases) {
      String folded = fold(phrase);
      if (folded.isEmpty()) {
        throw new IllegalArgumentException("trigger phrase '" + phrase + "' has no letters or digits");
      }
      patterns.add(Pattern.compile(" " + Pattern.quote(folded) + " "));
    }
    return patterns;
  }

  @Override
  public String toString() {
    return "HandoffTriggers[" + asks.size() + " asks, " + anger.size() + " anger, " + payment.size() + " payment]";
  }
}
