package dev.parley.core;

import dev.parley.core.internal.send.Limits;

/**
 * Per-message options, apart from the client's configuration: whether this is a human agent's
 * reply (which Messenger lets through with the {@code HUMAN_AGENT} tag up to 7 days after the
 * customer's last message), whether it is a proactive update rather than a response (Messenger
 * {@code messaging_type} {@code UPDATE}), the Messenger notification type, and the WhatsApp
 * message it quotes.
 *
 * <pre>{@code
 * parley.send(customer, Message.text("Sorry for the wait!"), SendOptions.builder().humanAgent(true).build());
 * }</pre>
 *
 * Immutable and thread-safe; the builder is not thread-safe.
 */
public record SendOptions(boolean humanAgent, boolean proactive, Notification notification, String replyToMessageId) {

  /** No options: a response, a regular notification, no quote. */
  public static final SendOptions DEFAULT = new SendOptions(false, false, Notification.REGULAR, null);

  public SendOptions {
    if (notification == null) {
      notification = Notification.REGULAR;
    }
    Limits.optionalText("replyToMessageId", replyToMessageId, 256, "WhatsApp");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options for a human agent's reply. */
  public static SendOptions humanAgentReply() {
    return new SendOptions(true, false, Notification.REGULAR, null);
  }

  /** How a Messenger message notifies the customer's device ({@code notification_type}). */
  public enum Notification {
    REGULAR,
    SILENT_PUSH,
    NO_PUSH
  }

  /** Builds {@link SendOptions}. Not thread-safe. */
  public static final class Builder {
    private boolean humanAgent;
    private boolean proactive;
    private Notification notification = Notification.REGULAR;
    private String replyToMessageId;

    private Builder() {}

    /** Marks the message as written by a human agent (Messenger {@code HUMAN_AGENT} tag outside 24 h). */
    public Builder humanAgent(boolean humanAgent) {
      this.humanAgent = humanAgent;
      return this;
    }

    /** A proactive message inside the window ({@code UPDATE}) rather than a response ({@code RESPONSE}). */
    public Builder proactive(boolean proactive) {
      this.proactive = proactive;
      return this;
    }

    public Builder notification(Notification notification) {
      this.notification = notification;
      return this;
    }

    /** On WhatsApp, quotes the customer's message with this id ({@code context.message_id}). */
    public Builder replyTo(String messageId) {
      this.replyToMessageId = messageId;
      return this;
    }

    public SendOptions build() {
      return new SendOptions(humanAgent, proactive, notification, replyToMessageId);
    }
  }
}
