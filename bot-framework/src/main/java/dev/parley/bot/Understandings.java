package dev.parley.bot;

import dev.parley.bot.nlu.Understanding;

/** What the recognizer made of a turn's text, asked once per turn and only when a handler needs it. */
final class Understandings {
  private Understandings() {}

  /** The recognised intent of the turn's text, or null (no text, no recognizer, or unknown). */
  static String intent(Turn turn) {
    Understanding understanding = turn.understanding();
    return understanding == null || understanding.isUnknown() ? null : understanding.intent();
  }
}
