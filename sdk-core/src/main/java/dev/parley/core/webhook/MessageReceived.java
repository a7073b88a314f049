package dev.parley.core.webhook;

import java.util.List;
import java.util.Objects;

/**
 * A message the customer sent: text, attachments (media, files, stickers, locations), the payload
 * of a tapped Messenger quick reply, and the message it replies to. Dedup key {@code mid:<mid>} on
 * Messenger, {@code wamid:<wamid>} on WhatsApp.
 *
 * <p>Immutable and thread-safe.
 *
 * @param envelope customer, time, dedup key, raw JSON; {@link #customerName()} is WhatsApp's profile name
 * @param messageId the platform's message id ({@code mid} or {@code wamid})
 * @param text the text, or null for a message without text
 * @param attachments the attachments, possibly empty
 * @param quickReplyPayload the payload of the Messenger quick reply the customer tapped, or null
 * @param replyToMessageId the id of the message this one answers (Messenger {@code reply_to.mid},
 *     WhatsApp {@code context.id}), or null
 * @param referral the ad or link the customer came from (WhatsApp click-to-WhatsApp, Messenger
 *     referral on the first message), or null
 */
public record MessageReceived(
    EventEnvelope envelope,
    String messageId,
    String text,
    List<Attachment> attachments,
    String quickReplyPayload,
    String replyToMessageId,
    ReferralDetails referral)
    implements InboundEvent {

  public MessageReceived {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(messageId, "messageId");
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }
}
