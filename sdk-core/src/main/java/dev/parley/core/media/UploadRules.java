package dev.parley.core.media;

import dev.parley.core.Channel;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.internal.send.Limits;
import dev.parley.core.message.MediaType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What each platform accepts in an upload, checked before any request so that a wrong file fails at
 * once with the field, the value and the limit rather than with a platform error after the bytes went
 * out. Sizes are read as decimal megabytes (1 MB = 1,000,000 bytes), the stricter reading of the
 * platforms' "MB". Stateless and thread-safe.
 *
 * <ul>
 *   <li>Messenger: any asset up to 25 MB; audio needs an {@code audio/*} content type (Meta:
 *       messenger-platform/send-messages/saving-assets; reference platforms.md §1.2).</li>
 *   <li>WhatsApp: image JPEG or PNG up to 5 MB; video MP4 or 3GPP up to 16 MB; audio AAC, AMR, MP3,
 *       M4A or OGG (Opus) up to 16 MB; documents (PDF, plain text, Word, Excel, PowerPoint) up to
 *       100 MB (Meta: whatsapp/cloud-api/reference/media, supported media types; reference
 *       platforms.md §2.2).</li>
 * </ul>
 */
final class UploadRules {
  static final long MB = 1_000_000L;
  static final long MESSENGER_MAX_BYTES = 25 * MB;
  /** The longest filename, as for {@link dev.parley.core.message.Media#filename()}. */
  static final int MAX_FILENAME = 240;
  private static final Pattern MIME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*"
      + "(\\s*;\\s*[A-Za-z0-9!#$&^_.+-]+=(\"[^\"\\p{Cntrl}]*\"|[A-Za-z0-9!#$&^_.+-]+))*");

  private record WhatsAppRule(long maxBytes, List<String> mimeTypes) {}

  private static final Map<MediaType, WhatsAppRule> WHATSAPP = Map.of(
      MediaType.IMAGE, new WhatsAppRule(5 * MB, List.of("image/jpeg", "image/png")),
      MediaType.VIDEO, new WhatsAppRule(16 * MB, List.of("video/mp4", "video/3gpp")),
      MediaType.AUDIO, new WhatsAppRule(16 * MB, List.of("audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg")),
      MediaType.FILE, new WhatsAppRule(100 * MB, List.of("application/pdf", "text/plain", "application/msword",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.ms-excel",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-powerpoint",
          "application/vnd.openxmlformats-officedocument.presentationml.presentation")));

  private UploadRules() {}

  /** The largest upload of {@code type} on {@code channel}, in bytes. */
  static long maxBytes(Channel channel, MediaType type) {
    return channel == Channel.MESSENGER ? MESSENGER_MAX_BYTES : WHATSAPP.get(type).maxBytes();
  }

  /** Checks the size (in bytes), the content type and the filename of an upload of {@code type} on {@code channel}. */
  static void check(Channel channel, MediaType type, long size, String contentType, String filename) {
    String who = channel == Channel.MESSENGER ? "Messenger" : "WhatsApp";
    long max = maxBytes(channel, type);
    if (size <= 0) {
      throw new InvalidRequestException("media upload content is empty (0 bytes); " + who + " needs 1 byte to "
          + megabytes(max) + " for " + noun(type));
    }
    if (size > max) {
      throw new InvalidRequestException("media upload content is " + bytes(size) + " bytes; " + who + " allows "
          + megabytes(max) + " for " + noun(type));
    }
    checkContentType(channel, type, contentType, who);
    checkFilename(filename);
  }

  /** The MIME type without parameters, lowercase: {@code audio/ogg; codecs=opus} is {@code audio/ogg}. */
  static String baseType(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }

  private static void checkContentType(Channel channel, MediaType type, String contentType, String who) {
    if (contentType == null || !MIME.matcher(contentType.strip()).matches()) {
      throw new InvalidRequestException("media upload contentType " + Limits.quote(contentType)
          + " is not a MIME type like image/png");
    }
    String base = baseType(contentType);
    if (channel == Channel.MESSENGER) {
      if (type == MediaType.AUDIO && !base.startsWith("audio/")) {
        throw new InvalidRequestException("media upload contentType " + Limits.quote(contentType)
            + " is not accepted for audio on Messenger; it needs an audio/* type such as audio/mpeg");
      }
      return;
    }
    List<String> allowed = WHATSAPP.get(type).mimeTypes();
    if (!allowed.contains(base)) {
      throw new InvalidRequestException("media upload contentType " + Limits.quote(contentType)
          + " is not accepted for " + noun(type) + " on WhatsApp; it allows " + String.join(", ", allowed));
    }
  }

  private static void checkFilename(String filename) {
    Limits.requireText("media upload filename", filename, MAX_FILENAME, "Messenger and WhatsApp");
    if (filename.chars().anyMatch(c -> Character.isISOControl(c)) || filename.contains("/") || filename.contains("\\")) {
      throw new InvalidRequestException("media upload filename " + Limits.quote(filename)
          + " must be a bare file name, without control characters or path separators");
    }
  }

  private static String noun(MediaType type) {
    return switch (type) {
      case IMAGE -> "an image";
      case VIDEO -> "a video";
      case AUDIO -> "audio";
      case FILE -> "a file";
    };
  }

  private static String megabytes(long max) {
    return max / MB + " MB (" + bytes(max) + " bytes)";
  }

  private static String bytes(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
