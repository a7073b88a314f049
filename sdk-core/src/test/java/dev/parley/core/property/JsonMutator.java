package dev.parley.core.property;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Mutates real JSON payloads the way a fuzzer would, deterministically from a seed, for the property
 * tests of every parser (Meta webhooks, Stripe events, the inbox API's request bodies): fields
 * removed, retyped, emptied, duplicated, swapped or moved; values replaced by hostile ones (huge and
 * negative numbers, empty, long, control and non-BMP text, deep nesting); and, now and then, the text
 * itself broken (truncated, a character dropped or inserted, an invalid UTF-8 byte). The same
 * {@code (json, mutations, seed)} always gives the same bytes, so a failing case can be replayed from
 * what jqwik prints. Stateless and thread-safe; shared with the other modules through sdk-core's
 * test-jar.
 */
public final class JsonMutator {

  private static final int OPERATIONS = 10;
  private static final byte[] JSON_PUNCTUATION = "{}[]\",:\\".getBytes(StandardCharsets.US_ASCII);

  private JsonMutator() {}

  /** A mutant of {@code json}: {@code mutations} tree edits, then a text edit one time in six. */
  public static byte[] mutate(String json, int mutations, long seed) {
    Random random = new Random(seed);
    JsonElement root = JsonParser.parseString(json);
    for (int i = 0; i < mutations; i++) {
      root = mutateTree(root, random);
    }
    byte[] bytes = root.toString().getBytes(StandardCharsets.UTF_8);
    return random.nextInt(6) == 0 ? breakText(bytes, random) : bytes;
  }

  /** Like {@link #mutate}, with every tree edit kept inside the object {@code root.<member>} when it exists. */
  public static String mutateMember(String json, String member, int mutations, long seed) {
    Random random = new Random(seed);
    JsonObject root = JsonParser.parseString(json).getAsJsonObject();
    JsonElement target = root.get(member);
    if (target == null) {
      return new String(mutate(json, mutations, seed), StandardCharsets.UTF_8);
    }
    for (int i = 0; i < mutations; i++) {
      target = mutateTree(target, random);
    }
    root.add(member, target);
    return root.toString();
  }

  private static JsonElement mutateTree(JsonElement root, Random random) {
    List<Slot> slots = new ArrayList<>();
    collect(root, slots);
    if (slots.isEmpty()) {
      return hostileValue(random, root);
    }
    Slot slot = slots.get(random.nextInt(slots.size()));
    switch (random.nextInt(OPERATIONS)) {
      case 0 -> slot.remove();
      case 1, 2 -> slot.set(hostileValue(random, slot.get()));
      case 3 -> slot.set(retyped(slot.get(), random));
      case 4 -> slot.set(emptied(slot.get()));
      case 5 -> slot.duplicate();
      case 6 -> slot.parentAdd("x_" + Integer.toHexString(random.nextInt()), hostileValue(random, slot.get()));
      case 7 -> {
        Slot other = slots.get(random.nextInt(slots.size()));
        JsonElement mine = slot.get().deepCopy();
        slot.set(other.get().deepCopy());
        other.set(mine);
      }
      case 8 -> slot.set(wrapped(slot.get(), random));
      default -> {
        Slot donor = slots.get(random.nextInt(slots.size()));
        slot.set(donor.get().deepCopy());
      }
    }
    return root;
  }

  private static JsonElement hostileValue(Random random, JsonElement current) {
    return switch (random.nextInt(22)) {
      case 0 -> JsonNull.INSTANCE;
      case 1 -> new JsonPrimitive(random.nextBoolean());
      case 2 -> new JsonPrimitive(0);
      case 3 -> new JsonPrimitive(-1);
      case 4 -> new JsonPrimitive(Long.MAX_VALUE);
      case 5 -> new JsonPrimitive(new BigInteger("-92233720368547758090"));
      case 6 -> new JsonPrimitive(new BigDecimal("1e308"));
      case 7 -> new JsonPrimitive(3.5);
      case 8 -> new JsonPrimitive("");
      case 9 -> new JsonPrimitive("   ");
      case 10 -> new JsonPrimitive("x".repeat(1 + random.nextInt(20_000)));
      case 11 -> new JsonPrimitive("\u0000\u0007\n\t\r\u001b[31m");
      case 12 -> new JsonPrimitive("\uD83D\uDE42 d\u00e9j\u00e0 \u202E \uFFFF \uD800");
      case 13 -> new JsonPrimitive("<script>alert(1)</script>' OR 1=1 -- %s %n ${x}");
      case 14 -> new JsonPrimitive("12345678901234567890");
      case 15 -> new JsonPrimitive("2026-13-45T25:61:61Z");
      case 16 -> new JsonObject();
      case 17 -> new JsonArray();
      case 18 -> nested(1 + random.nextInt(300), random.nextBoolean());
      case 19 -> new JsonPrimitive("-0.000000000000000000001");
      case 20 -> current == null ? JsonNull.INSTANCE : new JsonPrimitive(current.toString());
      default -> new JsonPrimitive(random.nextLong());
    };
  }

  private static JsonElement retyped(JsonElement value, Random random) {
    if (value.isJsonPrimitive()) {
      JsonPrimitive primitive = value.getAsJsonPrimitive();
      if (primitive.isString()) {
        try {
          return new JsonPrimitive(new BigDecimal(primitive.getAsString()));
        } catch (NumberFormatException e) {
          JsonArray array = new JsonArray();
          array.add(primitive);
          return array;
        }
      }
      return new JsonPrimitive(primitive.getAsString());
    }
    if (value.isJsonArray()) {
      JsonObject object = new JsonObject();
      JsonArray array = value.getAsJsonArray();
      for (int i = 0; i < array.size(); i++) {
        object.add(Integer.toString(i), array.get(i));
      }
      return object;
    }
    if (value.isJsonObject()) {
      JsonArray array = new JsonArray();
      for (Map.Entry<String, JsonElement> member : value.getAsJsonObject().entrySet()) {
        array.add(member.getValue());
      }
      return array;
    }
    return hostileValue(random, value);
  }

  private static JsonElement emptied(JsonElement value) {
    if (value.isJsonArray()) {
      return new JsonArray();
    }
    if (value.isJsonObject()) {
      return new JsonObject();
    }
    return new JsonPrimitive("");
  }

  private static JsonElement wrapped(JsonElement value, Random random) {
    if (random.nextBoolean()) {
      JsonArray array = new JsonArray();
      array.add(value.deepCopy());
      return array;
    }
    JsonObject object = new JsonObject();
    object.add("value", value.deepCopy());
    return object;
  }

  private static JsonElement nested(int depth, boolean arrays) {
    JsonElement inner = new JsonPrimitive("bottom");
    for (int i = 0; i < depth; i++) {
      if (arrays) {
        JsonArray array = new JsonArray();
        array.add(inner);
        inner = array;
      } else {
        JsonObject object = new JsonObject();
        object.add("a", inner);
        inner = object;
      }
    }
    return inner;
  }

  private static byte[] breakText(byte[] bytes, Random random) {
    if (bytes.length == 0) {
      return new byte[] {(byte) 0xC3};
    }
    int at = random.nextInt(bytes.length);
    return switch (random.nextInt(5)) {
      case 0 -> java.util.Arrays.copyOf(bytes, at);
      case 1 -> splice(bytes, at, 1, new byte[0]);
      case 2 -> splice(bytes, at, 0, new byte[] {JSON_PUNCTUATION[random.nextInt(JSON_PUNCTUATION.length)]});
      case 3 -> splice(bytes, at, 0, new byte[] {(byte) (0x80 + random.nextInt(0x80))});
      default -> splice(bytes, at, 0, java.util.Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + 40)));
    };
  }

  private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
    byte[] out = new byte[bytes.length - remove + insert.length];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(bytes, at + remove, out, at + insert.length, bytes.length - at - remove);
    return out;
  }

  private static void collect(JsonElement element, List<Slot> slots) {
    if (element.isJsonObject()) {
      JsonObject object = element.getAsJsonObject();
      for (String key : new ArrayList<>(object.keySet())) {
        slots.add(new MemberSlot(object, key));
        collect(object.get(key), slots);
      }
    } else if (element.isJsonArray()) {
      JsonArray array = element.getAsJsonArray();
      for (int i = 0; i < array.size(); i++) {
        slots.add(new ElementSlot(array, i));
        collect(array.get(i), slots);
      }
    }
  }

  /** A place in the tree that holds a value: an object member or an array element. */
  private interface Slot {
    JsonElement get();

    void set(JsonElement value);

    void remove();

    void duplicate();

    void parentAdd(String key, JsonElement value);
  }

  private record MemberSlot(JsonObject parent, String key) implements Slot {
    @Override
    public JsonElement get() {
      JsonElement value = parent.get(key);
      return value == null ? JsonNull.INSTANCE : value;
    }

    @Override
    public void set(JsonElement value) {
      parent.add(key, value);
    }

    @Override
    public void remove() {
      parent.remove(key);
    }

    @Override
    public void duplicate() {
      parent.add(key + "_copy", get().deepCopy());
    }

    @Override
    public void parentAdd(String newKey, JsonElement value) {
      parent.add(newKey, value);
    }
  }

  private record ElementSlot(JsonArray parent, int index) implements Slot {
    @Override
    public JsonElement get() {
      return index < parent.size() ? parent.get(index) : JsonNull.INSTANCE;
    }

    @Override
    public void set(JsonElement value) {
      if (index < parent.size()) {
        parent.set(index, value);
      }
    }

    @Override
    public void remove() {
      if (index < parent.size()) {
        parent.remove(index);
      }
    }

    @Override
    public void duplicate() {
      parent.add(get().deepCopy()); // a redelivered item inside one batch
    }

    @Override
    public void parentAdd(String key, JsonElement value) {
      parent.add(value);
    }
  }
}
