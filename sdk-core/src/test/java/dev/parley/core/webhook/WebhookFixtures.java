package dev.parley.core.webhook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Loads the golden webhook fixtures and describes parsed events as JSON trees to compare with them. */
final class WebhookFixtures {

  static final String APP_SECRET = "test-app-secret-3f9a";
  static final String VERIFY_TOKEN = "verify-me-please";

  private WebhookFixtures() {}

  /** The exact bytes of {@code fixtures/webhook/<name>}. */
  static byte[] bytes(String name) {
    String path = "/fixtures/webhook/" + name;
    try (InputStream in = WebhookFixtures.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  static JsonElement json(String name) {
    return JsonParser.parseString(text(name));
  }

  /** The fixture as a tree, changed by {@code edit}, written back to text: one field changed, the rest golden. */
  static String edited(String name, java.util.function.Consumer<JsonObject> edit) {
    JsonObject root = json(name).getAsJsonObject();
    edit.accept(root);
    return root.toString();
  }

  /** {@code entry[0].messaging[0]} (Messenger) of a payload tree. */
  static JsonObject firstMessagingItem(JsonObject root) {
    return root.getAsJsonArray("entry").get(0).getAsJsonObject().getAsJsonArray("messaging").get(0).getAsJsonObject();
  }

  /** {@code entry[0].changes[0].value} (WhatsApp) of a payload tree. */
  static JsonObject firstValue(JsonObject root) {
    return root.getAsJsonArray("entry").get(0).getAsJsonObject().getAsJsonArray("changes").get(0).getAsJsonObject()
        .getAsJsonObject("value");
  }

  /**
   * An event as a JSON tree: its type, customer key, time, dedup key, standby flag and profile name
   * when set, and every other record component; null components and {@code rawJson} are left out.
   */
  static JsonArray describe(List<InboundEvent> events) {
    JsonArray array = new JsonArray();
    events.forEach(e -> array.add(describe(e)));
    return array;
  }

  static JsonObject describe(InboundEvent event) {
    JsonObject out = new JsonObject();
    out.addProperty("type", event.getClass().getSimpleName());
    out.addProperty("from", event.from().key());
    out.addProperty("occurredAt", event.occurredAt().toString());
    out.addProperty("dedupKey", event.dedupKey());
    if (event.standby()) {
      out.addProperty("standby", true);
    }
    if (event.customerName() != null) {
      out.addProperty("customerName", event.customerName());
    }
    addComponents((Record) event, out);
    return out;
  }

  private static void addComponents(Record record, JsonObject out) {
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      if (component.getName().equals("envelope") || component.getName().equals("rawJson")) {
        continue;
      }
      Object value;
      try {
        value = component.getAccessor().invoke(record);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      JsonElement element = toJson(value);
      if (!element.isJsonNull()) {
        out.add(component.getName(), element);
      }
    }
  }

  private static JsonElement toJson(Object value) {
    if (value == null) {
      return JsonNull.INSTANCE;
    }
    if (value instanceof String || value instanceof Instant || value instanceof Enum<?>) {
      return new JsonPrimitive(value instanceof Enum<?> e ? e.name() : value.toString());
    }
    if (value instanceof BigDecimal decimal) {
      return new JsonPrimitive(decimal.toPlainString());
    }
    if (value instanceof Number number) {
      return new JsonPrimitive(number);
    }
    if (value instanceof Boolean bool) {
      return new JsonPrimitive(bool);
    }
    if (value instanceof List<?> list) {
      JsonArray array = new JsonArray();
      list.forEach(item -> array.add(toJson(item)));
      return array;
    }
    if (value instanceof Record record) {
      JsonObject object = new JsonObject();
      addComponents(record, object);
      return object;
    }
    throw new IllegalArgumentException("cannot describe " + value.getClass());
  }
}
