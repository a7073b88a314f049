package dev.parley.core.webhook;

import java.util.Objects;

/**
 * A file, sticker, location or shared item in a received message. Messenger gives a {@code url};
 * WhatsApp gives a {@code mediaId} to download through the Cloud API. Fields the platform did not
 * send are null; {@code rawJson} keeps everything (coordinates of a location, a shared contact card).
 *
 * <p>Immutable and thread-safe.
 *
 * @param type the platform's type: {@code image}, {@code audio}, {@code video}, {@code file},
 *     {@code document}, {@code sticker}, {@code location}, {@code contacts}, {@code fallback}, ...
 * @param url where to fetch it (Messenger), or null
 * @param mediaId the WhatsApp media id, or null
 * @param mimeType the MIME type (WhatsApp), or null
 * @param caption the caption typed with it (WhatsApp), or null
 * @param fileName the document's file name (WhatsApp), or null
 * @param rawJson the attachment's JSON as received
 */
public record Attachment(
    String type, String url, String mediaId, String mimeType, String caption, String fileName, String rawJson) {

  public Attachment {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(rawJson, "rawJson");
  }
}
