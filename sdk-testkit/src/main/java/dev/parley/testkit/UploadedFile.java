package dev.parley.testkit;

import java.time.Instant;
import java.util.Objects;

/**
 * A file the merchant's code uploaded and the sandbox accepted: Messenger's Attachment Upload API
 * ({@code /me/message_attachments}) or WhatsApp's {@code /{phone-number-id}/media}. Only its page or
 * number may send it, by {@code id}. Immutable and thread-safe.
 *
 * @param platform Messenger or WhatsApp
 * @param businessId the page id or the WhatsApp phone-number id it was uploaded to
 * @param id the {@code attachment_id} or media id the sandbox answered
 * @param kind what it can be sent as: Messenger's attachment type ({@code image}, {@code audio},
 *     {@code video}, {@code file}); on WhatsApp the message type its MIME type allows ({@code image},
 *     {@code video}, {@code audio}, {@code document}, {@code sticker})
 * @param mimeType the content type of the file part
 * @param filename the file part's filename
 * @param size the file's length in bytes
 * @param reusable Messenger's {@code is_reusable}; always true on WhatsApp
 * @param uploadedAt the sandbox clock when it was accepted
 */
public record UploadedFile(SentMessage.Platform platform, String businessId, String id, String kind, String mimeType,
    String filename, long size, boolean reusable, Instant uploadedAt, byte[] content) {

  public UploadedFile {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(id, "id");
    content = content.clone();
  }

  /** The bytes received, a copy. */
  @Override
  public byte[] content() {
    return content.clone();
  }

  @Override
  public String toString() {
    return "UploadedFile[" + platform + " " + businessId + " " + id + " " + kind + " " + mimeType + " '" + filename
        + "' " + size + " bytes]";
  }
}
