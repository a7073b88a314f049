package dev.parley.testkit;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * WhatsApp media by id, as the Cloud API serves it (Meta: cloud-api/reference/media): {@code GET
 * /{media-id}} answers {@code {messaging_product, url, mime_type, sha256, file_size, id}} with
 * {@code file_size} a string of digits; the URL is valid for five minutes of the sandbox clock and
 * answers the bytes to a request with the owning number's bearer token; {@code DELETE /{media-id}}
 * answers {@code {"success":true}}. An optional {@code phone_number_id} must name the number that
 * holds the file. The URL is on the sandbox's own address, with the path of Meta's download host, and
 * signed so that it cannot be forged or extended. Thread-safe.
 */
final class MediaDownloadApi {
  /** The path of download URLs. */
  static final String PATH = "/whatsapp_business/attachments/";
  static final Duration URL_LIFETIME = Duration.ofMinutes(5);

  private final GraphState state;
  private final MediaLibrary library;
  private final SandboxClock clock;
  private final String signingKey;

  MediaDownloadApi(GraphState state, SandboxClock clock) {
    this.state = state;
    this.library = state.media();
    this.clock = clock;
    this.signingKey = Ids.random("0123456789abcdef", 32);
  }

  /** The file {@code id} holds for a call with {@code token}, or the Graph error a wrong id, number or token gets. */
  UploadedFile owned(String id, String token, String phoneNumberId, boolean bearer) {
    UploadedFile file = library.findWhatsApp(id);
    if (file == null) {
      return null;
    }
    GraphState.WhatsAppNumber number = state.number(file.businessId());
    if (number == null || !number.ownsToken(token)) {
      throw GraphError.graph(bearer ? 401 : 400, 190, null, "The access token does not belong to the number that "
          + "holds media " + Redaction.cut(id));
    }
    if (phoneNumberId != null && !phoneNumberId.equals(file.businessId())) {
      throw GraphError.whatsAppInvalid("media " + Redaction.cut(id) + " does not belong to phone_number_id "
          + Redaction.cut(phoneNumberId));
    }
    return file;
  }

  /** {@code GET /{media-id}}: where to download it, for five minutes, from the address the caller used ({@code origin}). */
  Response lookup(UploadedFile file, String origin) {
    long expires = clock.now().plus(URL_LIFETIME).getEpochSecond();
    JsonObject answer = new JsonObject();
    answer.addProperty("messaging_product", "whatsapp");
    answer.addProperty("url", origin + PATH + "?mid=" + file.id() + "&ext=" + expires + "&hash="
        + signature(file.id(), expires));
    answer.addProperty("mime_type", file.mimeType());
    answer.addProperty("sha256", sha256Hex(file.content()));
    answer.addProperty("file_size", String.valueOf(file.size()));
    answer.addProperty("id", file.id());
    return Response.graphJson(200, answer);
  }

  /** {@code DELETE /{media-id}}. */
  Response delete(UploadedFile file) {
    library.remove(file);
    JsonObject answer = new JsonObject();
    answer.addProperty("success", true);
    return Response.graphJson(200, answer);
  }

  /**
   * {@code GET} of a download URL: the bytes, to the owning number's bearer token, while the URL is
   * valid; 404 for a forged, expired or deleted file's URL, 401 without the right token.
   */
  Response download(IncomingRequest request) {
    Map<String, List<String>> query = request.query();
    String id = FormDecoder.first(query, "mid");
    String ext = FormDecoder.first(query, "ext");
    String hash = FormDecoder.first(query, "hash");
    long expires;
    try {
      expires = Long.parseLong(String.valueOf(ext));
    } catch (NumberFormatException e) {
      return notFound();
    }
    if (id == null || hash == null || !MessageDigest.isEqual(signature(id, expires).getBytes(StandardCharsets.US_ASCII),
        hash.getBytes(StandardCharsets.US_ASCII)) || clock.now().getEpochSecond() > expires) {
      return notFound();
    }
    UploadedFile file = library.findWhatsApp(id);
    if (file == null) {
      return notFound();
    }
    GraphState.WhatsAppNumber number = state.number(file.businessId());
    if (number == null || !number.ownsToken(request.bearerToken())) {
      return new Response(401, Map.of("Content-Type", "text/plain"),
          "the download URL needs the number's access token as a bearer token".getBytes(StandardCharsets.UTF_8));
    }
    return new Response(200, Map.of("Content-Type", file.mimeType()), file.content());
  }

  private static Response notFound() {
    return new Response(404, Map.of("Content-Type", "text/plain"),
        "no such media: the URL is unknown, expired (URLs last five minutes) or the media was deleted"
            .getBytes(StandardCharsets.UTF_8));
  }

  private String signature(String id, long expires) {
    return Hmac.sha256Hex(signingKey, (id + ":" + expires).getBytes(StandardCharsets.UTF_8)).substring(0, 24);
  }

  /** The lowercase hex SHA-256 of {@code content}, as the Cloud API gives a media file's. */
  static String sha256Hex(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
