package dev.parley.bot;

/** What became of an event handed to {@link Bot#handle}. */
public enum TurnOutcome {
  /** The turn ran; its state was saved and its replies were handed to the outbox. */
  HANDLED,
  /** The event was handled before (a webhook redelivery or a redispatch after a restart): nothing ran. */
  DUPLICATE,
  /**
   * Someone other than the bot owns the conversation (a human agent, Meta's inbox) or the event came
   * on Messenger's standby channel: the message was recorded in the history, the bot said nothing.
   */
  SILENCED,
  /**
   * A handler or middleware threw: the turn's replies and state changes were dropped; the customer's
   * message stays recorded and the event counts as handled (it would fail the same way again).
   */
  FAILED,
  /** Not something a bot answers (a delivery or read receipt, an echo, an account notice): nothing ran. */
  IGNORED
}
