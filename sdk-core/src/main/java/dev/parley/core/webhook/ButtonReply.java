package dev.parley.core.webhook;

import java.util.Objects;

/**
 * The customer tapped a WhatsApp reply button: an interactive message's {@code button_reply}, or a
 * template's quick-reply button ({@code type: button}). Dedup key {@code wamid:<wamid>}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param envelope customer, time, dedup key, raw JSON
 * @param messageId the wamid of this reply
 * @param payload the button's id (interactive) or payload (template)
 * @param title the text on the button, or null
 * @param replyToMessageId the wamid of the message that carried the button, or null
 */
public record ButtonReply(EventEnvelope envelope, String messageId, String payload, String title, String replyToMessageId)
    implements InboundEvent {

  public ButtonReply {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(messageId, "messageId");
  }
}
