package dev.parley.core.media;

import dev.parley.core.Channel;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.Parley;
import dev.parley.core.ParleyException;
import dev.parley.core.Recipient;
import dev.parley.core.internal.send.Blocking;
import dev.parley.core.internal.send.GraphMediaDownloader;
import dev.parley.core.internal.send.Limits;
import dev.parley.core.webhook.Attachment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Fetches and deletes media on WhatsApp's Cloud API: the photo of a damaged parcel, the voice note or
 * the PDF a customer sent (a webhook carries only its media id), or a file the business uploaded with
 * {@link MediaUploads}. Messenger needs none of this: its attachments arrive with a URL to fetch.
 *
 * <pre>{@code
 * MediaDownloads media = parley.mediaDownloads();
 * for (Attachment attachment : received.attachments()) {
 *   DownloadedMedia photo = media.download(received.from(), attachment);
 *   Files.write(Path.of("claims", photo.mediaId() + ".jpg"), photo.content());
 * }
 * // a video of up to 100 MB: streamed to disk through a small buffer, never held in memory
 * DownloadedFile video = media.downloadTo(received.from(), attachment, Path.of("claims", "unboxing.mp4"));
 * }</pre>
 *
 * <p>{@code download} holds the whole file in memory (up to the limit); {@code downloadTo} streams it
 * to a file, hashing it on the way, so a download holds a buffer whatever the file's size. The file is
 * created, or replaced if it exists, once the body starts arriving; when a {@code downloadTo} fails or
 * is cancelled, nothing is left at its path.
 *
 * <p>A download asks the Graph API for the file ({@code GET /{version}/{media-id}?phone_number_id=…},
 * which answers a URL valid for five minutes, the MIME type, the size and the SHA-256), then fetches
 * the URL with the number's token, refuses a file larger than the limit (100 MB unless given, the
 * largest file WhatsApp takes, before fetching when the platform's size says so), and checks the
 * SHA-256 of what arrived. The number must be configured on the client, which sends its token only in
 * the {@code Authorization} header and only over HTTPS; the token never appears in logs, exception
 * messages or {@link #toString()}. Platform refusals are the {@link ParleyException} subclasses sends
 * fail with (an unknown or deleted id is a {@link dev.parley.core.PlatformUnavailableException} or an
 * {@link InvalidRequestException} by the Graph error); throttling, server errors and network failures
 * are retried under the client's {@link dev.parley.core.RetryPolicy}.
 *
 * <p>It comes from {@link Parley#mediaDownloads()}. Thread-safe.
 */
public final class MediaDownloads {
  /** The default download limit: 100 MB, WhatsApp's largest file (a document), 1 MB read as 1,000,000 bytes. */
  public static final long DEFAULT_MAX_BYTES = 100_000_000L;
  private static final Pattern MEDIA_ID = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

  private final GraphMediaDownloader downloader;

  /** Public for wiring only: get one from {@link Parley#mediaDownloads()}. */
  public MediaDownloads(GraphMediaDownloader downloader) {
    this.downloader = Objects.requireNonNull(downloader, "downloader");
  }

  /**
   * Downloads media {@code mediaId} as the WhatsApp number {@code phoneNumberId}, up to
   * {@link #DEFAULT_MAX_BYTES}. The future fails at once with an {@link InvalidRequestException} naming
   * the field when the number is not configured or the id is malformed; cancelling it cancels the HTTP
   * call and any retry not yet made.
   */
  public CompletableFuture<DownloadedMedia> downloadAsync(String phoneNumberId, String mediaId) {
    return downloadAsync(phoneNumberId, mediaId, DEFAULT_MAX_BYTES);
  }

  /** Like {@link #downloadAsync(String, String)}, refusing a file over {@code maxBytes} (1 to 100 MB). */
  public CompletableFuture<DownloadedMedia> downloadAsync(String phoneNumberId, String mediaId, long maxBytes) {
    try {
      check(phoneNumberId, mediaId, "download");
      checkLimit(maxBytes);
    } catch (ParleyException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<GraphMediaDownloader.File> file = downloader.download(phoneNumberId, mediaId, maxBytes);
    CompletableFuture<DownloadedMedia> result = file.thenApply(found -> new DownloadedMedia(mediaId,
        found.info().mimeType(), found.info().sha256().toLowerCase(Locale.ROOT), found.content()));
    // cancelling the caller's future must cancel the call: thenApply's future would not reach back
    result.whenComplete((value, error) -> {
      if (result.isCancelled()) {
        file.cancel(true);
      }
    });
    return result;
  }

  /**
   * Downloads {@code attachment}, received in the WhatsApp conversation {@code conversation} (the
   * event's {@code from()}), up to {@link #DEFAULT_MAX_BYTES}; fails with an
   * {@link InvalidRequestException} for a Messenger conversation (fetch the attachment's URL instead)
   * or an attachment without a media id (a location, a contact card).
   */
  public CompletableFuture<DownloadedMedia> downloadAsync(Recipient conversation, Attachment attachment) {
    try {
      checkAttachment(conversation, attachment);
    } catch (ParleyException e) {
      return CompletableFuture.failedFuture(e);
    }
    return downloadAsync(conversation.businessId(), attachment.mediaId());
  }

  /** Downloads and waits; throws the {@link ParleyException} the future would complete with. */
  public DownloadedMedia download(String phoneNumberId, String mediaId) {
    return Blocking.await(downloadAsync(phoneNumberId, mediaId), "media download");
  }

  /** Downloads {@code attachment} of {@code conversation} and waits; see {@link #downloadAsync(Recipient, Attachment)}. */
  public DownloadedMedia download(Recipient conversation, Attachment attachment) {
    return Blocking.await(downloadAsync(conversation, attachment), "media download");
  }

  /**
   * Downloads media {@code mediaId} as the WhatsApp number {@code phoneNumberId} into the file
   * {@code target}, up to {@link #DEFAULT_MAX_BYTES}, streaming it through a small buffer: memory stays
   * bounded whatever the file's size. The future completes with what was written once its SHA-256
   * matched the platform's. It fails with the exceptions of {@link #downloadAsync(String, String)}
   * (and a {@link ParleyException} when the file cannot be written); whatever fails, and when the
   * future is cancelled, no partial file is left at {@code target}. A {@code target} that exists is
   * replaced once the body starts arriving (a file created beforehand keeps its permissions).
   */
  public CompletableFuture<DownloadedFile> downloadToAsync(String phoneNumberId, String mediaId, Path target) {
    return downloadToAsync(phoneNumberId, mediaId, target, DEFAULT_MAX_BYTES);
  }

  /** Like {@link #downloadToAsync(String, String, Path)}, refusing a file over {@code maxBytes} (1 to 100 MB). */
  public CompletableFuture<DownloadedFile> downloadToAsync(String phoneNumberId, String mediaId, Path target,
      long maxBytes) {
    try {
      check(phoneNumberId, mediaId, "download");
      checkLimit(maxBytes);
      checkTarget(target);
    } catch (ParleyException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<GraphMediaDownloader.Saved> saved = downloader.downloadTo(phoneNumberId, mediaId, target,
        maxBytes);
    CompletableFuture<DownloadedFile> result = saved.thenApply(found -> new DownloadedFile(mediaId,
        found.info().mimeType(), found.sha256(), found.size(), found.path()));
    // cancelling the caller's future must cancel the call, which deletes the partial file
    result.whenComplete((value, error) -> {
      if (result.isCancelled()) {
        saved.cancel(true);
      }
    });
    return result;
  }

  /**
   * Downloads {@code attachment}, received in the WhatsApp conversation {@code conversation}, into
   * {@code target}; see {@link #downloadToAsync(String, String, Path)} and, for what is refused,
   * {@link #downloadAsync(Recipient, Attachment)}.
   */
  public CompletableFuture<DownloadedFile> downloadToAsync(Recipient conversation, Attachment attachment,
      Path target) {
    try {
      checkAttachment(conversation, attachment);
    } catch (ParleyException e) {
      return CompletableFuture.failedFuture(e);
    }
    return downloadToAsync(conversation.businessId(), attachment.mediaId(), target);
  }

  /** Downloads into {@code target} and waits; throws the {@link ParleyException} the future would complete with. */
  public DownloadedFile downloadTo(String phoneNumberId, String mediaId, Path target) {
    return Blocking.await(downloadToAsync(phoneNumberId, mediaId, target), "media download");
  }

  /** Like {@link #downloadTo(String, String, Path)}, refusing a file over {@code maxBytes} (1 to 100 MB). */
  public DownloadedFile downloadTo(String phoneNumberId, String mediaId, Path target, long maxBytes) {
    return Blocking.await(downloadToAsync(phoneNumberId, mediaId, target, maxBytes), "media download");
  }

  /**
   * Downloads {@code attachment} of {@code conversation} into {@code target} and waits; see
   * {@link #downloadToAsync(Recipient, Attachment, Path)}.
   */
  public DownloadedFile downloadTo(Recipient conversation, Attachment attachment, Path target) {
    return Blocking.await(downloadToAsync(conversation, attachment, target), "media download");
  }

  /**
   * Deletes media {@code mediaId} from the number {@code phoneNumberId}: an uploaded file no longer to
   * be sent, or a customer's file once it is kept elsewhere. Completes when the platform confirmed.
   */
  public CompletableFuture<Void> deleteAsync(String phoneNumberId, String mediaId) {
    try {
      check(phoneNumberId, mediaId, "delete");
    } catch (ParleyException e) {
      return CompletableFuture.failedFuture(e);
    }
    return downloader.delete(phoneNumberId, mediaId);
  }

  /** Deletes and waits; throws the {@link ParleyException} the future would complete with. */
  public void delete(String phoneNumberId, String mediaId) {
    Blocking.await(deleteAsync(phoneNumberId, mediaId), "media delete");
  }

  private static void checkLimit(long maxBytes) {
    if (maxBytes < 1 || maxBytes > DEFAULT_MAX_BYTES) {
      throw new InvalidRequestException("media download maxBytes " + maxBytes + " must be from 1 to "
          + DEFAULT_MAX_BYTES);
    }
  }

  private static void checkTarget(Path target) {
    Objects.requireNonNull(target, "target");
    if (Files.isDirectory(target)) {
      throw new InvalidRequestException("media download target '" + target + "' is a directory; give the path of "
          + "the file to write");
    }
  }

  private static void checkAttachment(Recipient conversation, Attachment attachment) {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(attachment, "attachment");
    if (conversation.channel() != Channel.WHATSAPP) {
      throw new InvalidRequestException("media download: conversation " + conversation + " is on "
          + conversation.channel() + "; only WhatsApp attachments are fetched by id, Messenger's come with a url to "
          + "fetch");
    }
    if (attachment.mediaId() == null) {
      throw new InvalidRequestException("media download: the " + attachment.type()
          + " attachment has no mediaId; only images, videos, audio, documents and stickers have one");
    }
  }

  private void check(String phoneNumberId, String mediaId, String what) {
    if (phoneNumberId == null || !downloader.hasNumber(phoneNumberId)) {
      throw new InvalidRequestException("media " + what + " phoneNumberId " + Limits.quote(phoneNumberId)
          + ": no WhatsApp number with this id is configured; add it with Parley.builder().whatsAppNumber(id, token)");
    }
    if (mediaId == null || !MEDIA_ID.matcher(mediaId).matches()) {
      throw new InvalidRequestException("media " + what + " mediaId " + Limits.quote(mediaId)
          + " must be 1 to 100 letters, digits, '.', '_' or '-', as the platform's media ids are");
    }
  }

  @Override
  public String toString() {
    return "MediaDownloads[" + downloader + "]";
  }
}
