package dev.parley.testkit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Sends that name an upload by id ({@code payload.attachment_id} on Messenger, {@code <type>.id} on
 * WhatsApp) must name one the sandbox issued to the same page or number, as a kind it can be sent
 * as; a Messenger attachment must have been uploaded reusable and expires 90 days after its upload
 * (Meta: messenger-platform/send-messages/saving-assets). Stateless and thread-safe.
 */
final class UploadedMediaRules {
  static final Duration MESSENGER_ATTACHMENT_LIFETIME = Duration.ofDays(90);
  private static final Set<String> WHATSAPP_MEDIA = Set.of("image", "video", "audio", "document", "sticker");

  private UploadedMediaRules() {}

  /** Checks the attachment id of a Messenger {@code message}, if it has one. */
  static void checkMessenger(MediaLibrary library, Instant now, String pageId, JsonObject message) {
    JsonObject attachment = object(message, "attachment");
    JsonObject payload = attachment == null ? null : object(attachment, "payload");
    String id = payload == null ? null : text(payload, "attachment_id");
    if (id == null) {
      return;
    }
    String type = text(attachment, "type");
    UploadedFile file = library.find(SentMessage.Platform.MESSENGER, pageId, id);
    if (file == null) {
      throw GraphError.graph(400, 100, null, "Invalid attachment_id '" + Redaction.cut(id) + "': no attachment with "
          + "this id was uploaded by page " + pageId);
    }
    if (!file.reusable()) {
      throw GraphError.graph(400, 100, null, "attachment_id " + id + " was not uploaded with is_reusable true, so it "
          + "cannot be sent again");
    }
    if (now.isAfter(file.uploadedAt().plus(MESSENGER_ATTACHMENT_LIFETIME))) {
      throw GraphError.graph(400, 100, null, "attachment_id " + id + " has expired: attachment ids expire 90 days "
          + "after their upload (" + file.uploadedAt() + "); upload the file again");
    }
    if (!file.kind().equals(type)) {
      throw GraphError.graph(400, 100, null, "attachment_id " + id + " was uploaded as " + file.kind() + ", not "
          + Redaction.cut(type));
    }
  }

  /** Checks the media id of a WhatsApp message of {@code type}, if it has one. */
  static void checkWhatsApp(MediaLibrary library, String phoneNumberId, String type, JsonObject body) {
    if (!WHATSAPP_MEDIA.contains(type)) {
      return;
    }
    JsonObject media = object(body, type);
    String id = media == null ? null : text(media, "id");
    if (id == null) {
      return;
    }
    UploadedFile file = library.find(SentMessage.Platform.WHATSAPP, phoneNumberId, id);
    if (file == null) {
      throw GraphError.whatsApp(400, 100, "Invalid parameter", "Param " + type + "['id'] is not a valid whatsapp "
          + "business account media attachment ID: '" + Redaction.cut(id) + "' was not uploaded to phone number "
          + phoneNumberId);
    }
    if (!file.kind().equals(type)) {
      throw GraphError.whatsApp(400, 100, "Invalid parameter", "Param " + type + "['id'] names a " + file.mimeType()
          + " file, which is sent as " + file.kind() + ", not " + type);
    }
  }

  private static JsonObject object(JsonObject parent, String name) {
    JsonElement value = parent.get(name);
    return value != null && value.isJsonObject() ? value.getAsJsonObject() : null;
  }

  private static String text(JsonObject parent, String name) {
    JsonElement value = parent.get(name);
    return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
  }
}
