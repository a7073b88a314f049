package dev.parley.core.internal.send;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.parley.core.Channel;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.ParleyException;
import dev.parley.core.PlatformUnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import okhttp3.HttpUrl;

/**
 * Fetches and deletes WhatsApp media on the Cloud API, as a configured number, each call a
 * {@link RetriedCall} on the send engine's HTTP client (OkHttp's own dispatcher, the client's retry
 * policy, Graph errors mapped as for sends):
 * <ul>
 *   <li>{@code GET /{version}/{media-id}?phone_number_id=…} answers {@code {url, mime_type, sha256,
 *       file_size, id}}: a URL valid for five minutes;</li>
 *   <li>{@code GET url} with the same bearer token answers the bytes, which are read through a small
 *       buffer ({@link MediaBody}) up to a limit, into memory or a file, and checked against
 *       {@code sha256};</li>
 *   <li>{@code DELETE /{version}/{media-id}?phone_number_id=…} answers {@code {"success":true}}.</li>
 * </ul>
 * The token goes only in the {@code Authorization} header, and to a download URL only over HTTPS
 * (plain HTTP only when the Graph base itself is plain HTTP, as a sandbox is). The caller checks its
 * arguments first; this class checks the answers.
 *
 * <p>Public for wiring only. Immutable and thread-safe.
 */
public final class GraphMediaDownloader {
  private final SendEngine engine;
  private final GraphEndpoints endpoints;

  public GraphMediaDownloader(SendEngine engine) {
    this.engine = engine;
    this.endpoints = engine.endpoints();
  }

  /** What the Graph API says of a media id. */
  public record Info(String url, String mimeType, String sha256, long size) {}

  /** The bytes of a media file and what the Graph API said of it. */
  public record File(Info info, byte[] content) {}

  /** A media file written to {@code path}: what the Graph API said of it, its length and SHA-256 (lowercase hex). */
  public record Saved(Info info, Path path, long size, String sha256) {}

  /** True when a WhatsApp number {@code phoneNumberId} is configured. */
  public boolean hasNumber(String phoneNumberId) {
    return endpoints.sender(Channel.WHATSAPP, phoneNumberId) != null;
  }

  /**
   * Looks up {@code mediaId}, then downloads it into memory; fails with an {@link InvalidRequestException}
   * naming the limit when the platform says it is, or it turns out, larger than {@code maxBytes}.
   */
  public CompletableFuture<File> download(String phoneNumberId, String mediaId, long maxBytes) {
    return lookupThenFetch(phoneNumberId, mediaId, maxBytes, (info, context) -> answer -> {
      try {
        MediaBody.InMemory content = new MediaBody.InMemory(info.size());
        MediaBody.copy(answer.body(), content, maxBytes, mediaId, info.sha256(), context);
        return new File(info, content.bytes());
      } catch (OutOfMemoryError e) {
        // thrown on OkHttp's thread, the error would leave the future, and a blocking caller, waiting forever;
        // the array that did not fit is garbage once this frame is left
        throw new ParleyException(context + ": the heap has no room for its " + info.size() + " bytes; "
            + "stream large files to disk with MediaDownloads.downloadTo", e);
      }
    });
  }

  /**
   * Looks up {@code mediaId}, then streams it into {@code target} through a {@link MediaBody#BUFFER_BYTES}
   * buffer, hashing it on the way: memory stays a buffer whatever the file's size. {@code target} is
   * created, or truncated if it exists, when the body starts arriving; if the download does not succeed
   * (too large, a SHA-256 mismatch, a network or disk failure, the future cancelled) nothing is left
   * under its name. Fails as {@link #download} does; a disk failure is a {@link ParleyException}.
   */
  public CompletableFuture<Saved> downloadTo(String phoneNumberId, String mediaId, Path target, long maxBytes) {
    DownloadTarget file = new DownloadTarget(target, "WhatsApp download of media " + mediaId + " failed");
    CompletableFuture<Saved> result = lookupThenFetch(phoneNumberId, mediaId, maxBytes, (info, context) -> answer -> {
      if (answer.body().contentLength() > maxBytes) {
        // refused before the target is touched: an existing file there stays as it was
        throw MediaBody.tooLarge(mediaId, answer.body().contentLength() + " bytes", maxBytes);
      }
      OutputStream out = file.open();
      try {
        MediaBody.Received received = MediaBody.copy(answer.body(), file.sink(out), maxBytes, mediaId, info.sha256(),
            context);
        file.close(out);
        file.keep();
        return new Saved(info, target, received.size(), received.sha256());
      } catch (IOException | RuntimeException e) {
        closeQuietly(out);
        file.discard();
        throw e;
      }
    });
    // after the future failed or was cancelled, whatever an attempt still running wrote is deleted
    result.whenComplete((saved, failure) -> {
      if (failure != null) {
        file.abandon();
      }
    });
    return result;
  }

