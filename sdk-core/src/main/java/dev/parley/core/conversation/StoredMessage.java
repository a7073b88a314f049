package dev.parley.core.conversation;

import dev.parley.core.Recipient;
import java.time.Instant;
import java.util.Objects;

/**
 * A message in a customer's history, as the store keeps it. Values, thread-safe.
 *
 * @param id the store's id; ids grow in the order messages were stored, and page the history
 * @param customerId the customer whose history it is in
 * @param conversation the channel identity it was exchanged with
 * @param author who wrote it
 * @param summary the message as text
 * @param json the message as JSON, or null
 * @param platformMessageId the platform's id (mid, wamid), or null
 * @param status where it stands
 * @param failureReason why the platform could not deliver it, when {@code status} is FAILED
 * @param at when it was sent or received
 * @param statusAt when the status last changed
 */
public record StoredMessage(long id, String customerId, Recipient conversation, Author author, String summary,
    String json, String platformMessageId, DeliveryStatus status, String failureReason, Instant at,
    Instant statusAt) {

  public StoredMessage {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(statusAt, "statusAt");
  }

  /** True for messages the customer sent. */
  public boolean inbound() {
    return author.isCustomer();
  }
}
