package dev.parley.core.send;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Golden JSON files under {@code fixtures/send/}, compared with what was sent as JSON trees. */
public final class JsonFixtures {
  private JsonFixtures() {}

  public static JsonElement load(String path) {
    try (InputStream in = JsonFixtures.class.getResourceAsStream("/fixtures/send/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture fixtures/send/" + path);
      }
      return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that the request bodies equal the fixture: an object for one request, an array for several. */
  public static void assertMatches(String path, List<String> bodies) {
    JsonElement expected = load(path);
    JsonElement actual;
    if (expected.isJsonArray()) {
      JsonArray array = new JsonArray();
      bodies.forEach(body -> array.add(JsonParser.parseString(body)));
      actual = array;
    } else {
      assertEquals(1, bodies.size(), "requests sent for " + path);
      actual = JsonParser.parseString(bodies.get(0));
    }
    assertEquals(expected, actual,
        () -> "request body vs fixture " + path + "\nexpected: " + pretty(expected) + "\nactual:   " + pretty(actual));
  }

  private static String pretty(JsonElement json) {
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json);
  }
}
