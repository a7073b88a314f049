package dev.parley.core.webhook;

import java.util.List;
import java.util.Objects;

/**
 * WhatsApp reports what became of a message the business sent: sent, delivered, read, or failed
 * with the reason (code {@code 131047}: the customer has not written for 24 hours; send a template).
 * A send accepted by the API can still fail here, later. Dedup key {@code status:<wamid>:<status>}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param envelope the customer it was sent to, time, dedup key, raw JSON
 * @param messageId the wamid of the business's message
 * @param status the status; {@link Status#UNKNOWN} for a value Parley does not know, see {@code rawStatus}
 * @param rawStatus the status text as sent
 * @param errors why it failed, possibly empty
 * @param conversationId the WhatsApp conversation (billing) id, or null
 * @param pricingCategory the pricing category ({@code service}, {@code utility}, ...), or null
 */
public record StatusUpdate(
    EventEnvelope envelope,
    String messageId,
    Status status,
    String rawStatus,
    List<InboundError> errors,
    String conversationId,
    String pricingCategory)
    implements InboundEvent {

  /** What happened to the message. */
  public enum Status {
    SENT,
    DELIVERED,
    READ,
    FAILED,
    DELETED,
    /** A status this version of Parley does not know; the text is in {@link StatusUpdate#rawStatus()}. */
    UNKNOWN
  }

  public StatusUpdate {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(status, "status");
    errors = errors == null ? List.of() : List.copyOf(errors);
  }
}
