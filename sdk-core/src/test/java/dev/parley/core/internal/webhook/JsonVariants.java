package dev.parley.core.internal.webhook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a JSON tree as text the way other senders might, deterministically from a seed: whitespace
 * and line breaks between tokens, characters of names and strings as Unicode escapes (hex in either
 * case) or {@code \/}, members in another order, and duplicate names (a decoy before the real member,
 * or a second value after it, which then counts). The text is always valid JSON; what it means may
 * differ from the tree (reordered or duplicated members), which is the point: both parsers must agree.
 */
final class JsonVariants {

  private static final String[] SPACE = {" ", "\n", "\t", "\r\n  ", "  "};

  private final Random random;
  private final double space;
  private final double escape;
  private final double duplicate;
  private final double shuffle;

  private final boolean sameMeaning;

  /** Any variant: members may move, and a duplicate after a member may replace its value. */
  JsonVariants(long seed) {
    this(seed, false);
  }

  /** With {@code sameMeaning}, only variants that parse to the same tree: no moves, decoys only before the real member. */
  JsonVariants(long seed, boolean sameMeaning) {
    this.random = new Random(seed);
    this.space = random.nextInt(3) * 0.3;
    this.escape = random.nextInt(3) * 0.1;
    this.duplicate = random.nextInt(3) * 0.08;
    this.shuffle = sameMeaning ? 0 : random.nextInt(3) * 0.2;
    this.sameMeaning = sameMeaning;
  }

  String write(JsonElement element) {
    StringBuilder out = new StringBuilder();
    space(out);
    value(element, out);
    space(out);
    return out.toString();
  }

  private void value(JsonElement element, StringBuilder out) {
    if (element instanceof JsonObject object) {
      List<Map.Entry<String, JsonElement>> members = new ArrayList<>(object.entrySet());
      if (random.nextDouble() < shuffle && members.size() > 1) {
        int i = random.nextInt(members.size());
        members.add(random.nextInt(members.size()), members.remove(i));
      }
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonElement> member : members) {
        if (random.nextDouble() < duplicate) {
          first = member(member.getKey(), decoy(), out, first);
        }
        first = member(member.getKey(), member.getValue(), out, first);
        if (!sameMeaning && random.nextDouble() < duplicate / 4) {
          first = member(member.getKey(), decoy(), out, first);
        }
      }
      space(out);
      out.append('}');
    } else if (element instanceof JsonArray array) {
      out.append('[');
      for (int i = 0; i < array.size(); i++) {
        if (i > 0) {
          space(out);
          out.append(',');
        }
        space(out);
        value(array.get(i), out);
      }
      space(out);
      out.append(']');
    } else if (element instanceof JsonPrimitive primitive && primitive.isString()) {
      string(primitive.getAsString(), out);
    } else {
      out.append(element.toString());
    }
  }

  private boolean member(String name, JsonElement value, StringBuilder out, boolean first) {
    if (!first) {
      space(out);
      out.append(',');
    }
    space(out);
    string(name, out);
    space(out);
    out.append(':');
    space(out);
    value(value, out);
    return false;
  }

  private JsonElement decoy() {
    return switch (random.nextInt(5)) {
      case 0 -> new JsonPrimitive("decoy");
      case 1 -> new JsonPrimitive(42);
      case 2 -> new JsonObject();
      case 3 -> new JsonArray();
      default -> new JsonPrimitive(true);
    };
  }

  private void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || random.nextDouble() < escape) {
        String hex = String.format("%04x", (int) c);
        out.append("\\u").append(random.nextBoolean() ? hex : hex.toUpperCase(java.util.Locale.ROOT));
      } else if (c == '/' && random.nextBoolean()) {
        out.append("\\/");
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }

  private void space(StringBuilder out) {
    if (random.nextDouble() < space) {
      out.append(SPACE[random.nextInt(SPACE.length)]);
    }
  }
}
