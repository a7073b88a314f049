package dev.parley.core.media;

import java.util.Arrays;
import java.util.Objects;

/**
 * A WhatsApp media file fetched by {@link MediaDownloads}: a photo, voice note or document a customer
 * sent, or one the business uploaded. Its content matched the SHA-256 the platform gave for it.
 * Immutable and thread-safe: {@link #content()} returns a copy; {@link #toString()} shows no bytes.
 *
 * @param mediaId the platform's id of the file
 * @param mimeType its MIME type as the platform gave it, such as {@code image/jpeg}, or null if it gave none
 * @param sha256 the SHA-256 of the content, in lowercase hex
 * @param content the file's bytes
 */
public record DownloadedMedia(String mediaId, String mimeType, String sha256, byte[] content) {
  public DownloadedMedia {
    Objects.requireNonNull(mediaId, "mediaId");
    Objects.requireNonNull(sha256, "sha256");
    content = content.clone();
  }

  /** The file's bytes, a copy. */
  @Override
  public byte[] content() {
    return content.clone();
  }

  /** The file's length in bytes. */
  public int size() {
    return content.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DownloadedMedia that && mediaId.equals(that.mediaId) && Objects.equals(mimeType,
        that.mimeType) && sha256.equals(that.sha256) && Arrays.equals(content, that.content);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mediaId, sha256);
  }

  @Override
  public String toString() {
    return "DownloadedMedia[" + mediaId + " " + mimeType + " " + content.length + " bytes]";
  }
}
