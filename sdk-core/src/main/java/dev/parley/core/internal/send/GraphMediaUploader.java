package dev.parley.core.internal.send;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.parley.core.Channel;
import dev.parley.core.ConnectionException;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.ParleyException;
import dev.parley.core.PlatformUnavailableException;
import dev.parley.core.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts media files to the Graph API as multipart forms, on the send engine's HTTP client, with the
 * request built by its {@link GraphEndpoints} (token in the {@code Authorization} header,
 * {@code appsecret_proof} when configured), failures mapped by the send path's {@link GraphErrors}
 * tables and transient ones retried under the client's {@link RetryPolicy} on its scheduler:
 * <ul>
 *   <li>Messenger: {@code POST /{version}/me/message_attachments} with the parts {@code message}
 *       ({@code {"attachment":{"type":…,"payload":{"is_reusable":true}}}}) and {@code filedata};
 *       answers {@code {"attachment_id":…}} (Meta: messenger-platform/reference/attachment-upload-api).</li>
 *   <li>WhatsApp: {@code POST /{version}/{phone-number-id}/media} with the parts
 *       {@code messaging_product=whatsapp}, {@code file} and {@code type} (the MIME type); answers
 *       {@code {"id":…}} (reference platforms.md §2.2).</li>
 * </ul>
 * Calls go through OkHttp's own dispatcher, not the send workers, so a long upload never holds up
 * sends. The caller checks the content first; this class only checks that the account exists.
 *
 * <p>Public for wiring only. Immutable and thread-safe.
 */
public final class GraphMediaUploader {
  private static final Logger log = LoggerFactory.getLogger(GraphMediaUploader.class);

  private final SendEngine engine;
  private final GraphEndpoints endpoints;
  private final OkHttpClient client;

  public GraphMediaUploader(SendEngine engine) {
    this.engine = engine;
    this.endpoints = engine.endpoints();
    this.client = engine.client();
  }

  /** True when a token is configured for {@code businessId} on {@code channel}. */
  public boolean hasAccount(Channel channel, String businessId) {
    return endpoints.sender(channel, businessId) != null;
  }

