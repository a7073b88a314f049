package dev.parley.core;

import java.util.List;
import java.util.Objects;

/**
 * What the platform said when it accepted a message: its id ({@code mid.…} on Messenger,
 * {@code wamid.…} on WhatsApp), the channel and recipient, and how many HTTP attempts it took
 * (1 when nothing was retried). A message the channel renders as several requests (a Messenger
 * receipt followed by its button, a Messenger media followed by its caption) has one id per part
 * in {@link #messageIds()}; {@link #messageId()} is the first, or null when the platform's answer
 * carried none (a raw request that is not a message). Acceptance is not delivery: delivery
 * and read arrive later as webhooks. Immutable and thread-safe.
 */
public record SendReceipt(String messageId, Channel channel, Recipient recipient, int attempts, List<String> messageIds) {
  public SendReceipt {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(recipient, "recipient");
    messageIds = messageIds == null ? (messageId == null ? List.of() : List.of(messageId)) : List.copyOf(messageIds);
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts " + attempts + " must be at least 1");
    }
  }

  /** A receipt for a single-part message. */
  public SendReceipt(String messageId, Channel channel, Recipient recipient, int attempts) {
    this(messageId, channel, recipient, attempts, null);
  }
}
