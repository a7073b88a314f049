package dev.parley.core.webhook;

import java.util.Objects;

/**
 * The customer picked a row of a WhatsApp list message ({@code interactive.list_reply}).
 * Dedup key {@code wamid:<wamid>}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param envelope customer, time, dedup key, raw JSON
 * @param messageId the wamid of this reply
 * @param rowId the id of the chosen row
 * @param title the row's title, or null
 * @param description the row's description, or null
 * @param replyToMessageId the wamid of the list message, or null
 */
public record ListReply(
    EventEnvelope envelope, String messageId, String rowId, String title, String description, String replyToMessageId)
    implements InboundEvent {

  public ListReply {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(messageId, "messageId");
  }
}
