package dev.parley.core.webhook;

import java.util.Objects;

/**
 * An event Parley does not model (an opt-in, a message edit, a new WhatsApp message type, an
 * account notification) or an item it could not read. Nothing is lost: {@link #rawJson()} has it
 * all. Dedup key: the message id when there is one, else {@code raw:<hash of the item>}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param envelope customer (or the business), time, dedup key, raw JSON
 * @param kind what the platform called it ({@code optin}, {@code message_edit}, {@code location},
 *     a WhatsApp {@code field}, ...), or {@code unreadable}
 */
public record UnknownEvent(EventEnvelope envelope, String kind) implements InboundEvent {

  public UnknownEvent {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(kind, "kind");
  }
}
