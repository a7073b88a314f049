package dev.parley.bot.agent;

import java.util.Objects;

/**
 * A customer's attachment fetched for an agent ({@link AgentApi#attachment}): what the browser is
 * given. Immutable and thread-safe: {@link #content()} returns a copy; {@link #toString()} shows no bytes.
 *
 * @param mediaId the platform's media id it was fetched by
 * @param type the attachment's type in the message: {@code image}, {@code document}, {@code audio}, ...
 * @param mimeType its MIME type, as the platform gave it, or {@code application/octet-stream}
 * @param fileName a name to save it under: the customer's file name, or one made of the type and media id
 * @param content the bytes
 */
public record AttachmentFile(String mediaId, String type, String mimeType, String fileName, byte[] content) {
  public AttachmentFile {
    Objects.requireNonNull(mediaId, "mediaId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(fileName, "fileName");
    content = content.clone();
  }

  /** The bytes, a copy. */
  @Override
  public byte[] content() {
    return content.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AttachmentFile that && mediaId.equals(that.mediaId) && type.equals(that.type)
        && mimeType.equals(that.mimeType) && fileName.equals(that.fileName)
        && java.util.Arrays.equals(content, that.content);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mediaId, fileName);
  }

  @Override
  public String toString() {
    return "AttachmentFile[" + type + " " + mediaId + " " + mimeType + " " + fileName + " " + content.length + " bytes]";
  }
}
