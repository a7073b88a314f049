package dev.parley.bot.handoff;

import java.util.Locale;

/** Why a conversation went to a person. The wire name is the lower-case name. */
public enum HandoffReason {
  /** The customer asked for a person. */
  CUSTOMER_ASKED("asked for a person"),
  /** The bot did not understand twice in a row. */
  LOW_CONFIDENCE("the bot did not understand twice in a row"),
  /** The customer's words were angry. */
  ANGER("the customer sounds upset"),
  /** A payment failed or the customer reports a payment problem. */
  PAYMENT_PROBLEM("a payment problem"),
  /** A concierge request needs a person. */
  CONCIERGE("a concierge request needs a person"),
  /** The bot's flow decided so. */
  BOT_DECIDED("the bot handed over"),
  /** An agent took the conversation over without being asked. */
  AGENT_TOOK_OVER("an agent took over");

  private final String description;

  HandoffReason(String description) {
    this.description = description;
  }

  /** The reason in words, for an agent. */
  public String description() {
    return description;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The reason with this wire name (any case). */
  public static HandoffReason fromWireName(String name) {
    if (name != null) {
      String normalised = name.strip().replace('-', '_').toUpperCase(Locale.ROOT);
      for (HandoffReason reason : values()) {
        if (reason.name().equals(normalised)) {
          return reason;
        }
      }
    }
    throw new IllegalArgumentException("handoff reason '" + name + "' is unknown");
  }
}
