package dev.parley.bot.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A customer's attachment fetched for an agent ({@link AgentApi#attachment}): what the browser is
 * given. The bytes are in a temporary file, readable only by this process's user where the file
 * system has permissions, so a 100 MB video costs disk, not heap. Whoever gets one must
 * {@link #close()} it, which deletes the file ({@link AgentHttpApi} does once the file is sent, or
 * the client went away). Thread-safe; {@link #toString()} shows no contents.
 *
 * @param mediaId the platform's media id it was fetched by
 * @param type the attachment's type in the message: {@code image}, {@code document}, {@code audio}, ...
 * @param mimeType its MIME type, as the platform gave it, or {@code application/octet-stream}
 * @param fileName a name to save it under: the customer's file name, or one made of the type and media id
 * @param size its length in bytes, which matched the SHA-256 the platform gave
 * @param path the temporary file holding the bytes, deleted by {@link #close()}
 */
public record AttachmentFile(String mediaId, String type, String mimeType, String fileName, long size, Path path)
    implements AutoCloseable {
  public AttachmentFile {
    Objects.requireNonNull(mediaId, "mediaId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(path, "path");
    if (size < 0) {
      throw new IllegalArgumentException("attachment size " + size + " must be 0 or more");
    }
  }

  /** The bytes, read from the start; close the stream. */
  public InputStream open() throws IOException {
    return Files.newInputStream(path);
  }

  /**
   * Deletes the temporary file; later calls do nothing. Never throws: a file that cannot be deleted
   * is left where it is and logged as a warning naming its path, so a download already sent never
   * turns into an error. Such a file, like one left by a JVM killed mid-download, is a {@code
   * parley-attachment-*.part} file in the {@linkplain AgentApi.Builder#attachmentDirectory attachment
   * directory} that the operator may remove.
   */
  @Override
  public void close() {
    AttachmentFetcher.deleteTemporaryFile(path);
  }

  @Override
  public String toString() {
    return "AttachmentFile[" + type + " " + mediaId + " " + mimeType + " " + fileName + " " + size + " bytes]";
  }
}
