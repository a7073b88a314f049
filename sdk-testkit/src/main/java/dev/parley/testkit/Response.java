package dev.parley.testkit;

import com.google.gson.JsonElement;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the sandbox answers to one request. Immutable apart from {@link #withHeader}, which copies. */
record Response(int status, Map<String, String> headers, byte[] body) {

  static Response graphJson(int status, JsonElement json) {
    return new Response(status, Map.of("Content-Type", "application/json; charset=UTF-8"), JsonText.compact(json));
  }

  static Response stripeJson(int status, JsonElement json) {
    return new Response(status, Map.of("Content-Type", "application/json"), JsonText.pretty(json));
  }

  static Response html(int status, String html) {
    return new Response(status, Map.of("Content-Type", "text/html; charset=UTF-8"), html.getBytes(StandardCharsets.UTF_8));
  }

  static Response redirect(String location) {
    return new Response(303, Map.of("Location", location), new byte[0]);
  }

  Response withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Response(status, copy, body);
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
