package dev.parley.core.webhook;

import java.util.Objects;

/**
 * A Messenger echo ({@code message.is_echo}): a message the page itself sent, by this app, another
 * app or a person in Meta's inbox. {@link #from()} is the customer it was sent to. Bots must not
 * answer echoes; an echo with another {@code appId} shows a human is talking. Dedup key {@code mid:<mid>}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param envelope customer, time, dedup key, raw JSON
 * @param messageId the message id
 * @param text the text, or null
 * @param appId the id of the app that sent it, or null when a person sent it from Meta's inbox
 * @param metadata the {@code metadata} the sending app attached, or null
 */
public record MessageEcho(EventEnvelope envelope, String messageId, String text, String appId, String metadata)
    implements InboundEvent {

  public MessageEcho {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(messageId, "messageId");
  }
}
