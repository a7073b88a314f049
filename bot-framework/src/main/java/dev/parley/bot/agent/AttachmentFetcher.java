package dev.parley.bot.agent;

import dev.parley.bot.concierge.DeskException;
import dev.parley.bot.concierge.DeskException.Problem;
import dev.parley.core.Channel;
import dev.parley.core.Parley;
import dev.parley.core.ParleyException;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.StoredMessage;
import dev.parley.core.media.DownloadedFile;
import dev.parley.core.media.MediaDownloads;
import dev.parley.core.webhook.Attachment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a customer's attachment in a transcript and fetches it from WhatsApp for {@link
 * AgentApi#attachment}: the media id is always the one stored with the message, never one a caller
 * names. The file is streamed into a temporary file of its own (memory holds a buffer, not the
 * file), which is deleted when the fetch fails and, once fetched, when the {@link AttachmentFile} is
 * closed; a file that cannot be deleted is logged, never thrown (see {@link #deleteTemporaryFile}).
 * Thread-safe.
 */
final class AttachmentFetcher {
  private static final Logger log = LoggerFactory.getLogger(AttachmentFetcher.class);
  /** How the temporary files are named, so an operator can tell them apart in a shared directory. */
  static final String PREFIX = "parley-attachment-";
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private final ConversationStore conversations;
  private final Parley parley;
  private final MediaDownloads media;
  private final Path directory;

  /** {@code directory} holds the fetched files until they are sent; each is deleted once closed. */
  AttachmentFetcher(ConversationStore conversations, Parley parley, Path directory) {
    this.conversations = conversations;
    this.parley = parley;
    this.media = parley.mediaDownloads();
    this.directory = directory;
  }

  /** See {@link AgentApi#attachment}; {@code id} is the conversation's id as the caller gave it. */
  AttachmentFile fetch(Recipient conversation, String id, long messageId, int index) {
    StoredMessage message = customerMessage(conversation, messageId);
    List<Attachment> attachments = Transcripts.attachments(message);
    if (index < 0 || index >= attachments.size()) {
      throw new DeskException(Problem.NOT_FOUND, "message " + messageId + " of conversation " + id
          + " has no attachment " + index + "; it has " + attachments.size()
          + (attachments.size() == 1 ? " (index 0)" : attachments.isEmpty() ? "" : " (index 0 to "
          + (attachments.size() - 1) + ")"));
    }
    Attachment attachment = attachments.get(index);
    Recipient from = message.conversation();
    String which = "attachment " + index + " of message " + messageId;
    if (from.channel() != Channel.WHATSAPP) {
      throw new DeskException(Problem.NOT_FOUND, which + " came by " + from.channel().name().toLowerCase(Locale.ROOT)
          + " and is opened at its own url; only WhatsApp media are fetched here");
    }
    if (attachment.mediaId() == null) {
      throw new DeskException(Problem.NOT_FOUND, which + " is a " + attachment.type() + ", which has no file to fetch");
    }
    if (!downloadable(from.businessId())) {
      throw new MediaNotConfigured("WhatsApp number " + from.businessId() + " is not configured on this server's "
          + "client, so its media cannot be fetched; add it with Parley.builder().whatsAppNumber(id, token)");
    }
    Path temporary = temporaryFile();
    try {
      DownloadedFile file = media.downloadTo(from, attachment, temporary);
      String mimeType = AttachmentFiles.mimeType(file.mimeType() != null ? file.mimeType() : attachment.mimeType());
      return new AttachmentFile(attachment.mediaId(), attachment.type(), mimeType,
          AttachmentFiles.fileName(attachment.fileName(), attachment.type(), attachment.mediaId(), mimeType),
          file.size(), temporary);
    } catch (ParleyException e) {
      deleteTemporaryFile(temporary);
      String reason = AttachmentFiles.withoutUrls(e.getMessage());
      log.warn("WhatsApp media {} ({} of conversation {}) could not be fetched: {}", attachment.mediaId(), which, id,
          reason);
      throw new DeskException(Problem.PLATFORM, "WhatsApp did not give media " + attachment.mediaId() + " (" + which
          + "): " + reason);
    } catch (RuntimeException | Error e) {
      deleteTemporaryFile(temporary);
      throw e;
    }
  }

  /**
   * An empty file of this server's own in the attachment directory, readable and writable by its user
   * only where the file system has POSIX permissions: a customer's file never sits readable by others.
   */
  private Path temporaryFile() {
    try {
      if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        return Files.createTempFile(directory, PREFIX, ".part", OWNER_ONLY);
      }
      return Files.createTempFile(directory, PREFIX, ".part");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a temporary file for an attachment in " + directory, e);
    }
  }

  /**
   * Deletes a temporary attachment file, if it is still there. A failure is logged as a warning naming
   * the file (a name of this server's making, no contents), never thrown: by then the agent has the
   * file or the fetch has already failed for its own reason, and a file left behind costs disk only.
   * The one place such a file is deleted, for a failed fetch and for {@link AttachmentFile#close()}.
   */
  static void deleteTemporaryFile(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException | SecurityException e) {
      log.warn("the temporary attachment file {} could not be deleted ({}); it can be removed by hand", file,
          e.toString());
    }
  }

  /** True when the client holds the token of WhatsApp number {@code phoneNumberId}, so its media can be fetched. */
  boolean downloadable(String phoneNumberId) {
    return parley.hasAccount(Channel.WHATSAPP, phoneNumberId);
  }

  /** The customer's message {@code messageId} in the transcript of {@code conversation}, or NOT_FOUND. */
  private StoredMessage customerMessage(Recipient conversation, long messageId) {
    String customerId = conversations.customer(conversation).id();
    // The page before messageId + 1 starts with messageId itself if it is in this customer's history.
    List<StoredMessage> page = messageId < 1 || messageId == Long.MAX_VALUE ? List.of()
        : conversations.history(customerId, messageId + 1, 1).messages();
    if (page.isEmpty() || page.get(0).id() != messageId) {
      throw new DeskException(Problem.NOT_FOUND, "no message " + messageId + " in conversation " + conversation.key());
    }
    StoredMessage message = page.get(0);
    if (!message.inbound()) {
      throw new DeskException(Problem.NOT_FOUND, "message " + messageId + " of conversation " + conversation.key()
          + " is not the customer's; only customers' messages have attachments");
    }
    return message;
  }
}
