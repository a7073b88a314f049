package dev.parley.testkit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The upload endpoints: Messenger's Attachment Upload API ({@code POST /me/message_attachments} or
 * {@code /{page-id}/message_attachments}, parts {@code message} and {@code filedata}; answers
 * {@code {"attachment_id"}}) and WhatsApp's {@code POST /{phone-number-id}/media} (parts
 * {@code messaging_product}, {@code file} and {@code type}; answers {@code {"id"}}). Forms are
 * checked as the platforms document (platforms.md 1.2 and 2.2): Messenger assets up to 25 MB, audio
 * with an {@code audio/*} type; WhatsApp's MIME types and sizes per media type. "MB" is read as
 * 1,000,000 bytes, the stricter reading. Refusals have the platform's error shape. Thread-safe.
 */
final class MediaUploadApi {
  static final long MB = 1_000_000L;
  static final long MESSENGER_MAX_BYTES = 25 * MB;
  private static final Fields MESSENGER = Fields.MESSENGER;
  private static final Fields WHATSAPP = Fields.WHATSAPP;
  /** Messenger's "Upload attachment failure". */
  private static final int UPLOAD_FAILURE = 2018047;

  /** WhatsApp: what a MIME type may be sent as, and its largest size (Meta: cloud-api/reference/media). */
  record WhatsAppKind(String kind, long maxBytes) {}

  static final Map<String, WhatsAppKind> WHATSAPP_TYPES = new LinkedHashMap<>();

  static {
    for (String audio : new String[] {"audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"}) {
      WHATSAPP_TYPES.put(audio, new WhatsAppKind("audio", 16 * MB));
    }
    for (String document : new String[] {"text/plain", "application/pdf", "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"}) {
      WHATSAPP_TYPES.put(document, new WhatsAppKind("document", 100 * MB));
    }
    WHATSAPP_TYPES.put("image/jpeg", new WhatsAppKind("image", 5 * MB));
    WHATSAPP_TYPES.put("image/png", new WhatsAppKind("image", 5 * MB));
    // animated stickers may have 500 KB, static ones 100 KB; the sandbox cannot tell them apart
    WHATSAPP_TYPES.put("image/webp", new WhatsAppKind("sticker", 500_000));
    WHATSAPP_TYPES.put("video/3gpp", new WhatsAppKind("video", 16 * MB));
    WHATSAPP_TYPES.put("video/mp4", new WhatsAppKind("video", 16 * MB));
  }

  private final MediaLibrary library;
  private final SandboxClock clock;

  MediaUploadApi(MediaLibrary library, SandboxClock clock) {
    this.library = library;
    this.clock = clock;
  }

  SandboxClock clock() {
    return clock;
  }

  Response messenger(GraphState.Page page, MultipartForm form) {
    MultipartForm.Part messagePart = form.part("message");
    if (messagePart == null || messagePart.isFile()) {
      throw MESSENGER.missing("message");
    }
    JsonObject message = JsonText.parseObjectOrNull(messagePart.text());
    if (message == null) {
      throw MESSENGER.invalid("message must be a JSON object such as {\"attachment\":{\"type\":\"image\","
          + "\"payload\":{\"is_reusable\":true}}}");
    }
    JsonObject attachment = MESSENGER.requireObject(message, "attachment", "message[attachment]");
    String type = MESSENGER.requireString(attachment, "type", "message[attachment][type]");
    MESSENGER.checkOneOf("message[attachment][type]", type, "image", "audio", "video", "file");
    JsonObject payload = MESSENGER.optionalObject(attachment, "payload", "message[attachment][payload]");
    payload = payload == null ? new JsonObject() : payload;
    if (payload.has("url")) {
      throw MESSENGER.invalid("message[attachment][payload][url]: the sandbox emulates uploads of a file in "
          + "filedata, not from a URL");
    }
    JsonElement reusable = payload.get("is_reusable");
    MultipartForm.Part file = form.part("filedata");
    if (file == null || !file.isFile()) {
      throw MESSENGER.missing("filedata (a file part with a filename)");
    }
    String mimeType = mimeType(file);
    if (file.content().length == 0) {
      throw uploadFailure("the file in filedata is empty");
    }
    if (file.content().length > MESSENGER_MAX_BYTES) {
      throw uploadFailure("the file in filedata is " + bytes(file.content().length) + " bytes; attachments are "
          + "limited to 25 MB (" + bytes(MESSENGER_MAX_BYTES) + " bytes)");
    }
    if (type.equals("audio") && !mimeType.startsWith("audio/")) {
      throw uploadFailure("audio needs an audio/* Content-Type such as audio/mpeg, got '" + Redaction.cut(mimeType) + "'");
    }
    UploadedFile uploaded = new UploadedFile(SentMessage.Platform.MESSENGER, page.pageId(), newId(), type, mimeType,
        file.filename(), file.content().length, reusable != null && reusable.isJsonPrimitive()
            && reusable.getAsJsonPrimitive().isBoolean() && reusable.getAsBoolean(), clock.now(), file.content());
    library.add(uploaded);
    JsonObject answer = new JsonObject();
    answer.addProperty("attachment_id", uploaded.id());
    return Response.graphJson(200, answer);
  }

  Response whatsApp(GraphState.WhatsAppNumber number, MultipartForm form) {
    MultipartForm.Part product = form.part("messaging_product");
    if (product == null) {
      throw GraphError.whatsApp(400, 100, "Invalid parameter", "The parameter messaging_product is required.");
    }
    if (!product.text().equals("whatsapp")) {
      throw WHATSAPP.invalid("messaging_product '" + Redaction.cut(product.text()) + "' must be whatsapp");
    }
    MultipartForm.Part file = form.part("file");
    if (file == null || !file.isFile()) {
      throw WHATSAPP.missing("file");
    }
    MultipartForm.Part typePart = form.part("type");
    if (typePart == null || typePart.isFile() || typePart.text().isBlank()) {
      throw WHATSAPP.missing("type");
    }
    String mimeType = mimeType(file);
    WhatsAppKind kind = WHATSAPP_TYPES.get(mimeType);
    if (kind == null) {
      throw GraphError.whatsApp(400, 100, "Invalid parameter", "Param file must be a file with one of the following "
          + "types: " + String.join(", ", WHATSAPP_TYPES.keySet()) + ". Received file of type '"
          + Redaction.cut(mimeType) + "'.");
    }
    String declared = base(typePart.text());
    if (!declared.equals(mimeType)) {
      throw WHATSAPP.invalid("type '" + Redaction.cut(typePart.text()) + "' does not match the file's Content-Type '"
          + mimeType + "'");
    }
    int size = file.content().length;
    if (size == 0 || size > kind.maxBytes()) {
      throw GraphError.whatsApp(400, 131053, "Media upload error", "The file is " + bytes(size) + " bytes; "
          + mimeType + " files (" + kind.kind() + ") may have 1 to " + bytes(kind.maxBytes()) + " bytes.");
    }
    UploadedFile uploaded = new UploadedFile(SentMessage.Platform.WHATSAPP, number.phoneNumberId(), newId(),
        kind.kind(), mimeType, file.filename(), size, true, clock.now(), file.content());
    library.add(uploaded);
    JsonObject answer = new JsonObject();
    answer.addProperty("id", uploaded.id());
    return Response.graphJson(200, answer);
  }

  /** The file part's MIME type without parameters, lowercase; a part without one is an octet stream. */
  private static String mimeType(MultipartForm.Part file) {
    return file.contentType() == null ? "application/octet-stream" : base(file.contentType());
  }

  private static String base(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }

  private static GraphError uploadFailure(String why) {
    return GraphError.graph(400, 100, UPLOAD_FAILURE, "Upload attachment failure: " + why);
  }

  static String newId() {
    return Ids.random("123456789", 1) + Ids.random("0123456789", 15);
  }

  private static String bytes(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
