package dev.parley.core.webhook;

import java.util.List;
import java.util.Objects;

/**
 * The customer sent a cart from the merchant's WhatsApp catalog ({@code type: order}). Prices are as
 * the customer saw them; compute what to charge on the server. Dedup key {@code wamid:<wamid>}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param envelope customer, time, dedup key, raw JSON
 * @param messageId the wamid of the order message
 * @param catalogId the catalog id, or null
 * @param items the lines of the order, possibly empty
 * @param note the text the customer added, or null
 */
public record OrderPlaced(EventEnvelope envelope, String messageId, String catalogId, List<OrderItem> items, String note)
    implements InboundEvent {

  public OrderPlaced {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(messageId, "messageId");
    items = items == null ? List.of() : List.copyOf(items);
  }
}
