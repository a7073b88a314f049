package dev.parley.bot.concierge.internal;

import dev.parley.bot.concierge.DeskException;
import dev.parley.bot.concierge.DeskException.Problem;

/**
 * Checks the arguments agents pass to the desks, failing with an INVALID {@link DeskException} in
 * words. Public for wiring inside the bot framework only; not an API. Stateless, thread-safe.
 */
public final class DeskArguments {
  private DeskArguments() {}

  /** The agent's name, stripped; INVALID when blank. */
  public static String agent(String agent) {
    if (agent == null || agent.isBlank()) {
      throw new DeskException(Problem.INVALID, "the agent's name is missing");
    }
    return agent.strip();
  }

  /** {@code text} stripped; INVALID when blank or longer than {@code limit}. */
  public static String text(String field, String text, int limit) {
    if (text == null || text.isBlank()) {
      throw new DeskException(Problem.INVALID, field + " is empty; write something for the customer");
    }
    String stripped = text.strip();
    if (stripped.length() > limit) {
      throw new DeskException(Problem.INVALID, field + " is " + stripped.length() + " characters; at most " + limit);
    }
    return stripped;
  }
}
