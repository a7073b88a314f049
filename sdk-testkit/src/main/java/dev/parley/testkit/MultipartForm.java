package dev.parley.testkit;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code multipart/form-data} body (RFC 7578) read into its parts, as the Graph API reads uploads:
 * each part's name, filename and content type from its headers, and its bytes. Written for the
 * sandbox alone, so that it checks Parley's multipart writer rather than sharing it. Immutable.
 */
final class MultipartForm {
  private static final Pattern BOUNDARY = Pattern.compile(";\\s*boundary=(\"([^\"]+)\"|[^;\\s]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern NAME = Pattern.compile("(?:^|;)\\s*name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
  private static final Pattern FILENAME = Pattern.compile(";\\s*filename=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] HEADERS_END = {'\r', '\n', '\r', '\n'};

  /** One part; {@code filename} and {@code contentType} are null when the part has none. */
  record Part(String name, String filename, String contentType, byte[] content) {
    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }

    boolean isFile() {
      return filename != null;
    }
  }

  private final Map<String, Part> parts;

  private MultipartForm(Map<String, Part> parts) {
    this.parts = parts;
  }

  static boolean isMultipart(IncomingRequest request) {
    String type = request.header("content-type");
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
  }

  /** Reads the form; a body that is not one is refused with Graph's invalid-parameter error. */
  static MultipartForm parse(IncomingRequest request) {
    Matcher boundary = BOUNDARY.matcher(request.header("content-type"));
    if (!boundary.find()) {
      throw malformed("the Content-Type has no boundary");
    }
    byte[] delimiter = ("--" + (boundary.group(2) != null ? boundary.group(2) : boundary.group(1)))
        .getBytes(StandardCharsets.ISO_8859_1);
    byte[] body = request.body();
    int at = indexOf(body, delimiter, 0);
    if (at < 0) {
      throw malformed("the boundary never occurs in the body");
    }
    Map<String, Part> parts = new LinkedHashMap<>();
    while (true) {
      at += delimiter.length;
      if (startsWith(body, at, new byte[] {'-', '-'})) {
        return new MultipartForm(parts);
      }
      if (!startsWith(body, at, CRLF)) {
        throw malformed("a boundary is not followed by a line break");
      }
      int headersStart = at + 2;
      int headersEnd = indexOf(body, HEADERS_END, headersStart);
      if (headersEnd < 0) {
        throw malformed("a part's headers never end");
      }
      Map<String, String> headers = headers(new String(body, headersStart, headersEnd - headersStart,
          StandardCharsets.UTF_8));
      int contentStart = headersEnd + HEADERS_END.length;
      int next = indexOf(body, concat(CRLF, delimiter), contentStart);
      if (next < 0) {
        throw malformed("the last part is not closed by the boundary");
      }
      String disposition = headers.getOrDefault("content-disposition", "");
      Matcher name = NAME.matcher(disposition);
      if (!disposition.toLowerCase(Locale.ROOT).startsWith("form-data") || !name.find()) {
        throw malformed("a part has no Content-Disposition: form-data; name=\"...\"");
      }
      Matcher filename = FILENAME.matcher(disposition);
      byte[] content = new byte[next - contentStart];
      System.arraycopy(body, contentStart, content, 0, content.length);
      parts.putIfAbsent(name.group(1), new Part(name.group(1), filename.find() ? filename.group(1) : null,
          headers.get("content-type"), content));
      at = next + CRLF.length;
    }
  }

  Part part(String name) {
    return parts.get(name);
  }

  List<String> names() {
    return new ArrayList<>(parts.keySet());
  }

  /** The text fields (parts without a filename) as a JSON object, JSON values parsed, for the Graph router. */
  JsonObject fields() {
    JsonObject fields = new JsonObject();
    parts.values().stream().filter(p -> !p.isFile()).forEach(p -> {
      JsonObject parsed = p.text().strip().startsWith("{") ? JsonText.parseObjectOrNull(p.text()) : null;
      fields.add(p.name(), parsed != null ? parsed : new JsonPrimitive(p.text()));
    });
    return fields;
  }

  private static Map<String, String> headers(String block) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : block.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
      }
    }
    return headers;
  }

  private static GraphError malformed(String why) {
    return GraphError.invalidParameter("The request body is not a valid multipart/form-data form: " + why);
  }

  private static boolean startsWith(byte[] body, int at, byte[] prefix) {
    if (at + prefix.length > body.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (body[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] body, byte[] target, int from) {
    outer:
    for (int i = Math.max(0, from); i <= body.length - target.length; i++) {
      for (int j = 0; j < target.length; j++) {
        if (body[i + j] != target[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
