package dev.parley.core.conversation;

import dev.parley.core.Recipient;
import java.time.Instant;
import java.util.Objects;

/**
 * A durable timer of the bot: a reminder, a prompt timeout, a follow-up. It lives in the store, so it
 * survives restarts, and {@link ConversationStore#claimDueTimers} hands each one out exactly once,
 * across threads and nodes. Values, thread-safe.
 *
 * @param key the caller's unique key; scheduling the same key again replaces the timer
 * @param conversation the conversation it belongs to
 * @param dueAt when it is due
 * @param payload what the bot needs to act on it (typically JSON), or null
 */
public record ConversationTimer(String key, Recipient conversation, Instant dueAt, String payload) {

  public ConversationTimer {
    if (key == null || key.isBlank() || key.length() > 300) {
      throw new IllegalArgumentException("timer key must be 1 to 300 characters, got "
          + (key == null ? "null" : key.length() + " characters"));
    }
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(dueAt, "dueAt");
  }
}
