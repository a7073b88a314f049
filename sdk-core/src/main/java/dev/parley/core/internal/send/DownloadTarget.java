package dev.parley.core.internal.send;

import dev.parley.core.ParleyException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file a streamed media download writes: created, or truncated if it exists, when the body
 * starts arriving, and deleted whenever the download does not succeed (too large, a SHA-256
 * mismatch, a network or disk failure, a cancellation), so no partial file is ever left under its
 * name. A cancellation may race the last write on OkHttp's thread: {@link #abandon} and {@link
 * #keep} take the same lock, so whichever comes second deletes the file. A failure of the disk (the
 * directory missing, the disk full) is a {@link ParleyException} that is not retried; only the
 * network's failures are. Thread-safe.
 */
final class DownloadTarget {
  private static final Logger log = LoggerFactory.getLogger(DownloadTarget.class);

  private final Path path;
  private final String context;
  private boolean abandoned;
  private boolean touched;

  DownloadTarget(Path path, String context) {
    this.path = path;
    this.context = context;
  }

  Path path() {
    return path;
  }

  /** Opens the file for one attempt, from its start; refused once the download was abandoned. */
  synchronized OutputStream open() {
    if (abandoned) {
      throw new CancellationException("the download was cancelled");
    }
    touched = true;
    try {
      return Files.newOutputStream(path);
    } catch (IOException e) {
      throw diskFailure(e);
    }
  }

  /** A sink over {@code out} whose write failures are the disk's. */
  MediaBody.Sink sink(OutputStream out) {
    return (buffer, length) -> {
      try {
        out.write(buffer, 0, length);
      } catch (IOException e) {
        throw diskFailure(e);
      }
    };
  }

  /** Closes {@code out} after the last write: a failure to flush is the disk's. */
  void close(OutputStream out) {
    try {
      out.close();
    } catch (IOException e) {
      throw diskFailure(e);
    }
  }

  /** The attempt wrote the whole file; throws, deleting it, if the download was abandoned meanwhile. */
  synchronized void keep() {
    if (abandoned) {
      delete();
      throw new CancellationException("the download was cancelled");
    }
  }

  /** The attempt failed (it may be retried): deletes what it wrote. */
  synchronized void discard() {
    delete();
  }

  /** The download failed or was cancelled: deletes the file if it was written, and refuses any later attempt. */
  synchronized void abandon() {
    abandoned = true;
    if (touched) {
      delete();
    }
  }

  private void delete() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      log.warn("{}: the partial file {} could not be deleted: {}", context, path, e.toString());
    }
  }

  private ParleyException diskFailure(IOException e) {
    return new ParleyException(context + ": could not write " + path + ": " + e, e);
  }
}
