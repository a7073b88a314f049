package dev.parley.core.webhook;

import dev.parley.core.Recipient;
import java.time.Instant;
import java.util.Objects;

/**
 * What every {@link InboundEvent} has: the customer, the time, the deduplication key, whether it came
 * on Messenger's standby channel, the customer's profile name if the platform sent one, and the raw
 * JSON (a one-event webhook payload, see {@link InboundEvent#rawJson()}). Immutable and thread-safe.
 *
 * @param from the customer (see {@link InboundEvent#from()})
 * @param occurredAt when the platform says the event happened
 * @param dedupKey identifies the event across redeliveries
 * @param standby true if a Messenger event came in {@code standby[]}
 * @param customerName WhatsApp's {@code contacts[].profile.name}, or null
 * @param rawJson the event as a one-event webhook payload
 */
public record EventEnvelope(
    Recipient from, Instant occurredAt, String dedupKey, boolean standby, String customerName, String rawJson) {

  public EventEnvelope {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(rawJson, "rawJson");
    if (dedupKey == null || dedupKey.isBlank()) {
      throw new IllegalArgumentException("dedupKey must not be blank, got " + (dedupKey == null ? "null" : "'" + dedupKey + "'"));
    }
  }
}
