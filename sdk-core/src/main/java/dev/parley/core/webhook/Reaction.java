package dev.parley.core.webhook;

import java.util.Objects;

/**
 * The customer reacted to a message with an emoji, or removed the reaction. Dedup key
 * {@code wamid:<wamid>} on WhatsApp, {@code reaction:<psid>:<mid>:<action>:<timestamp>} on Messenger.
 *
 * <p>Immutable and thread-safe.
 *
 * @param envelope customer, time, dedup key, raw JSON
 * @param messageId the id of the message reacted to
 * @param emoji the emoji, or null when removed
 * @param action react, unreact, or unknown
 */
public record Reaction(EventEnvelope envelope, String messageId, String emoji, Action action) implements InboundEvent {

  /** Whether the reaction was added or removed. */
  public enum Action {
    REACT,
    UNREACT,
    UNKNOWN
  }

  public Reaction {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(action, "action");
  }
}
