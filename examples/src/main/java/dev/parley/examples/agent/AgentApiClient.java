package dev.parley.examples.agent;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A small client of the agent API as documented in {@code bot-framework/INBOX_API.md}: bearer token,
 * JSON bodies, errors as {@code {"error": {"status", "code", "message"}}}. Only what the scripted
 * session uses. The token never appears in {@link #toString()} or an exception. Thread-safe.
 */
final class AgentApiClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final URI server;
  private final String token;

  AgentApiClient(URI server, String token) {
    this.server = Objects.requireNonNull(server, "server");
    this.token = Objects.requireNonNull(token, "token");
  }

  JsonObject get(String path) {
    return call("GET", path, null);
  }

  JsonObject post(String path, JsonObject body) {
    return call("POST", path, body == null ? new JsonObject() : body);
  }

  /** The array {@code field} of the answer to {@code GET path}, as objects. */
  List<JsonObject> list(String path, String field) {
    List<JsonObject> out = new ArrayList<>();
    JsonArray array = get(path).getAsJsonArray(field);
    array.forEach(element -> out.add(element.getAsJsonObject()));
    return out;
  }

  /** A conversation id ({@code messenger:page:psid}) as a path segment. */
  static String segment(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("%3A", ":");
  }

  private JsonObject call(String method, String path, JsonObject body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve("/inbox/api/" + path))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(method + " /inbox/api/" + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + method + " /inbox/api/" + path, e);
    }
    String what = method + " /inbox/api/" + path;
    // The status first: a proxy's or server's error page is not JSON, and its status is the news.
    if (response.statusCode() >= 300) {
      throw new AgentApiException(response.statusCode(), what + " answered " + response.statusCode() + ": "
          + errorMessage(response.body()));
    }
    try {
      JsonElement answer = response.body().isBlank() ? new JsonObject() : JsonParser.parseString(response.body());
      return answer.getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw new AgentApiException(response.statusCode(), what + " answered " + response.statusCode()
          + " with a body that is not a JSON object: " + abbreviate(response.body()));
    }
  }

  /** The API's {@code error.message}, or the start of whatever else the body is. */
  private static String errorMessage(String body) {
    try {
      JsonObject error = JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("error");
      if (error != null && error.has("message") && error.get("message").isJsonPrimitive()) {
        return error.get("message").getAsString();
      }
    } catch (JsonParseException | IllegalStateException | ClassCastException e) {
      // not the API's error JSON: shown as it is, below
    }
    return body.isBlank() ? "(no body)" : abbreviate(body);
  }

  private static String abbreviate(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= 200 ? line : line.substring(0, 199) + "…";
  }

  @Override
  public String toString() {
    return "AgentApiClient{" + server + ", token redacted}";
  }
}
