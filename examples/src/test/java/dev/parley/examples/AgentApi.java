package dev.parley.examples;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.parley.examples.demo.Demo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** Reads the agent API of a running demo in tests, with the demo agent's token. */
final class AgentApi {
  private static final HttpClient http = HttpClient.newHttpClient();

  private AgentApi() {}

  static JsonObject get(Demo demo, String path) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(demo.serverUri() + "/inbox/api/" + path))
          .header("Authorization", "Bearer " + demo.agentToken()).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError("GET /inbox/api/" + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return JsonParser.parseString(response.body()).getAsJsonObject();
    } catch (IOException | InterruptedException e) {
      throw new AssertionError("GET /inbox/api/" + path + " failed", e);
    }
  }

  /** The actions agents took on a conversation, newest first ({@code claim}, {@code reply}, ...). */
  static List<String> actions(Demo demo, String conversationId) {
    List<String> out = new ArrayList<>();
    get(demo, "actions?target=" + conversationId + "&limit=100").getAsJsonArray("actions")
        .forEach(a -> out.add(a.getAsJsonObject().get("action").getAsString()));
    return out;
  }
}
