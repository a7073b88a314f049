package dev.parley.payments;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import java.util.function.Consumer;

/** Stripe-shaped JSON from src/test/resources/fixtures/stripe, and Stripe's form-encoded requests. */
final class Fixtures {
  private Fixtures() {}

  static String text(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/stripe/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonObject json(String name) {
    return JsonParser.parseString(text(name)).getAsJsonObject();
  }

  /** An event fixture with a new id and its {@code data.object} edited. */
  static String event(String name, String eventId, Consumer<JsonObject> editObject) {
    JsonObject event = json(name);
    event.addProperty("id", eventId);
    editObject.accept(event.getAsJsonObject("data").getAsJsonObject("object"));
    return event.toString();
  }

  static String event(String name, String eventId) {
    return event(name, eventId, o -> {});
  }

  /** Parses an {@code application/x-www-form-urlencoded} body into its keys, in order. */
  static Map<String, List<String>> form(String body) {
    Map<String, List<String>> form = new LinkedHashMap<>();
    if (body.isEmpty()) {
      return form;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      form.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return form;
  }

  static String one(Map<String, List<String>> form, String key) {
    List<String> values = form.get(key);
    return values == null ? null : values.get(0);
  }

  static JsonElement parse(String json) {
    return JsonParser.parseString(json);
  }
}
