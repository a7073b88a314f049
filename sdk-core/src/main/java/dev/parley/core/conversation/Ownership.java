package dev.parley.core.conversation;

import java.time.Instant;
import java.util.Objects;

/**
 * Who owns a conversation, since when and why ("customer asked for a human", "agent handed back").
 * Values, thread-safe.
 */
public record Ownership(Owner owner, Instant since, String reason) {

  public Ownership {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(since, "since");
    reason = reason == null ? "" : reason;
    if (reason.length() > 1000) {
      throw new IllegalArgumentException("ownership reason is " + reason.length() + " characters; at most 1000");
    }
  }
}
