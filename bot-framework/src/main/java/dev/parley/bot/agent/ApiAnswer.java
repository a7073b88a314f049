package dev.parley.bot.agent;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.parley.bot.agent.internal.AgentJson;
import java.util.List;
import java.util.function.Function;

/**
 * An answer of the agent API to write: status, JSON body (none for 204) and a {@code Set-Cookie}
 * value or null, or instead of JSON a customer's attachment (whose temporary file the writer closes
 * once sent); with the envelopes every answer uses
 * ({@code {"task": {...}}}, {@code {"tasks": [...]}}).
 */
record ApiAnswer(int status, JsonObject body, String cookie, AttachmentFile file) {

  ApiAnswer(int status, JsonObject body, String cookie) {
    this(status, body, cookie, null);
  }

  static ApiAnswer file(AttachmentFile file) {
    return new ApiAnswer(200, null, null, file);
  }

  static ApiAnswer ok(JsonObject body) {
    return new ApiAnswer(200, body, null);
  }

  static ApiAnswer created(JsonObject body) {
    return new ApiAnswer(201, body, null);
  }

  /** {@code {"<name>": [items as JSON]}}. */
  static <T> JsonObject list(String name, List<T> items, Function<T, ? extends JsonElement> mapper) {
    return wrap(name, AgentJson.array(items, mapper));
  }

  /** {@code {"<name>": element}}. */
  static JsonObject wrap(String name, JsonElement element) {
    JsonObject json = new JsonObject();
    json.add(name, element);
    return json;
  }
}
