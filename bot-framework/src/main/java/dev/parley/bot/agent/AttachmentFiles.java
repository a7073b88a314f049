package dev.parley.bot.agent;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a fetched attachment is handed to a browser: a MIME type that is safe in a header, a file name
 * safe on any disk and in a {@code Content-Disposition}, and which types may show inline. Stateless,
 * thread-safe.
 */
final class AttachmentFiles {
  /** The longest file name given to the browser, extension included. */
  static final int MAX_NAME = 120;
  private static final String OCTET_STREAM = "application/octet-stream";
  private static final Pattern MIME = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");
  private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://\\S+");
  /**
   * Raster images a browser shows inline. Not SVG: opened as a document of the inbox's origin it
   * could run a customer's script.
   */
  private static final Set<String> INLINE = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");
  private static final Map<String, String> EXTENSIONS = Map.ofEntries(
      Map.entry("image/jpeg", ".jpg"), Map.entry("image/png", ".png"), Map.entry("image/gif", ".gif"),
      Map.entry("image/webp", ".webp"), Map.entry("application/pdf", ".pdf"), Map.entry("audio/ogg", ".ogg"),
      Map.entry("audio/mpeg", ".mp3"), Map.entry("audio/mp4", ".m4a"), Map.entry("audio/aac", ".aac"),
      Map.entry("audio/amr", ".amr"), Map.entry("video/mp4", ".mp4"), Map.entry("video/3gpp", ".3gp"),
      Map.entry("text/plain", ".txt"));

  private AttachmentFiles() {}

  /**
   * The type without parameters ({@code audio/ogg; codecs=opus} keeps them), lowercased; {@code
   * application/octet-stream} for null or anything that is not a plain {@code type/subtype}, so a
   * platform's value can never add a header.
   */
  static String mimeType(String given) {
    if (given == null) {
      return OCTET_STREAM;
    }
    String value = given.strip().toLowerCase(Locale.ROOT);
    int semicolon = value.indexOf(';');
    String essence = semicolon < 0 ? value : value.substring(0, semicolon).strip();
    if (!MIME.matcher(essence).matches()) {
      return OCTET_STREAM;
    }
    String parameters = semicolon < 0 ? "" : value.substring(semicolon);
    return parameters.matches(";[ a-z0-9=;._+-]{0,100}") ? essence + parameters : essence;
  }

  /** True for images a browser may show in place; everything else is saved. */
  static boolean inline(String mimeType) {
    int semicolon = mimeType.indexOf(';');
    return INLINE.contains(semicolon < 0 ? mimeType : mimeType.substring(0, semicolon));
  }

  /**
   * The customer's file name without path, control or quote characters, at most {@link #MAX_NAME}
   * characters; without one, {@code <type>-<mediaId><extension of the type>}.
   */
  static String fileName(String given, String type, String mediaId, String mimeType) {
    String name = given == null ? "" : given;
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    name = name.replaceAll("[\\p{Cntrl}\"\\\\<>:|?*\\u2028\\u2029]", "_").strip();
    while (name.startsWith(".")) {
      name = name.substring(1);
    }
    if (name.isBlank()) {
      int semicolon = mimeType.indexOf(';');
      String essence = semicolon < 0 ? mimeType : mimeType.substring(0, semicolon);
      name = type.replaceAll("[^A-Za-z0-9_-]", "") + "-" + mediaId + EXTENSIONS.getOrDefault(essence, "");
    }
    if (name.length() > MAX_NAME) {
      int dot = name.lastIndexOf('.');
      String extension = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
      name = name.substring(0, MAX_NAME - extension.length()) + extension;
    }
    return name;
  }

  /**
   * {@code inline} or {@code attachment}, with the name twice (RFC 6266): an ASCII fallback in
   * quotes, and the exact name %-encoded in UTF-8.
   */
  static String contentDisposition(AttachmentFile file) {
    String ascii = file.fileName().replaceAll("[^\\x20-\\x7E]", "_").replace("\"", "_").replace("\\", "_");
    String encoded = URLEncoder.encode(file.fileName(), StandardCharsets.UTF_8).replace("+", "%20");
    return (inline(file.mimeType()) ? "inline" : "attachment") + "; filename=\"" + ascii + "\"; filename*=UTF-8''"
        + encoded;
  }

  /**
   * A platform failure's message with any URL cut out: a download URL is a signed capability. The
   * client's messages never hold a token; the URL is dropped all the same, whatever wrote it.
   */
  static String withoutUrls(String message) {
    return message == null ? "no reason given" : URL.matcher(message).replaceAll("[url]");
  }
}
