package dev.parley.bot.agent;

import dev.parley.core.Channel;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One message of a transcript as an agent reads it. Values, thread-safe.
 *
 * @param id the store's id; transcripts page on it
 * @param author {@code customer}, {@code bot} or {@code agent}
 * @param agentName the agent's name when {@code author} is {@code agent}, else null
 * @param text the message as text (what the customer typed, or a summary of a rich message)
 * @param at when it was sent or received
 * @param status {@code received}, {@code pending}, {@code sent}, {@code delivered}, {@code read} or {@code failed}
 * @param channel the channel it went by
 * @param attachments links to what the customer attached, possibly empty
 */
public record TranscriptMessage(long id, String author, String agentName, String text, Instant at, String status,
    Channel channel, List<AttachmentLink> attachments) {

  public TranscriptMessage {
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(channel, "channel");
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /**
   * An attachment of a customer's message.
   *
   * @param type {@code image}, {@code file}, {@code audio}, {@code video}, {@code location}, ...
   * @param url where to open it (Messenger), or null (a WhatsApp media id needs a download first)
   * @param name the file name or caption, or null
   */
  public record AttachmentLink(String type, String url, String name) {}
}
