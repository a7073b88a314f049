package dev.parley.core.conversation;

import java.util.Objects;

/**
 * A reply a turn sends: appended to the conversation's history and handed to the outbox under
 * {@code dedupKey}, its outbox entry linked to the stored message (once delivered, the message becomes
 * SENT with the platform's id). The outbox entry's payload is the message's JSON. Values, thread-safe.
 *
 * @param message the outbound message, with Parley's message JSON
 * @param dedupKey the outbox key that makes a re-run of the turn enqueue nothing twice
 * @see ConversationStore#saveTurn
 */
public record QueuedReply(NewMessage message, String dedupKey) {

  public QueuedReply {
    Objects.requireNonNull(message, "message");
    if (message.author().isCustomer()) {
      throw new IllegalArgumentException("a queued reply is written by the bot or an agent, not the customer");
    }
    if (message.platformMessageId() != null) {
      throw new IllegalArgumentException("a queued reply has no platformMessageId until it is delivered, got '"
          + message.platformMessageId() + "'");
    }
    OutboxValues.check(message.json(), dedupKey);
  }
}
