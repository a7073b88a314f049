package dev.parley.core.media;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A WhatsApp media file that {@link MediaDownloads#downloadTo} streamed to disk: what was written and
 * where. Its content matched the SHA-256 the platform gave for it. Immutable and thread-safe.
 *
 * @param mediaId the platform's id of the file
 * @param mimeType its MIME type as the platform gave it, such as {@code video/mp4}, or null if it gave none
 * @param sha256 the SHA-256 of the content, in lowercase hex
 * @param size the file's length in bytes
 * @param path the file it was written to
 */
public record DownloadedFile(String mediaId, String mimeType, String sha256, long size, Path path) {
  public DownloadedFile {
    Objects.requireNonNull(mediaId, "mediaId");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(path, "path");
    if (size < 0) {
      throw new IllegalArgumentException("DownloadedFile size " + size + " must be 0 or more");
    }
  }
}
