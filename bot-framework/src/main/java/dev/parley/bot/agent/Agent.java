package dev.parley.bot.agent;

/**
 * A support agent allowed into the inbox, known by name ({@code alice}); every action of the agent
 * API records it. Values, thread-safe.
 *
 * @param name 1 to 64 letters, digits, {@code .}, {@code _} or {@code -}; not {@code unassigned} (the queue)
 */
public record Agent(String name) {

  public Agent {
    if (name == null || !name.matches("[\\p{L}\\p{N}._-]{1,64}")) {
      throw new IllegalArgumentException("agent name " + (name == null ? "null" : "'" + abbreviate(name) + "'")
          + " must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    if (name.equalsIgnoreCase(dev.parley.bot.Bot.UNASSIGNED.agentName())) {
      throw new IllegalArgumentException("agent name '" + name + "' is reserved for the queue of conversations waiting"
          + " for a person");
    }
  }

  /** How history lines name the agent: {@code agent:alice}. */
  public String actor() {
    return "agent:" + name;
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 39) + "…";
  }
}
