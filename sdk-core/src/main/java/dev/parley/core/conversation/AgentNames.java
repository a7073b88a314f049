package dev.parley.core.conversation;

/** The rule for agent names that {@link Owner} and {@link Author} share: named agents, nobody else named. */
final class AgentNames {
  static final int MAX = 200;

  private AgentNames() {}

  /** The stripped name of an agent, or null for any other kind; fails on a missing or stray name. */
  static String check(String role, boolean isAgent, Enum<?> kind, String agentName) {
    if (!isAgent) {
      if (agentName != null) {
        throw new IllegalArgumentException("only an AGENT " + role + " has a name, got " + kind + " with '"
            + agentName + "'");
      }
      return null;
    }
    if (agentName == null || agentName.isBlank()) {
      throw new IllegalArgumentException("an agent " + role + " needs the agent's name, got "
          + (agentName == null ? "null" : "'" + agentName + "'"));
    }
    String stripped = agentName.strip();
    if (stripped.length() > MAX) {
      throw new IllegalArgumentException("agent name '" + stripped.substring(0, 20) + "…' is " + stripped.length()
          + " characters; at most " + MAX);
    }
    return stripped;
  }
}
