package dev.parley.core.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;

/** Reads a recorded {@code multipart/form-data} request back into its parts, as the platform would. */
final class UploadForms {
  private static final Pattern NAME = Pattern.compile("(?:^|;)\\s*name=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile(";\\s*filename=\"([^\"]*)\"");

  /** One part: its form name, filename and content type (null when absent) and bytes. */
  record Part(String name, String filename, String contentType, byte[] bytes) {
    String text() {
      return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private UploadForms() {}

  /** The parts of {@code request} by name, in order; fails when it is not a multipart form. */
  static Map<String, Part> parts(RecordedRequest request) throws IOException {
    MediaType type = MediaType.get(request.getHeaders().get("Content-Type"));
    assertEquals("multipart/form-data", type.type() + "/" + type.subtype(), "request content type");
    Map<String, Part> parts = new LinkedHashMap<>();
    try (MultipartReader reader = new MultipartReader(new Buffer().write(request.getBody()), type.parameter("boundary"))) {
      MultipartReader.Part part;
      while ((part = reader.nextPart()) != null) {
        String disposition = part.headers().get("Content-Disposition");
        Matcher name = NAME.matcher(disposition);
        if (!name.find()) {
          throw new AssertionError("part without a name: " + disposition);
        }
        Matcher filename = FILENAME.matcher(disposition);
        parts.put(name.group(1), new Part(name.group(1), filename.find() ? filename.group(1) : null,
            part.headers().get("Content-Type"), part.body().readByteArray()));
      }
    }
    return parts;
  }
}
