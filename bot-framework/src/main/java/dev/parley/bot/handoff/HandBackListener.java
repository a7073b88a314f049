package dev.parley.bot.handoff;

import dev.parley.core.Recipient;

/**
 * Hears that a conversation came back to the bot, so the bot resumes the flow the customer was in
 * or greets them. The bot runtime implements it; the handoff desk's default greets through the
 * outbox. Called after the owner is the bot again; implementations must be thread-safe.
 */
@FunctionalInterface
public interface HandBackListener {

  /**
   * The conversation is the bot's again.
   *
   * @param conversation the conversation
   * @param handoff the record as it was just before the hand-back (reason, agent, slots, language)
   * @param why {@code "agent alice handed back"}, {@code "idle for 30 minutes"}, ...
   */
  void handedBack(Recipient conversation, Handoff handoff, String why);
}
