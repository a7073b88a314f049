package dev.parley.core.message;

import dev.parley.core.internal.send.Limits;

/**
 * A button that sends {@code payload} back to the business in a webhook when tapped. The payload is
 * at most 1,000 characters (Messenger); WhatsApp reply ids take 256, checked when sent there.
 * Immutable and thread-safe.
 */
public record PostbackButton(String title, String payload) implements Button {
  public PostbackButton {
    Limits.requireText("button title", title, 20, "Messenger and WhatsApp");
    Limits.requireText("button payload", payload, 1000, "Messenger");
  }
}
