package dev.parley.core.conversation;

import dev.parley.core.Recipient;
import java.time.Instant;
import java.util.Objects;

/**
 * A message to add to a conversation's history, in or out. The store keeps a text {@code summary}
 * (what an agent reads in a transcript), the message as JSON (Parley's own message JSON for outbound
 * messages, the platform's webhook JSON for inbound ones) and who wrote it. Values, thread-safe.
 *
 * @param conversation the conversation it belongs to
 * @param author who wrote it
 * @param summary the message as text for a transcript, such as {@code "[image] receipt.jpg"}
 * @param json the message as JSON, or null
 * @param platformMessageId the platform's id (mid, wamid) once known, or null; unique in a store
 * @param at when it was sent or received
 */
public record NewMessage(Recipient conversation, Author author, String summary, String json,
    String platformMessageId, Instant at) {

  static final int MAX_SUMMARY = 20_000;

  public NewMessage {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(at, "at");
    if (summary.length() > MAX_SUMMARY) {
      throw new IllegalArgumentException("message summary is " + summary.length() + " characters; the store keeps at most "
          + MAX_SUMMARY);
    }
    if (platformMessageId != null && (platformMessageId.isBlank() || platformMessageId.length() > 300)) {
      throw new IllegalArgumentException("platformMessageId '" + platformMessageId + "' must be 1 to 300 characters");
    }
  }

  /** A message the customer sent, with the platform's id for it. */
  public static NewMessage inbound(Recipient from, String summary, String json, String platformMessageId, Instant at) {
    return new NewMessage(from, Author.customer(), summary, json, platformMessageId, at);
  }

  /** A message the bot or an agent sent; {@code platformMessageId} is null until the platform accepted it. */
  public static NewMessage outbound(Recipient to, Author author, String summary, String json, String platformMessageId,
      Instant at) {
    if (author.isCustomer()) {
      throw new IllegalArgumentException("an outbound message is written by the bot or an agent, not the customer");
    }
    return new NewMessage(to, author, summary, json, platformMessageId, at);
  }

  /** The status a message starts with in the store. */
  DeliveryStatus initialStatus() {
    if (author.isCustomer()) {
      return DeliveryStatus.RECEIVED;
    }
    return platformMessageId == null ? DeliveryStatus.PENDING : DeliveryStatus.SENT;
  }
}
