package dev.parley.core.media;

import dev.parley.core.Channel;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.Parley;
import dev.parley.core.ParleyException;
import dev.parley.core.internal.send.Blocking;
import dev.parley.core.internal.send.GraphMediaUploader;
import dev.parley.core.internal.send.Limits;
import dev.parley.core.message.MediaType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Uploads an image, video, audio clip or file to a Messenger page or a WhatsApp number once, so that
 * it can be sent to many customers by id ({@link UploadedMedia#toMessage()}) instead of from a URL
 * the platform must fetch each time: an invoice PDF, a product photo.
 *
 * <pre>{@code
 * MediaUploads uploads = parley.mediaUploads();
 * UploadedMedia invoice = uploads.upload(Channel.WHATSAPP, phoneNumberId, MediaType.FILE,
 *     Path.of("invoices/A-1001.pdf"), "application/pdf");
 * parley.send(customer, invoice.toMessage().withFilename("invoice-A-1001.pdf"));
 * }</pre>
 *
 * <p>It comes from {@link Parley#mediaUploads()} and uses that client's accounts, app secret
 * ({@code appsecret_proof}), Graph base and version, HTTP client and timeouts (a large file needs a
 * {@linkplain Parley.Builder#callTimeout call timeout} long enough to send it), retry policy and
 * Graph error mapping. Messenger uploads go to the Attachment Upload API ({@code POST
 * /{version}/me/message_attachments}, reusable); WhatsApp uploads to {@code POST
 * /{version}/{phone-number-id}/media}. The access token travels in the {@code Authorization}
 * header, never in the URL, and never appears in logs, exception messages or {@link #toString()}.
 *
 * <p>Every upload is checked before any request, with an {@link InvalidRequestException} naming the
 * field, the value and the limit: the account must be configured, the content must not be empty nor
 * over the platform's size for the type (Messenger 25 MB; WhatsApp image 5 MB, video and audio 16 MB,
 * file 100 MB), the content type must be one the platform takes for the type (WhatsApp: JPEG or PNG
 * images, MP4 or 3GPP video, AAC, AMR, MP3, M4A or OGG audio, PDF, text and Office documents;
 * Messenger: an {@code audio/*} type for audio) and the filename a bare name of at most 240
 * characters.
 *
 * <p>Platform refusals are the {@link ParleyException} subclasses sends fail with, carrying the
 * platform's status, code, subcode and trace id. Throttling (HTTP 429, Graph throttling codes),
 * server errors and network failures are retried under the client's
 * {@link dev.parley.core.RetryPolicy}. A retried upload may make the platform store the file twice
 * when an earlier attempt reached it but its answer was lost: harmless, the other copy is an id
 * nobody uses, which the platform lets expire.
 *
 * <p>Thread-safe.
 */
public final class MediaUploads {
  private final GraphMediaUploader uploader;

  /** Public for wiring only: get one from {@link Parley#mediaUploads()}. */
  public MediaUploads(GraphMediaUploader uploader) {
    this.uploader = Objects.requireNonNull(uploader, "uploader");
  }

  /**
   * Uploads {@code content} to the page or number {@code businessId} on {@code channel}. The future
   * completes with the platform's id for it, or exceptionally with a {@link ParleyException}
   * (an {@link InvalidRequestException} at once when the upload breaks a rule above); cancelling it
   * cancels the HTTP call and any retry not yet made.
   *
   * @param contentType the MIME type of {@code content}, such as {@code image/png} or {@code application/pdf}
   * @param filename the file's name as the customer sees it, such as {@code invoice-A-1001.pdf}
   */
  public CompletableFuture<UploadedMedia> uploadAsync(Channel channel, String businessId, MediaType type,
      byte[] content, String contentType, String filename) {
    try {
      check(channel, businessId, type, content == null ? 0 : content.length, contentType, filename);
    } catch (ParleyException e) {
      return CompletableFuture.failedFuture(e);
    }
    return start(channel, businessId, type, content, contentType, filename);
  }

  /** Uploads and waits; throws the {@link ParleyException} the future would complete with. */
  public UploadedMedia upload(Channel channel, String businessId, MediaType type, byte[] content, String contentType,
      String filename) {
    return Blocking.await(uploadAsync(channel, businessId, type, content, contentType, filename), "upload");
  }

  /**
   * Uploads the file at {@code file}, named as its last path element, like
   * {@link #uploadAsync(Channel, String, MediaType, byte[], String, String)}. Its size is checked
   * before it is read, and it is read on the calling thread; a file that cannot be read fails with an
   * {@link InvalidRequestException}.
   */
  public CompletableFuture<UploadedMedia> uploadAsync(Channel channel, String businessId, MediaType type, Path file,
      String contentType) {
    try {
      Objects.requireNonNull(file, "file");
      Path name = file.getFileName();
      String filename = name == null ? null : name.toString();
      check(channel, businessId, type, size(file), contentType, filename);
      return start(channel, businessId, type, read(file), contentType, filename);
    } catch (ParleyException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Uploads the file at {@code file} and waits; throws the {@link ParleyException} the future would complete with. */
  public UploadedMedia upload(Channel channel, String businessId, MediaType type, Path file, String contentType) {
    return Blocking.await(uploadAsync(channel, businessId, type, file, contentType), "upload");
  }

  /** The largest upload of {@code type} on {@code channel}, in bytes (1 MB read as 1,000,000 bytes). */
  public static long maxBytes(Channel channel, MediaType type) {
    return UploadRules.maxBytes(Objects.requireNonNull(channel, "channel"), Objects.requireNonNull(type, "type"));
  }

  private void check(Channel channel, String businessId, MediaType type, long size, String contentType,
      String filename) {
    if (channel == null || type == null) {
      throw new InvalidRequestException("media upload needs a channel and a type, got channel=" + channel
          + " and type=" + type);
    }
    if (businessId == null || !uploader.hasAccount(channel, businessId)) {
      String setter = channel == Channel.MESSENGER ? "messengerPage" : "whatsAppNumber";
      throw new InvalidRequestException("media upload businessId " + Limits.quote(businessId) + ": no " + channel
          + " account with this id is configured; add it with Parley.builder()." + setter + "(id, token)");
    }
    UploadRules.check(channel, type, size, contentType, filename);
  }

  private CompletableFuture<UploadedMedia> start(Channel channel, String businessId, MediaType type, byte[] content,
      String contentType, String filename) {
    String messengerType = type.name().toLowerCase(Locale.ROOT);
    CompletableFuture<String> id = uploader.upload(channel, businessId, messengerType, content, contentType.strip(),
        filename);
    CompletableFuture<UploadedMedia> result = id.thenApply(value -> new UploadedMedia(channel, businessId, type, value));
    // cancelling the caller's future must cancel the call: thenApply's future would not reach back
    result.whenComplete((value, error) -> {
      if (result.isCancelled()) {
        id.cancel(true);
      }
    });
    return result;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new InvalidRequestException("media upload file " + Limits.quote(file.toString()) + " cannot be read: "
          + e.getClass().getSimpleName(), e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidRequestException("media upload file " + Limits.quote(file.toString()) + " cannot be read: "
          + e.getClass().getSimpleName(), e);
    }
  }


  @Override
  public String toString() {
    return "MediaUploads[" + uploader + "]";
  }
}
