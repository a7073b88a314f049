package dev.parley.core.message;

import dev.parley.core.InvalidRequestException;
import dev.parley.core.internal.send.Limits;
import java.util.Objects;

/**
 * An image, video, audio clip or file, either hosted at a URL or uploaded to the platform before
 * (a Messenger {@code attachment_id} or a WhatsApp media id: exactly one of {@code url} and
 * {@code uploadedId}). The optional caption (at most 1,024 characters) is shown under the media on
 * WhatsApp (not for audio) and follows as a separate text message on Messenger; {@code filename}
 * names a WhatsApp document. Immutable and thread-safe.
 *
 * <pre>{@code
 * Media photo = Media.url(MediaType.IMAGE, "https://shop.example/parcel.jpg").withCaption("Your parcel");
 * }</pre>
 */
public record Media(MediaType type, String url, String uploadedId, String caption, String filename) implements Message {
  public Media {
    Objects.requireNonNull(type, "type");
    if ((url == null) == (uploadedId == null)) {
      throw new InvalidRequestException("media needs exactly one of url and uploadedId, got url=" + Limits.quote(url)
          + " and uploadedId=" + Limits.quote(uploadedId));
    }
    Limits.optionalUrl("media url", url, 2000, "Messenger and WhatsApp");
    Limits.optionalText("media uploadedId", uploadedId, 128, "Messenger and WhatsApp");
    Limits.optionalText("media caption", caption, 1024, "WhatsApp");
    Limits.optionalText("media filename", filename, 240, "WhatsApp");
    if (caption != null && type == MediaType.AUDIO) {
      throw new InvalidRequestException("media caption " + Limits.quote(caption) + " is not allowed on audio; WhatsApp shows captions only on images, videos and files");
    }
  }

  /** Media hosted at an http(s) URL the platform fetches. */
  public static Media url(MediaType type, String url) {
    return new Media(type, url, null, null, null);
  }

  /** Media uploaded to the platform before, by the id the upload returned. */
  public static Media uploaded(MediaType type, String uploadedId) {
    return new Media(type, null, uploadedId, null, null);
  }

  public Media withCaption(String caption) {
    return new Media(type, url, uploadedId, caption, filename);
  }

  public Media withFilename(String filename) {
    return new Media(type, url, uploadedId, caption, filename);
  }
}
