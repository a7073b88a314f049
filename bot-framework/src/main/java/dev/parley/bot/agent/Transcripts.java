package dev.parley.bot.agent;

import dev.parley.bot.concierge.DeskException;
import dev.parley.bot.concierge.DeskException.Problem;
import dev.parley.core.Channel;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.StoredMessage;
import dev.parley.core.webhook.InboundEvent;
import dev.parley.core.webhook.MessageReceived;
import java.util.List;
import java.util.Locale;

/** Turns stored messages and conversation ids into what agents read. Stateless, thread-safe. */
final class Transcripts {
  private Transcripts() {}

  static TranscriptMessage line(StoredMessage message) {
    String author = message.author().kind().name().toLowerCase(Locale.ROOT);
    return new TranscriptMessage(message.id(), author, message.author().agentName(), message.summary(), message.at(),
        message.status().name().toLowerCase(Locale.ROOT), message.conversation().channel(), attachments(message));
  }

  private static List<TranscriptMessage.AttachmentLink> attachments(StoredMessage message) {
    if (!message.inbound() || message.json() == null || !message.json().contains("\"object\"")) {
      return List.of();
    }
    try {
      if (InboundEvent.fromRawJson(message.json()) instanceof MessageReceived received) {
        return received.attachments().stream()
            .map(a -> new TranscriptMessage.AttachmentLink(a.type(), a.url(), a.fileName() != null ? a.fileName()
                : a.caption()))
            .toList();
      }
    } catch (RuntimeException e) {
      // Not a webhook payload: a message stored by other means has no attachments to show.
    }
    return List.of();
  }

  /** The recipient of a conversation id {@code messenger:<page>:<psid>}, or INVALID. */
  static Recipient parseId(String id) {
    if (id == null || id.length() > 300) {
      throw new DeskException(Problem.INVALID, "conversation id is missing or too long");
    }
    String[] parts = id.split(":", -1);
    if (parts.length != 3) {
      throw new DeskException(Problem.INVALID, "conversation id '" + abbreviate(id, 60)
          + "' is not channel:business:user, such as messenger:1234:5678");
    }
    Channel channel;
    try {
      channel = Channel.valueOf(parts[0].toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new DeskException(Problem.INVALID, "conversation id '" + abbreviate(id, 60) + "' names no channel: "
          + "messenger or whatsapp");
    }
    try {
      return new Recipient(channel, parts[1], parts[2]);
    } catch (RuntimeException e) {
      throw new DeskException(Problem.INVALID, "conversation id '" + abbreviate(id, 60) + "': " + e.getMessage());
    }
  }

  static String abbreviate(String text, int limit) {
    return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
  }
}
