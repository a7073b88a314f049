package dev.parley.core.message;

import dev.parley.core.internal.send.Limits;

/** One quick-reply choice: the title the customer taps (at most 20 characters) and the payload the business receives. Immutable and thread-safe. */
public record QuickReply(String title, String payload) {
  public QuickReply {
    Limits.requireText("quick reply title", title, 20, "Messenger and WhatsApp");
    Limits.requireText("quick reply payload", payload, 1000, "Messenger");
  }
}