  /** Makes the reader of a download's answer once the lookup answered {@code info}. */
  private interface FetchReader<T> {
    RetriedCall.Reader<T> reader(Info info, String context);
  }

  private <T> CompletableFuture<T> lookupThenFetch(String phoneNumberId, String mediaId, long maxBytes,
      FetchReader<T> reader) {
    GraphEndpoints.Sender sender = endpoints.sender(Channel.WHATSAPP, phoneNumberId);
    CompletableFuture<Info> info = info(sender, phoneNumberId, mediaId);
    CancellableFuture<T> result = new CancellableFuture<>();
    result.onCancel(() -> info.cancel(true));
    info.whenComplete((found, failure) -> {
      if (failure != null) {
        result.completeExceptionally(failure);
        return;
      }
      try {
        CompletableFuture<T> file = fetch(sender, mediaId, found, maxBytes, reader);
        result.onCancel(() -> file.cancel(true));
        file.whenComplete((done, error) -> {
          if (error != null) {
            result.completeExceptionally(error);
          } else {
            result.complete(done);
          }
        });
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  /** Deletes {@code mediaId}; completes when the Graph API confirmed it. */
  public CompletableFuture<Void> delete(String phoneNumberId, String mediaId) {
    GraphEndpoints.Sender sender = endpoints.sender(Channel.WHATSAPP, phoneNumberId);
    String context = "WhatsApp delete of media " + mediaId + " on number " + phoneNumberId + " failed";
    String token = sender.account().token();
    return RetriedCall.start(engine, endpoints.delete(sender, mediaId, Map.of("phone_number_id", phoneNumberId)),
        token, context, answer -> {
          String body = answer.body().string();
          JsonObject root = object(body);
          JsonElement success = root == null ? null : root.get("success");
          if (success == null || !success.isJsonPrimitive() || !success.getAsBoolean()) {
            throw new PlatformUnavailableException(context + ": the Graph API did not confirm the delete: "
                + Limits.quote(GraphErrors.redact(body, token)));
          }
          return null;
        });
  }

  private CompletableFuture<Info> info(GraphEndpoints.Sender sender, String phoneNumberId, String mediaId) {
    String context = "WhatsApp lookup of media " + mediaId + " on number " + phoneNumberId + " failed";
    String token = sender.account().token();
    return RetriedCall.start(engine, endpoints.get(sender, mediaId, Map.of("phone_number_id", phoneNumberId)), token,
        context, answer -> {
          String body = answer.body().string();
          JsonObject root = object(body);
          String url = string(root, "url");
          String sha256 = string(root, "sha256");
          long size = size(root);
          if (url == null || sha256 == null || size < 0) {
            throw new PlatformUnavailableException(context + ": the Graph API answered without a url, sha256 and "
                + "file_size: " + Limits.quote(GraphErrors.redact(body, token)));
          }
          return new Info(url, string(root, "mime_type"), sha256, size);
        });
  }

  private <T> CompletableFuture<T> fetch(GraphEndpoints.Sender sender, String mediaId, Info info, long maxBytes,
      FetchReader<T> reader) {
    String context = "WhatsApp download of media " + mediaId + " failed";
    if (info.size() > maxBytes) {
      throw MediaBody.tooLarge(mediaId, info.size() + " bytes", maxBytes);
    }
    HttpUrl url = HttpUrl.parse(info.url());
    if (url == null || (!url.isHttps() && !endpoints.plainHttp())) {
      // never hand the token to a URL that is not HTTPS; the URL itself is a capability, so it is not quoted
      throw new PlatformUnavailableException(context + ": the Graph API gave a download URL that is not HTTPS");
    }
    String token = sender.account().token();
    return RetriedCall.start(engine, endpoints.download(sender, url), token, context, reader.reader(info, context));
  }

  private static void closeQuietly(OutputStream out) {
    try {
      out.close();
    } catch (IOException e) {
      // the attempt failed already; its file is deleted next
    }
  }

  private static JsonObject object(String body) {
    try {
      JsonElement root = JsonParser.parseString(body);
      return root.isJsonObject() ? root.getAsJsonObject() : null;
    } catch (JsonParseException e) {
      return null;
    }
  }

  private static String string(JsonObject root, String name) {
    JsonElement value = root == null ? null : root.get(name);
    return value != null && value.isJsonPrimitive() && !value.getAsString().isBlank() ? value.getAsString() : null;
  }

  /** {@code file_size}, which the Graph API sends as a string of digits (a number is taken too); -1 if absent. */
  private static long size(JsonObject root) {
    String value = string(root, "file_size");
    try {
      return value == null ? -1 : Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public String toString() {
    return "GraphMediaDownloader[" + engine + "]";
  }
}
