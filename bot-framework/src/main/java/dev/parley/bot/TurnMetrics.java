package dev.parley.bot;

import java.time.Duration;

/**
 * Hears how turns went, for metrics: plug it in with {@link Middleware#metrics(TurnMetrics)}.
 * Every method does nothing by default. Called on the bot's worker threads, from many conversations
 * at once: implementations must be thread-safe and quick; what they throw is logged and ignored.
 */
public interface TurnMetrics {

  /** The handlers finished {@code turn} after {@code elapsed} with {@code replies} replies held for sending. */
  default void turnCompleted(Turn turn, Duration elapsed, int replies) {}

  /** A handler threw: the turn's replies and state changes are dropped. */
  default void turnFailed(Turn turn, Duration elapsed, Throwable failure) {}

  /** The owner check kept the bot silent because {@code turn.owner()} is not the bot. */
  default void turnSilenced(Turn turn) {}
}
