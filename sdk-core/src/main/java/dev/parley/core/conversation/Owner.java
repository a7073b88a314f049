package dev.parley.core.conversation;

import java.util.Objects;

/**
 * Who answers a conversation: the bot, a named human agent, or Meta's own inbox (Messenger's
 * Handover Protocol / conversation routing, when a team answers from Meta Business Suite). While
 * anyone but the bot owns a conversation, the bot stays silent. Values, thread-safe.
 *
 * @param kind who answers
 * @param agentName the agent's name when {@code kind} is {@link Kind#AGENT}, otherwise null
 */
public record Owner(Kind kind, String agentName) {

  /** The kinds of owner. */
  public enum Kind {
    BOT,
    AGENT,
    META_INBOX
  }

  private static final Owner BOT = new Owner(Kind.BOT, null);
  private static final Owner META_INBOX = new Owner(Kind.META_INBOX, null);

  public Owner {
    Objects.requireNonNull(kind, "kind");
    agentName = AgentNames.check("owner", kind == Kind.AGENT, kind, agentName);
  }

  /** The bot answers. */
  public static Owner bot() {
    return BOT;
  }

  /** The human agent {@code name} answers. */
  public static Owner agent(String name) {
    return new Owner(Kind.AGENT, name);
  }

  /** A team answers in Meta's inbox; the bot stays silent until the thread is passed back. */
  public static Owner metaInbox() {
    return META_INBOX;
  }

  public boolean isBot() {
    return kind == Kind.BOT;
  }

  @Override
  public String toString() {
    return kind == Kind.AGENT ? "agent " + agentName : kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
