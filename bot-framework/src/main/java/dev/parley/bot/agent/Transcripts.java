package dev.parley.bot.agent;

import dev.parley.bot.concierge.DeskException;
import dev.parley.bot.concierge.DeskException.Problem;
import dev.parley.core.Channel;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.StoredMessage;
import dev.parley.core.webhook.Attachment;
import dev.parley.core.webhook.InboundEvent;
import dev.parley.core.webhook.MessageReceived;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** Turns stored messages and conversation ids into what agents read. Stateless, thread-safe. */
final class Transcripts {
  private Transcripts() {}

  /** A line without download links for WhatsApp media (a reply just sent has no attachments anyway). */
  static TranscriptMessage line(StoredMessage message) {
    return line(message, null, number -> false);
  }

  /**
   * A line of the transcript of conversation {@code viewedId}. A WhatsApp attachment with a media id
   * gets the relative URL of the agent API's download of it ({@link #attachmentPath}) when {@code
   * downloadable} says the client holds the number's token; otherwise its url stays null.
   */
  static TranscriptMessage line(StoredMessage message, String viewedId, Predicate<String> downloadable) {
    String author = message.author().kind().name().toLowerCase(Locale.ROOT);
    List<Attachment> attachments = attachments(message);
    List<TranscriptMessage.AttachmentLink> links = new ArrayList<>(attachments.size());
    boolean whatsApp = message.conversation().channel() == Channel.WHATSAPP;
    for (int i = 0; i < attachments.size(); i++) {
      Attachment a = attachments.get(i);
      String url = a.url();
      if (whatsApp) {
        // WhatsApp's own url (when a webhook has one) opens only with the number's token: never an agent's link.
        url = a.mediaId() != null && viewedId != null && downloadable.test(message.conversation().businessId())
            ? attachmentPath(viewedId, message.id(), i) : null;
      }
      links.add(new TranscriptMessage.AttachmentLink(a.type(), url, a.fileName() != null ? a.fileName()
          : a.caption()));
    }
    return new TranscriptMessage(message.id(), author, message.author().agentName(), message.summary(), message.at(),
        message.status().name().toLowerCase(Locale.ROOT), message.conversation().channel(), links);
  }

  /** {@code /inbox/api/conversations/<id>/messages/<message>/attachments/<index>}, the id %-encoded. */
  static String attachmentPath(String conversationId, long messageId, int index) {
    return AgentHttpApi.PREFIX + "/conversations/" + URLEncoder.encode(conversationId, StandardCharsets.UTF_8)
        + "/messages/" + messageId + "/attachments/" + index;
  }

  /** What the customer attached to a stored webhook message, in the order the platform sent it; else empty. */
  static List<Attachment> attachments(StoredMessage message) {
    if (!message.inbound() || message.json() == null || !message.json().contains("\"object\"")) {
      return List.of();
    }
    try {
      if (InboundEvent.fromRawJson(message.json()) instanceof MessageReceived received) {
        return received.attachments();
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
