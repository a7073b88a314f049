package dev.parley.bot.handoff;

import dev.parley.core.Recipient;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The handoff record of one conversation: whether people have it, why, since when, which agent,
 * how many customer messages no agent has read, and what the bot knew (its slots). One per
 * conversation that ever had a handoff or a trigger; values, thread-safe.
 *
 * @param conversation the conversation
 * @param customerId the customer in the conversation store
 * @param status who has the conversation
 * @param reason why it was handed off (kept after hand-back for the record), or null
 * @param detail more words on the reason ("I want to speak to someone NOW"), or null
 * @param slots what the bot had collected, by name
 * @param language the customer's language, for what the bot says at handoff and hand-back
 * @param requestedAt when it was handed off (the queue's "waiting since"), or null
 * @param agent the agent who claimed it, or null
 * @param claimedAt when the agent claimed it, or null
 * @param lastActivityAt the last customer message or agent action while with people, or null
 * @param unread customer messages since the agent last read the conversation
 * @param lowConfidenceStreak how many customer messages in a row the bot did not understand
 * @param version increases with every change; stores write with compare-and-set on it
 */
public record Handoff(Recipient conversation, String customerId, HandoffStatus status, HandoffReason reason,
    String detail, Map<String, String> slots, String language, Instant requestedAt, String agent, Instant claimedAt,
    Instant lastActivityAt, int unread, int lowConfidenceStreak, long version) {

  public Handoff {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(status, "status");
    slots = slots == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(slots));
    language = language == null || language.isBlank() ? "en" : language;
    if (detail != null && detail.length() > 1000) {
      detail = detail.substring(0, 999) + "…";
    }
    if (unread < 0 || lowConfidenceStreak < 0 || version < 0) {
      throw new IllegalArgumentException("unread, lowConfidenceStreak and version must be >= 0");
    }
  }

  /** A conversation with the bot, never handed off. */
  public static Handoff withBot(Recipient conversation, String customerId) {
    return new Handoff(conversation, customerId, HandoffStatus.BOT, null, null, Map.of(), "en", null, null, null, null,
        0, 0, 0);
  }

  /** The conversation id of the agent API: the recipient's key, {@code messenger:<page>:<psid>}. */
  public String id() {
    return conversation.key();
  }

  Handoff with(HandoffStatus status, HandoffReason reason, String detail, Map<String, String> slots, String language,
      Instant requestedAt, String agent, Instant claimedAt, Instant lastActivityAt, int unread, int streak) {
    return new Handoff(conversation, customerId, status, reason, detail, slots, language, requestedAt, agent, claimedAt,
        lastActivityAt, unread, streak, version);
  }
}
