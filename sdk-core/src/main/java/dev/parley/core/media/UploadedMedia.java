package dev.parley.core.media;

import dev.parley.core.Channel;
import dev.parley.core.message.Media;
import dev.parley.core.message.MediaType;
import java.util.Objects;

/**
 * A file the platform holds after a {@link MediaUploads} upload: the page or number it belongs to and
 * the platform's id for it (a Messenger {@code attachment_id}, a WhatsApp media id). Only that page or
 * number can send it; a Messenger attachment id expires 90 days after the upload (Meta:
 * messenger-platform/send-messages/saving-assets), after which the file must be uploaded again.
 * Immutable and thread-safe; the id is not a secret.
 *
 * <pre>{@code
 * parley.send(customer, invoice.toMessage().withFilename("invoice-A-1001.pdf"));
 * }</pre>
 */
public record UploadedMedia(Channel channel, String businessId, MediaType type, String id) {
  public UploadedMedia {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(businessId, "businessId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
  }

  /** A media message carrying this upload by its id; add a caption or filename with its {@code with…} methods. */
  public Media toMessage() {
    return Media.uploaded(type, id);
  }
}
