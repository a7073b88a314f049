package dev.parley.bot;

import java.util.Objects;

/**
 * Wraps every turn, in the style of OkHttp's interceptors: do something before, call {@link
 * Chain#proceed}, do something after, or do not proceed at all to keep the bot silent.
 *
 * <pre>{@code
 * Middleware profanityFilter = chain -> {
 *   Turn turn = chain.turn();
 *   if (turn.text() != null && banned(turn.text())) {
 *     turn.reply("Let's keep it friendly.");
 *     return;                               // handlers never see the message
 *   }
 *   chain.proceed(turn);
 * };
 * Bot bot = Bot.builder()...use(Middleware.logging()).use(profanityFilter).build();
 * }</pre>
 *
 * <p>Middleware runs in the order it was added, the first outermost, and the {@linkplain #ownerCheck()
 * owner check} innermost unless added explicitly elsewhere. Everything runs inside the turn: an
 * exception that escapes drops the turn's replies and state changes (the customer's message stays
 * recorded). Implementations must be thread-safe: one instance serves every conversation.
 */
@FunctionalInterface
public interface Middleware {

  /** Runs around the rest of the chain; call {@code chain.proceed(chain.turn())} to go on. */
  void intercept(Chain chain);

  /** The rest of the chain, for one turn. Not thread-safe; used on the turn's thread. */
  interface Chain {
    /** The turn this chain runs. */
    Turn turn();

    /** Runs the next middleware, and after the last one the bot's handlers and flows. */
    void proceed(Turn turn);
  }

  /**
   * Logs each turn at debug level (conversation, what triggered it, replies, time taken) and failures
   * at warn level through SLF4J, logger {@code dev.parley.bot.turns}. Customer text is not logged.
   */
  static Middleware logging() {
    return BuiltInMiddleware.LOGGING;
  }

  /**
   * Shows the typing indicator as soon as a customer's message starts a turn the bot answers (on
   * WhatsApp it also marks the message read, as the platform shows typing only that way).
   */
  static Middleware typingIndicator() {
    return BuiltInMiddleware.TYPING;
  }

  /**
   * Keeps the bot silent while a human agent or Meta's inbox owns the conversation, or when the event
   * came on Messenger's standby channel; the customer's message is still recorded in the history.
   * Always part of the chain: by default innermost, or where it was added.
   */
  static Middleware ownerCheck() {
    return BuiltInMiddleware.OWNER_CHECK;
  }

  /** Reports each turn's duration, replies and failures to {@code metrics}. */
  static Middleware metrics(TurnMetrics metrics) {
    Objects.requireNonNull(metrics, "metrics");
    return chain -> BuiltInMiddleware.measure(chain, metrics);
  }
}