  /**
   * Uploads {@code content} as the account and completes with the platform's id for it, or
   * exceptionally with a {@link ParleyException}; cancelling the future cancels the call in flight
   * and any retry not yet made.
   *
   * @param messengerType the Messenger attachment type (image, audio, video, file); unused on WhatsApp
   */
  public CompletableFuture<String> upload(Channel channel, String businessId, String messengerType, byte[] content,
      String contentType, String filename) {
    CancellableFuture<String> future = new CancellableFuture<>();
    GraphEndpoints.Sender sender = endpoints.sender(channel, businessId);
    if (sender == null) {
      future.completeExceptionally(new InvalidRequestException("no " + channel + " account "
          + Limits.quote(businessId) + " is configured for media uploads; add it with Parley.builder()."
          + (channel == Channel.MESSENGER ? "messengerPage" : "whatsAppNumber") + "(id, token)"));
      return future;
    }
    MediaType fileType = MediaType.parse(contentType);
    if (fileType == null) {
      future.completeExceptionally(new InvalidRequestException("media upload contentType " + Limits.quote(contentType)
          + " is not a MIME type like image/png"));
      return future;
    }
    RequestBody file = RequestBody.create(content, fileType);
    MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM);
    Request request;
    String context;
    String idField;
    if (channel == Channel.MESSENGER) {
      JsonObject payload = new JsonObject();
      payload.addProperty("is_reusable", true);
      JsonObject attachment = new JsonObject();
      attachment.addProperty("type", messengerType);
      attachment.add("payload", payload);
      JsonObject message = new JsonObject();
      message.add("attachment", attachment);
      form.addFormDataPart("message", message.toString()).addFormDataPart("filedata", filename, file);
      request = endpoints.upload(sender, "me", "message_attachments", form.build());
      context = "Messenger upload of " + messengerType + " " + Limits.quote(filename) + " to page " + businessId + " failed";
      idField = "attachment_id";
    } else {
      form.addFormDataPart("messaging_product", "whatsapp").addFormDataPart("file", filename, file)
          .addFormDataPart("type", contentType);
      request = endpoints.upload(sender, businessId, "media", form.build());
      context = "WhatsApp upload of " + contentType + " " + Limits.quote(filename) + " to number " + businessId + " failed";
      idField = "id";
    }
    new Attempts(request, sender.account().token(), context, idField, future).next();
    return future;
  }

  /** The attempts of one upload: each an asynchronous call, each retry a task on the scheduler. */
  private final class Attempts implements Callback {
    private final Request request;
    private final String token;
    private final String context;
    private final String idField;
    private final CancellableFuture<String> future;
    private volatile int attempts;
    private volatile Instant firstAttemptAt;

    Attempts(Request request, String token, String context, String idField, CancellableFuture<String> future) {
      this.request = request;
      this.token = token;
      this.context = context;
      this.idField = idField;
      this.future = future;
    }

    void next() {
      try {
        attempt();
      } catch (RuntimeException e) {
        future.completeExceptionally(new ConnectionException(context + ": "
            + GraphErrors.redact(String.valueOf(e), token), e));
      }
    }

    private void attempt() {
      if (future.isDone()) {
        return;
      }
      attempts++;
      if (firstAttemptAt == null) {
        firstAttemptAt = engine.clock().instant();
      }
      Call call = client.newCall(request);
      future.onCancel(call::cancel);
      call.enqueue(this);
    }

    @Override
    public void onFailure(Call call, IOException e) {
      if (future.isDone()) {
        return; // cancelled by the caller
      }
      String message = context + ": no answer (" + GraphErrors.redact(String.valueOf(e.getMessage()), token) + ")";
      handle(new GraphErrors.Outcome(new ConnectionException(message, e), true, Duration.ZERO));
    }

    @Override
    public void onResponse(Call call, Response response) {
      try (response) {
        String body = response.body().string();
        if (response.isSuccessful()) {
          future.complete(id(body));
        } else {
          Duration retryAfter = Retries.retryAfter(response.header("Retry-After"), engine.clock());
          handle(GraphErrors.classify(response.code(), body, retryAfter, context, token));
        }
      } catch (IOException e) {
        onFailure(call, e);
      } catch (ParleyException e) {
        future.completeExceptionally(e);
      } catch (RuntimeException e) {
        future.completeExceptionally(new ParleyException(context + ": "
            + GraphErrors.redact(String.valueOf(e), token), e));
      }
    }

    private void handle(GraphErrors.Outcome outcome) {
      RetryPolicy policy = engine.config().retryPolicy();
      if (outcome.retryable() && attempts < policy.maxAttempts()) {
        Duration delay = Retries.delay(policy, attempts, outcome.retryAfter());
        Duration spent = Duration.between(firstAttemptAt, engine.clock().instant());
        if (spent.plus(delay).compareTo(policy.maxTotalTime()) <= 0) {
          log.info("{}, retrying in {} ms: {}", context, delay.toMillis(), outcome.error().getMessage());
          engine.scheduler().schedule(delay, this::next);
          return;
        }
      }
      future.completeExceptionally(outcome.retryable() ? Retries.gaveUp(outcome.error(), attempts) : outcome.error());
    }



    private String id(String body) {
      try {
        JsonElement root = JsonParser.parseString(body);
        JsonElement id = root.isJsonObject() ? root.getAsJsonObject().get(idField) : null;
        if (id != null && id.isJsonPrimitive() && !id.getAsString().isBlank()) {
          return id.getAsString();
        }
      } catch (JsonParseException e) {
        // reported below
      }
      throw new PlatformUnavailableException(context + ": the Graph API answered without an " + idField + ": "
          + Limits.quote(GraphErrors.redact(body, token)));
    }

  }

  @Override
  public String toString() {
    return "GraphMediaUploader[" + engine + "]";
  }
}
