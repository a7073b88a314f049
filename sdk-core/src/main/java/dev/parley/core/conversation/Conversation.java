package dev.parley.core.conversation;

import dev.parley.core.Recipient;
import java.time.Instant;
import java.util.Objects;

/**
 * The thread between the business and a customer on one channel identity: a Messenger page and a
 * PSID, or a WhatsApp number and a wa_id. A conversation is identified by its {@link Recipient};
 * the customer's history spans all their conversations. Values, thread-safe.
 *
 * @param recipient the channel identity the conversation is with
 * @param customerId the customer the identity belongs to
 * @param ownership who answers, since when and why
 * @param startedAt when the store first saw the conversation
 * @param lastInboundAt when the customer last wrote (the start of the messaging window), or null
 * @param lastMessageAt when the last message in either direction was stored, or null
 */
public record Conversation(Recipient recipient, String customerId, Ownership ownership, Instant startedAt,
    Instant lastInboundAt, Instant lastMessageAt) {

  public Conversation {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(ownership, "ownership");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  public Owner owner() {
    return ownership.owner();
  }
}
