package dev.parley.core.internal.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.parley.core.property.JsonMutator;
import dev.parley.core.property.TestResources;
import dev.parley.core.webhook.InboundEvent;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The streaming Messenger parser against the tree parser it replaced ({@link TreeMessengerReference}),
 * on the golden payloads mutated (fields removed, retyped, duplicated, hostile values, deep nesting,
 * broken text) and then written as other senders might (whitespace, escapes, reordered and duplicate
 * members): the same bodies are refused, and the others give the same events, raw JSON compared as
 * JSON trees. Every event's raw JSON parses back to an equal event, raw JSON included.
 */
class MessengerParserDifferentialTest {

  static {
    System.setProperty("org.slf4j.simpleLogger.log.dev.parley.core.internal.webhook", "error");
  }

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);
  private static final List<String> PAYLOADS = List.of("messenger-attachment", "messenger-bad-item", "messenger-batch",
      "messenger-delivery", "messenger-handover", "messenger-postback", "messenger-quick-reply", "messenger-read",
      "messenger-standby", "messenger-text").stream()
      .map(name -> TestResources.text("/fixtures/webhook/" + name + ".json")).toList();

  private final PayloadParser parser = new PayloadParser(CLOCK);
  private final TreeMessengerReference reference = new TreeMessengerReference(CLOCK);

  @Property(tries = 4_000)
  void mutantsAndTheirRewritingsReadAsTheTreeParserReadThem(
      @ForAll("payloads") int payload, @ForAll @IntRange(min = 0, max = 6) int mutations, @ForAll long seed) {
    String mutant = new String(JsonMutator.mutate(PAYLOADS.get(payload), mutations, seed), StandardCharsets.UTF_8);
    boolean events = assertSameReading(mutant);

    JsonElement tree;
    try {
      tree = JsonParser.parseString(mutant);
    } catch (RuntimeException brokenText) {
      return;
    }
    String variant = new JsonVariants(seed).write(tree);
    events |= assertSameReading(variant);
    assertSameReading(broken(variant, new Random(seed)));
    Statistics.label("gives events").collect(events);
    Statistics.label("gives events").coverage(coverage -> coverage.check(true).percentage(p -> p >= 30));
  }

  @Property(tries = 500)
  void whitespaceEscapesAndOverwrittenDuplicatesChangeNoEvent(@ForAll("payloads") int payload, @ForAll long seed) {
    String variant = new JsonVariants(seed, true).write(JsonParser.parseString(PAYLOADS.get(payload)));

    assertTrue(assertSameReading(variant), variant);
    assertEquals(describe(parser.parse(PAYLOADS.get(payload))), describe(parser.parse(variant)), variant);
  }

  @Property(tries = 300)
  void nestingAsDeepAsGsonAllowsAndNoDeeper(@ForAll @IntRange(min = 250, max = 260) int depth, @ForAll boolean arrays) {
    String open = arrays ? "[" : "{\"a\":";
    String close = arrays ? "]" : "}";
    String deep = open.repeat(depth - 4) + "1" + close.repeat(depth - 4);
    String body = "{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"messaging\":[{\"sender\":{\"id\":\"2\"},\"timestamp\":1,"
        + "\"x\":" + deep + "}]}]}";

    assertSameReading(body);
  }

  @Provide
  Arbitrary<Integer> payloads() {
    return Arbitraries.integers().between(0, PAYLOADS.size() - 1);
  }

  /** Asserts both parsers refuse the text or give the same events; true if there were events. */
  private boolean assertSameReading(String text) {
    List<InboundEvent> expected;
    try {
      expected = reference.parse(text);
    } catch (MalformedPayloadException refused) {
      expected = null;
    }
    List<InboundEvent> actual;
    try {
      actual = parser.parse(text);
    } catch (MalformedPayloadException refused) {
      assertNotNull(refused.getMessage());
      actual = null;
    }
    if (expected == null) {
      assertNull(actual, () -> "the tree parser refused, the streaming parser read: " + text);
      return false;
    }
    assertNotNull(actual, () -> "the streaming parser refused what the tree parser read: " + text);
    if (isWhatsApp(text)) {
      return !actual.isEmpty();
    }
    assertEquals(describe(expected), describe(actual), text);
    for (InboundEvent event : actual) {
      assertEquals(event, parser.reparse(event.rawJson()), () -> "raw JSON reads back differently: " + event.rawJson());
    }
    return !actual.isEmpty();
  }

  private static boolean isWhatsApp(String text) {
    JsonElement root = JsonParser.parseString(text);
    return root.getAsJsonObject().get("object") instanceof JsonPrimitive object
        && object.getAsString().equals("whatsapp_business_account");
  }

  /** A character dropped, a punctuation mark, a control character or a bad escape inserted, or the text cut short. */
  static String broken(String text, Random random) {
    int at = random.nextInt(text.length() + 1);
    String insert = switch (random.nextInt(6)) {
      case 0 -> "";
      case 1 -> String.valueOf("{}[]\",:\\ \n".charAt(random.nextInt(10)));
      case 2 -> String.valueOf((char) random.nextInt(0x20));
      case 3 -> "\\x";
      case 4 -> "\\u12g4";
      default -> "\ufeff";
    };
    if (random.nextInt(8) == 0) {
      return text.substring(0, at);
    }
    int drop = insert.isEmpty() && at < text.length() ? 1 : 0;
    return text.substring(0, at) + insert + text.substring(at + drop);
  }

  /** The events as JSON trees: every record component, raw JSON as the tree it parses to. */
  static JsonArray describe(List<InboundEvent> events) {
    JsonArray array = new JsonArray();
    events.forEach(event -> array.add(describe(event)));
    return array;
  }

  private static JsonElement describe(Object value) {
    if (value == null) {
      return JsonNull.INSTANCE;
    }
    if (value instanceof Record record) {
      JsonObject object = new JsonObject();
      object.addProperty("type", record.getClass().getSimpleName());
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        Object part;
        try {
          part = component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
        object.add(component.getName(), component.getName().equals("rawJson")
            ? JsonParser.parseString((String) part) : describe(part));
      }
      return object;
    }
    if (value instanceof List<?> list) {
      JsonArray array = new JsonArray();
      list.forEach(element -> array.add(describe(element)));
      return array;
    }
    return new JsonPrimitive(value.toString());
  }
}
