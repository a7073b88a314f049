package dev.parley.core.internal.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The raw JSON of events is written by {@link Json#toJson}: it must be the text Gson writes. */
class JsonTest {

  private static final List<String> FIXTURES = List.of("messenger-attachment", "messenger-bad-item", "messenger-batch",
      "messenger-delivery", "messenger-handover", "messenger-postback", "messenger-quick-reply", "messenger-read",
      "messenger-standby", "messenger-text", "whatsapp-errors", "whatsapp-interactive", "whatsapp-media",
      "whatsapp-non-ascii", "whatsapp-order-reaction", "whatsapp-statuses", "whatsapp-text");

  @Test
  void everyGoldenPayloadIsWrittenAsGsonWritesIt() {
    for (String name : FIXTURES) {
      JsonElement payload = JsonParser.parseString(fixture(name));
      assertEquals(payload.toString(), Json.toJson(payload), name);
    }
  }

  @Test
  void escapesNullsNumbersAndNestingAreWrittenAsGsonWritesThem() {
    JsonElement tricky = JsonParser.parseString("{\"a\\\"b\":[1,-2.50,3e10,1E-7,true,false,null,{},[]],"
        + "\"ctl\":\"\\u0000\\u0001\\u001f\\t\\b\\n\\r\\f\\\\\\\"/\",\"html\":\"<a href='x'>&=</a>\","
        + "\"seps\":\"\\u2028\\u2029\",\"text\":\"Tsch\\u00fcss \\ud83d\\ude00\",\"\":\"\"}");
    JsonObject withNull = new JsonObject();
    withNull.add("missing", JsonNull.INSTANCE);
    withNull.add("empty", new JsonArray());

    assertEquals(tricky.toString(), Json.toJson(tricky));
    assertEquals(withNull.toString(), Json.toJson(withNull));
    assertEquals("null", Json.toJson(JsonNull.INSTANCE));
  }

  @Property(tries = 2_000)
  void anyTextIsWrittenAsGsonWritesIt(@ForAll String name, @ForAll String value) {
    JsonObject object = new JsonObject();
    object.addProperty(name, value);
    JsonArray array = new JsonArray();
    array.add(value);
    object.add("list", array);

    assertEquals(object.toString(), Json.toJson(object));
  }

  private static String fixture(String name) {
    try (InputStream in = JsonTest.class.getResourceAsStream("/fixtures/webhook/" + name + ".json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
