package dev.parley.bot.handoff;

import java.util.Map;

/** What the customer reads at handoff, claim and hand-back, in English and French. Thread-safe. */
final class HandoffTexts {
  private static final Map<String, Map<String, String>> TEXTS = Map.of(
      "en", Map.of(
          "handoff", "I'm passing you to a person from our team. They'll answer here shortly.",
          "claimed", "%s from our team has joined the conversation.",
          "back", "You're back with the assistant. How can I help?"),
      "fr", Map.of(
          "handoff", "Je vous passe une personne de notre équipe. Elle vous répondra ici très vite.",
          "claimed", "%s, de notre équipe, a rejoint la conversation.",
          "back", "Vous êtes de retour avec l'assistant. Comment puis-je vous aider ?"));

  private HandoffTexts() {}

  static String text(String language, String key, Object... arguments) {
    Map<String, String> texts = TEXTS.getOrDefault(language, TEXTS.get("en"));
    return String.format(texts.get(key), arguments);
  }
}
