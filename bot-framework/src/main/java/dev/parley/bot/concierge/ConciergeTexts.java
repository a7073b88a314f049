package dev.parley.bot.concierge;

import dev.parley.core.Money;
import java.util.Locale;
import java.util.Map;

/**
 * What the customer reads about their tasks, in English and French (any other language gets
 * English). Immutable, thread-safe.
 */
final class ConciergeTexts {

  private static final Map<String, Map<String, String>> TEMPLATES = Map.of(
      "en", Map.of(
          "created", "Thanks! I've passed your request to our team as task %1$s%2$s. I'll keep you posted here.",
          "claimed", "%2$s from our team is now working on your request %1$s.",
          "message", "About your request %1$s: %2$s",
          "payment", "To go ahead with your request %1$s (%2$s), please pay %3$s.",
          "pay", "Pay %1$s",
          "done", "Your request %1$s is done: %2$s",
          "cancelled", "Your request %1$s was cancelled: %2$s"),
      "fr", Map.of(
          "created", "Merci ! J'ai transmis votre demande à notre équipe : c'est la tâche %1$s%2$s. Je vous tiens au courant ici.",
          "claimed", "%2$s, de notre équipe, s'occupe maintenant de votre demande %1$s.",
          "message", "À propos de votre demande %1$s : %2$s",
          "payment", "Pour poursuivre votre demande %1$s (%2$s), merci de régler %3$s.",
          "pay", "Payer %1$s",
          "done", "Votre demande %1$s est terminée : %2$s",
          "cancelled", "Votre demande %1$s a été annulée : %2$s"));

  private ConciergeTexts() {}

  static String created(ConciergeTask task) {
    String what = task.slots().what() == null ? "" : " (" + task.slots().what() + ")";
    return format(task.language(), "created", task.label(), what);
  }

  static String claimed(ConciergeTask task, String agent) {
    return format(task.language(), "claimed", task.label(), agent);
  }

  static String message(ConciergeTask task, String text) {
    return format(task.language(), "message", task.label(), text);
  }

  static String payment(ConciergeTask task, String description, Money amount) {
    return format(task.language(), "payment", task.label(), description, amount.format(locale(task.language())));
  }

  static String payButton(String language, Money amount) {
    return format(language, "pay", amount.format(locale(language)));
  }

  static String done(ConciergeTask task, String outcome) {
    return format(task.language(), "done", task.label(), outcome);
  }

  static String cancelled(ConciergeTask task, String reason) {
    return format(task.language(), "cancelled", task.label(), reason);
  }

  static Locale locale(String language) {
    return "fr".equals(language) ? Locale.FRANCE : Locale.UK;
  }

  private static String format(String language, String key, Object... arguments) {
    Map<String, String> templates = TEMPLATES.getOrDefault(language, TEMPLATES.get("en"));
    return String.format(locale(language), templates.get(key), arguments);
  }
}
