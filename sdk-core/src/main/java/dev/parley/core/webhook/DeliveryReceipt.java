package dev.parley.core.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Messenger delivered the page's messages to the customer: every message sent before
 * {@code watermark} is delivered; {@code messageIds} may name some of them, or be empty.
 * Dedup key {@code delivery:<psid>:<watermark millis>}. (WhatsApp reports delivery as a {@link StatusUpdate}.)
 *
 * <p>Immutable and thread-safe.
 *
 * @param envelope customer, time, dedup key, raw JSON
 * @param messageIds the mids Meta listed, possibly empty
 * @param watermark every message sent before this instant is delivered
 */
public record DeliveryReceipt(EventEnvelope envelope, List<String> messageIds, Instant watermark)
    implements InboundEvent {

  public DeliveryReceipt {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(watermark, "watermark");
    messageIds = messageIds == null ? List.of() : List.copyOf(messageIds);
  }
}
