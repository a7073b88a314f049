package dev.parley.bot.handoff;

import java.util.Locale;

/** Who a conversation is with, from the handoff desk's point of view. */
public enum HandoffStatus {
  /** The bot answers. */
  BOT,
  /** Handed off; waiting in the queue for an agent to claim it. The bot is silent. */
  WAITING,
  /** An agent of this application claimed it and answers. The bot is silent. */
  ACTIVE,
  /** A team answers in Meta's inbox (Handover Protocol). The bot is silent. */
  META_INBOX;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True while a person, not the bot, has the conversation. */
  public boolean withPeople() {
    return this != BOT;
  }
}
