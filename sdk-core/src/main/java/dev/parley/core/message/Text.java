package dev.parley.core.message;

import dev.parley.core.internal.send.Limits;

/**
 * A plain text message. At most 4,096 characters (WhatsApp); Messenger takes 2,000, checked when
 * sent there. Immutable and thread-safe.
 */
public record Text(String text) implements Message {
  public Text {
    Limits.requireText("text", text, 4096, "WhatsApp");
  }
}
