package dev.parley.core;

import dev.parley.core.internal.send.Limits;
import java.util.Objects;

/**
 * A signal that is not a message: typing on or off, or "seen". On Messenger they are
 * {@code typing_on}, {@code typing_off} and {@code mark_seen}. WhatsApp knows only "read", for a
 * given customer message, optionally with a typing indicator that disappears at the reply or after
 * 25 seconds: there {@code typingOn} and {@code markSeen} need the id of the customer's message,
 * and {@code typingOff} does nothing (no request is made). Immutable and thread-safe.
 */
public record SenderAction(Kind kind, String messageId) {

  public SenderAction {
    Objects.requireNonNull(kind, "kind");
    Limits.optionalText("sender action messageId", messageId, 256, "WhatsApp");
  }

  /** Typing indicator on (Messenger). */
  public static SenderAction typingOn() {
    return new SenderAction(Kind.TYPING_ON, null);
  }

  /** Typing indicator on, answering the customer's message {@code messageId} (needed on WhatsApp). */
  public static SenderAction typingOn(String messageId) {
    return new SenderAction(Kind.TYPING_ON, messageId);
  }

  public static SenderAction typingOff() {
    return new SenderAction(Kind.TYPING_OFF, null);
  }

  /** Marks the conversation seen (Messenger). */
  public static SenderAction markSeen() {
    return new SenderAction(Kind.MARK_SEEN, null);
  }

  /** Marks the customer's message {@code messageId} (and the ones before) read; on Messenger, marks the conversation seen. */
  public static SenderAction markRead(String messageId) {
    return new SenderAction(Kind.MARK_SEEN, Objects.requireNonNull(messageId, "messageId"));
  }

  /** The kinds of sender action. */
  public enum Kind {
    TYPING_ON,
    TYPING_OFF,
    MARK_SEEN
  }
}
