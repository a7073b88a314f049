package dev.parley.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One HTTP request as the sandbox received it; header names are lowercase. Immutable. */
record IncomingRequest(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {

  String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  Map<String, List<String>> query() {
    return FormDecoder.pairs(rawQuery);
  }

  boolean isForm() {
    String type = header("content-type");
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }

  /** The bearer token of the {@code Authorization} header, or null. */
  String bearerToken() {
    String value = header("authorization");
    if (value == null || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return value.substring(7).trim();
  }
}
