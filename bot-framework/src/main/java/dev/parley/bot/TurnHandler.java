package dev.parley.bot;

/**
 * Bot code that runs in a turn: answers a message, a tapped button, a reminder. It reads the
 * {@link Turn} and replies through it; the replies go out only once the turn's state is saved.
 *
 * <pre>{@code
 * TurnHandler greet = turn -> turn.reply("Hello " + turn.customer().profile().name() + "!");
 * }</pre>
 *
 * <p>A handler runs for one conversation at a time, but for many conversations in parallel: a handler
 * shared between conversations must be thread-safe (keep per-conversation data in {@link Turn#slots()}
 * or {@link Turn#memory()}, not in fields).
 */
@FunctionalInterface
public interface TurnHandler {
  /** Handles the turn; an exception ends the turn without replies or state changes. */
  void handle(Turn turn);
}
