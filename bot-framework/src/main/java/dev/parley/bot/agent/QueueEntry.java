package dev.parley.bot.agent;

import dev.parley.bot.handoff.HandoffReason;
import dev.parley.bot.handoff.HandoffStatus;
import dev.parley.core.Channel;
import java.time.Instant;
import java.util.Objects;

/**
 * A conversation in the agents' lists: who, on which channel, why it came to people, since when, and
 * how many customer messages nobody read. Values, thread-safe.
 *
 * @param id the conversation id ({@code messenger:<page>:<psid>}, {@code whatsapp:<number>:<wa_id>})
 * @param channel the channel
 * @param customerId the customer's id in the store
 * @param customerName the customer's name, or null if unknown
 * @param status waiting, active (claimed) or meta_inbox
 * @param reason why it was handed off, or null
 * @param detail more words on the reason, or null
 * @param waitingSince when it was handed off, or null
 * @param unread customer messages no agent has read
 * @param agent the agent who claimed it, or null
 * @param lastMessage the last message's text, or null
 * @param lastMessageAt when the last message was exchanged, or null
 */
public record QueueEntry(String id, Channel channel, String customerId, String customerName, HandoffStatus status,
    HandoffReason reason, String detail, Instant waitingSince, int unread, String agent, String lastMessage,
    Instant lastMessageAt) {

  public QueueEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(status, "status");
  }
}
