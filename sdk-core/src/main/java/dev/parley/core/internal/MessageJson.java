package dev.parley.core.internal;

import dev.parley.core.message.Message;

/**
 * Stores a {@link Message} as JSON and reads it back exactly, every kind; the durable outbox keeps
 * its messages with it. The format is Parley's own (a {@code "kind"} discriminator and the record's
 * fields; money as minor units and currency code), not a platform's wire format.
 *
 * <p>Public for wiring only; not part of Parley's API. Stateless and thread-safe.
 */
public final class MessageJson {
  private MessageJson() {}

  /** The JSON of {@code message}. */
  public static String toJson(Message message) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The message {@code json} holds; throws {@code InvalidRequestException} when it is not one. */
  public static Message fromJson(String json) {
    throw new UnsupportedOperationException("not yet");
  }
}
