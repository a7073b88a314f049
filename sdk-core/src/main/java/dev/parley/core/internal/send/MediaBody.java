package dev.parley.core.internal.send;

import dev.parley.core.InvalidRequestException;
import dev.parley.core.PlatformUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import okhttp3.ResponseBody;

/**
 * Reads the body of a media download through one small buffer: counted against the limit while it
 * arrives (a {@code Content-Length} above the limit is refused before reading), hashed on the fly and
 * checked against the SHA-256 the Graph API gave. What is read goes to a {@link Sink}: memory for
 * {@code byte[]} downloads, a file for streamed ones, so a streamed download holds a buffer, never the
 * file. Stateless, thread-safe.
 */
final class MediaBody {
  /** The buffer a body is read through. */
  static final int BUFFER_BYTES = 16 * 1024;

  private MediaBody() {}

  /** Where the body's bytes go. An {@link java.io.IOException} of the source is the network's; a sink's own fail as it sees fit. */
  interface Sink {
    void write(byte[] buffer, int length);
  }

  /**
   * A sink into one array sized by the platform's {@code file_size} (already checked against the
   * limit), grown only if more arrives: a body right about its size is copied once, not twice.
   */
  static final class InMemory implements Sink {
    private byte[] content;
    private int length;

    InMemory(long declaredSize) {
      this.content = new byte[(int) Math.min(Math.max(declaredSize, 0), Integer.MAX_VALUE - 8)];
    }

    @Override
    public void write(byte[] buffer, int count) {
      if (length + count > content.length) {
        content = Arrays.copyOf(content, (int) Math.min(Math.max(content.length * 2L, length + (long) count),
            Integer.MAX_VALUE - 8));
      }
      System.arraycopy(buffer, 0, content, length, count);
      length += count;
    }

    /** What arrived, the array itself when it is exactly full. */
    byte[] bytes() {
      return length == content.length ? content : Arrays.copyOf(content, length);
    }
  }

  /** What arrived: its length and its SHA-256 in lowercase hex, which matched the platform's. */
  record Received(long size, String sha256) {}

  /**
   * Copies {@code body} to {@code sink}, refusing more than {@code maxBytes} with an {@link
   * InvalidRequestException} naming the limit, and a SHA-256 other than {@code expectedSha256} with a
   * {@link PlatformUnavailableException}. An {@link IOException} is the network's (the call is retried).
   */
  static Received copy(ResponseBody body, Sink sink, long maxBytes, String mediaId, String expectedSha256,
      String context) throws IOException {
    if (body.contentLength() > maxBytes) {
      throw tooLarge(mediaId, body.contentLength() + " bytes", maxBytes);
    }
    MessageDigest digest = sha256();
    byte[] buffer = new byte[BUFFER_BYTES];
    long size = 0;
    try (InputStream in = body.byteStream()) {
      int read;
      while ((read = in.read(buffer)) != -1) {
        size += read;
        if (size > maxBytes) {
          throw tooLarge(mediaId, "more than " + maxBytes + " bytes", maxBytes);
        }
        digest.update(buffer, 0, read);
        sink.write(buffer, read);
      }
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (!actual.equalsIgnoreCase(expectedSha256)) {
      throw new PlatformUnavailableException(context + ": the " + size + " bytes received have SHA-256 "
          + actual + ", the Graph API said " + Limits.quote(expectedSha256));
    }
    return new Received(size, actual);
  }

  static InvalidRequestException tooLarge(String mediaId, String size, long maxBytes) {
    return new InvalidRequestException("WhatsApp media " + mediaId + " has " + size
        + ", over the download limit maxBytes=" + maxBytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
