package dev.parley.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes {@code application/x-www-form-urlencoded} text: flat pairs for query strings, and the
 * bracketed nesting Stripe's API uses ({@code line_items[0][price_data][currency]=eur},
 * {@code metadata[order]=A1}, {@code expand[]=payment_intent}) into a JSON tree. Thread-safe.
 */
final class FormDecoder {
  private FormDecoder() {}

  /** Flat name to values map, in order; a name without {@code =} maps to an empty string. */
  static Map<String, List<String>> pairs(String encoded) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return out;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return out;
  }

  /** The first value of {@code name}, or null. */
  static String first(Map<String, List<String>> pairs, String name) {
    List<String> values = pairs.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * Stripe-style nested parameters as a JSON object. Objects whose keys are all numbers (or that were
   * built with {@code []}) become arrays in index order. Scalars stay strings, as Stripe receives them.
   */
  static JsonObject nested(String encoded) {
    Map<String, Object> root = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : pairs(encoded).entrySet()) {
      for (String value : e.getValue()) {
        put(root, path(e.getKey()), value);
      }
    }
    return toJson(root).getAsJsonObject();
  }

  private static List<String> path(String name) {
    List<String> parts = new ArrayList<>();
    int bracket = name.indexOf('[');
    if (bracket < 0) {
      parts.add(name);
      return parts;
    }
    parts.add(name.substring(0, bracket));
    int i = bracket;
    while (i < name.length() && name.charAt(i) == '[') {
      int close = name.indexOf(']', i);
      if (close < 0) {
        break;
      }
      parts.add(name.substring(i + 1, close));
      i = close + 1;
    }
    return parts;
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> root, List<String> path, String value) {
    Map<String, Object> node = root;
    for (int i = 0; i < path.size() - 1; i++) {
      String key = path.get(i);
      String next = path.get(i + 1);
      if (next.isEmpty()) {
        // "expand[]=a&expand[]=b": an array built by appending
        Object existing = node.computeIfAbsent(key, k -> new ArrayList<String>());
        if (existing instanceof List) {
          ((List<Object>) existing).add(value);
        }
        return;
      }
      Object child = node.get(key);
      if (!(child instanceof Map)) {
        child = new TreeMap<String, Object>(FormDecoder::compareKeys);
        node.put(key, child);
      }
      node = (Map<String, Object>) child;
    }
    node.put(path.get(path.size() - 1), value);
  }

  private static int compareKeys(String a, String b) {
    boolean numericA = isIndex(a);
    boolean numericB = isIndex(b);
    if (numericA && numericB) {
      return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
    }
    return a.compareTo(b);
  }

  private static boolean isIndex(String key) {
    return !key.isEmpty() && key.length() < 9 && key.chars().allMatch(Character::isDigit);
  }

  @SuppressWarnings("unchecked")
  private static JsonElement toJson(Object node) {
    if (node instanceof Map) {
      Map<String, Object> map = (Map<String, Object>) node;
      if (!map.isEmpty() && map.keySet().stream().allMatch(FormDecoder::isIndex)) {
        JsonArray array = new JsonArray();
        map.values().forEach(v -> array.add(toJson(v)));
        return array;
      }
      JsonObject object = new JsonObject();
      map.forEach((k, v) -> object.add(k, toJson(v)));
      return object;
    }
    if (node instanceof List) {
      JsonArray array = new JsonArray();
      ((List<Object>) node).forEach(v -> array.add(toJson(v)));
      return array;
    }
    return new JsonPrimitive((String) node);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
