package dev.parley.bot;

/** The innermost handler of every turn: global intents, flows, payload, intent and event handlers, fallback. */
final class Router {
  static final TurnHandler DEFAULT_FALLBACK = turn -> {
    if (turn.trigger() == Turn.Trigger.MESSAGE || turn.trigger() == Turn.Trigger.TAP) {
      turn.reply("Sorry, I did not understand that.");
    }
  };

  private Router() {}
}
