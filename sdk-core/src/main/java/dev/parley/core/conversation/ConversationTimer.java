package dev.parley.core.conversation;

import dev.parley.core.Recipient;
import java.time.Instant;
import java.util.Objects;

/**
 * A durable timer of the bot: a reminder, a prompt timeout, a follow-up. It lives in the store, so it
 * survives restarts. {@link ConversationStore#claimDueTimers} hands a due timer to one claimant at a
 * time, for a lease; the claimant deletes it with {@link ConversationStore#completeTimer} in the same
 * transaction as the work it triggered, so the timer fires exactly once even if a node dies in
 * between. Values, thread-safe.
 *
 * @param key the caller's unique key; scheduling the same key again replaces the timer
 * @param conversation the conversation it belongs to
 * @param dueAt when it is due
 * @param payload what the bot needs to act on it (typically JSON), or null
 * @param claimToken the token of the claim holding the timer, to pass to {@link
 *     ConversationStore#completeTimer}; null for a timer no one claimed since it was scheduled
 */
public record ConversationTimer(String key, Recipient conversation, Instant dueAt, String payload,
    String claimToken) {

  public ConversationTimer {
    if (key == null || key.isBlank() || key.length() > 300) {
      throw new IllegalArgumentException("timer key must be 1 to 300 characters, got "
          + (key == null ? "null" : key.length() + " characters"));
    }
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(dueAt, "dueAt");
  }

  /** A timer as scheduled, not claimed. */
  public ConversationTimer(String key, Recipient conversation, Instant dueAt, String payload) {
    this(key, conversation, dueAt, payload, null);
  }

  /** This timer as handed out by the claim with {@code token}. */
  ConversationTimer claimedWith(String token) {
    return new ConversationTimer(key, conversation, dueAt, payload, token);
  }
}
