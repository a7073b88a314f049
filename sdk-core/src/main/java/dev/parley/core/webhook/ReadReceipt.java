package dev.parley.core.webhook;

import java.time.Instant;
import java.util.Objects;

/**
 * The customer read the page's messages on Messenger: everything sent before {@code watermark}.
 * Dedup key {@code read:<psid>:<watermark millis>}. (WhatsApp reports reads as a {@link StatusUpdate}.)
 *
 * <p>Immutable and thread-safe.
 *
 * @param envelope customer, time, dedup key, raw JSON
 * @param watermark every message sent before this instant is read
 */
public record ReadReceipt(EventEnvelope envelope, Instant watermark) implements InboundEvent {

  public ReadReceipt {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(watermark, "watermark");
  }
}
