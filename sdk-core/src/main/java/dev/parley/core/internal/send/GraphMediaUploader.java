package dev.parley.core.internal.send;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.parley.core.Channel;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.ParleyException;
import dev.parley.core.PlatformUnavailableException;
import java.util.concurrent.CompletableFuture;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Posts media files to the Graph API as multipart forms, on the send engine's HTTP client, with the
 * request built by its {@link GraphEndpoints} (token in the {@code Authorization} header,
 * {@code appsecret_proof} when configured), failures mapped by the send path's {@link GraphErrors}
 * tables and transient ones retried under the client's {@link dev.parley.core.RetryPolicy} on its scheduler:
 * <ul>
 *   <li>Messenger: {@code POST /{version}/me/message_attachments} with the parts {@code message}
 *       ({@code {"attachment":{"type":…,"payload":{"is_reusable":true}}}}) and {@code filedata};
 *       answers {@code {"attachment_id":…}} (Meta: messenger-platform/reference/attachment-upload-api).</li>
 *   <li>WhatsApp: {@code POST /{version}/{phone-number-id}/media} with the parts
 *       {@code messaging_product=whatsapp}, {@code file} and {@code type} (the MIME type); answers
 *       {@code {"id":…}} (reference platforms.md §2.2).</li>
 * </ul>
 * Each upload is a {@link RetriedCall}: on OkHttp's own dispatcher, not the send workers, so a long
 * upload never holds up sends. The caller checks the content first; this class only checks that the
 * account exists.
 *
 * <p>Public for wiring only. Immutable and thread-safe.
 */
public final class GraphMediaUploader {
  private final SendEngine engine;
  private final GraphEndpoints endpoints;

  public GraphMediaUploader(SendEngine engine) {
    this.engine = engine;
    this.endpoints = engine.endpoints();
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
    GraphEndpoints.Sender sender = endpoints.sender(channel, businessId);
    if (sender == null) {
      return CompletableFuture.failedFuture(new InvalidRequestException("no " + channel + " account "
          + Limits.quote(businessId) + " is configured for media uploads; add it with Parley.builder()."
          + (channel == Channel.MESSENGER ? "messengerPage" : "whatsAppNumber") + "(id, token)"));
    }
    MediaType fileType = MediaType.parse(contentType);
    if (fileType == null) {
      return CompletableFuture.failedFuture(new InvalidRequestException("media upload contentType "
          + Limits.quote(contentType) + " is not a MIME type like image/png"));
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
    String token = sender.account().token();
    return RetriedCall.start(engine, request, token, context, answer -> id(answer.body().string(), idField, context,
        token));
  }

  /** The id in an upload's answer, or a {@link PlatformUnavailableException} saying it is missing. */
  private static String id(String body, String idField, String context, String token) {
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

  @Override
  public String toString() {
    return "GraphMediaUploader[" + engine + "]";
  }
}
