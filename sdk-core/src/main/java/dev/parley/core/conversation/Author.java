package dev.parley.core.conversation;

import java.util.Objects;

/**
 * Who wrote a message in a history: the customer, the bot, or a named human agent. Values,
 * thread-safe.
 *
 * @param kind who wrote it
 * @param agentName the agent's name when {@code kind} is {@link Kind#AGENT}, otherwise null
 */
public record Author(Kind kind, String agentName) {

  /** The kinds of author. */
  public enum Kind {
    CUSTOMER,
    BOT,
    AGENT
  }

  private static final Author CUSTOMER = new Author(Kind.CUSTOMER, null);
  private static final Author BOT = new Author(Kind.BOT, null);

  public Author {
    Objects.requireNonNull(kind, "kind");
    agentName = AgentNames.check("author", kind == Kind.AGENT, kind, agentName);
  }

  public static Author customer() {
    return CUSTOMER;
  }

  public static Author bot() {
    return BOT;
  }

  public static Author agent(String name) {
    return new Author(Kind.AGENT, name);
  }

  /** True for the customer's own messages, the ones that open the messaging window. */
  public boolean isCustomer() {
    return kind == Kind.CUSTOMER;
  }
}
