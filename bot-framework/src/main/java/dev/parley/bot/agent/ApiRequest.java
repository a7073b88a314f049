package dev.parley.bot.agent;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import dev.parley.bot.agent.internal.HttpExchanges;
import dev.parley.bot.concierge.TaskSlots;
import dev.parley.core.Money;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One request to the agent API, read lazily: method, path segments under {@code /inbox/api},
 * query, headers, cookies, and the JSON body read within {@link AgentHttpApi#MAX_BODY_BYTES}, with
 * typed reads of its fields that answer bad values with a {@link BadRequest} naming the field. Not
 * thread-safe: one per exchange.
 */
final class ApiRequest {
  /** The longest amount accepted in a request, sign and decimal point included. */
  static final int MAX_AMOUNT_CHARS = 24;
  private static final Pattern AMOUNT = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");

  final String method;
  final String[] segments;
  final Map<String, String> query;
  final HttpExchange exchange;
  private JsonObject json;

  private ApiRequest(HttpExchange exchange) {
    this.exchange = exchange;
    this.method = exchange.getRequestMethod();
    this.segments = HttpExchanges.segments(HttpExchanges.path(exchange), AgentHttpApi.PREFIX);
    this.query = parseQuery(exchange.getRequestURI().getRawQuery());
  }

  static ApiRequest read(HttpExchange exchange) {
    return new ApiRequest(exchange);
  }

  void expect(boolean pathOk, String allowedMethod) {
    if (!pathOk) {
      throw new BadRequest(404, "not_found", "nothing at this path");
    }
    if (!method.equals(allowedMethod)) {
      exchange.getResponseHeaders().set("Allow", allowedMethod);
      throw BadRequest.methodNotAllowed(method, allowedMethod);
    }
  }

  String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  String cookie(String name) {
    List<String> headers = exchange.getRequestHeaders().get("Cookie");
    if (headers == null) {
      return null;
    }
    for (String header : headers) {
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
          return pair.substring(eq + 1).strip();
        }
      }
    }
    return null;
  }

  String parameter(String name) {
    return query.get(name);
  }

  int intParameter(String name, int fallback, int min, int max) {
    long value = longParameter(name, fallback);
    if (value < min || value > max) {
      throw new BadRequest(400, "invalid", name + " " + value + " must be between " + min + " and " + max);
    }
    return (int) value;
  }

  long longParameter(String name, long fallback) {
    String value = query.get(name);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new BadRequest(400, "invalid", name + " '" + abbreviate(value) + "' is not a whole number");
    }
  }

  <E extends Enum<E>> Set<E> statuses(String name, Class<E> type, Set<E> fallback) {
    String value = query.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    Set<E> result = EnumSet.noneOf(type);
    for (String part : value.split(",")) {
      try {
        result.add(Enum.valueOf(type, part.strip().replace('-', '_').toUpperCase(java.util.Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new BadRequest(400, "invalid", name + " '" + abbreviate(part) + "' is not one of "
            + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).toList());
      }
    }
    return result;
  }

  JsonObject json() throws IOException {
    if (json != null) {
      return json;
    }
    byte[] body = HttpExchanges.readBody(exchange, AgentHttpApi.MAX_BODY_BYTES);
    if (body.length == 0) {
      throw new BadRequest(400, "invalid", "the body is empty; send a JSON object");
    }
    try {
      JsonElement parsed = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
      if (!parsed.isJsonObject()) {
        throw new BadRequest(400, "invalid", "the body must be a JSON object");
      }
      json = parsed.getAsJsonObject();
      return json;
    } catch (JsonParseException | IllegalStateException e) {
      throw new BadRequest(400, "invalid", "the body is not valid JSON");
    }
  }

  String string(JsonObject body, String field, boolean required, int limit) {
    JsonElement element = body.get(field);
    if (element == null || element.isJsonNull()) {
      if (required) {
        throw new BadRequest(400, "invalid", "'" + field + "' is required");
      }
      return null;
    }
    if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
      throw new BadRequest(400, "invalid", "'" + field + "' must be a string");
    }
    String value = element.getAsString();
    if (value.length() > limit) {
      throw new BadRequest(400, "invalid", "'" + field + "' is " + value.length() + " characters; at most " + limit);
    }
    if (required && value.isBlank()) {
      throw new BadRequest(400, "invalid", "'" + field + "' is empty");
    }
    return value;
  }

  boolean bool(JsonObject body, String field) {
    JsonElement element = body.get(field);
    if (element == null || element.isJsonNull()) {
      return false;
    }
    if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isBoolean()) {
      throw new BadRequest(400, "invalid", "'" + field + "' must be true or false");
    }
    return element.getAsBoolean();
  }

  /**
   * {@code "amount": "42.00", "currency": "EUR"}; null when not required and absent. The amount is
   * checked here, before {@link Money}: a boolean, or a number such as {@code 1e999999999} whose
   * plain form has a billion digits, must be a 400, not a server spending its memory on it.
   */
  Money money(JsonObject body, String where, boolean required) {
    String field = where + "amount";
    JsonElement amount = body.get("amount");
    if (amount == null || amount.isJsonNull()) {
      if (required) {
        throw new BadRequest(400, "invalid", "'" + field + "' is required, such as \"42.00\" with \"currency\": \"EUR\"");
      }
      return null;
    }
    String text = amount.isJsonPrimitive() && !amount.getAsJsonPrimitive().isBoolean() ? amount.getAsString() : null;
    if (text == null || text.length() > MAX_AMOUNT_CHARS || !AMOUNT.matcher(text).matches()) {
      throw new BadRequest(400, "invalid", "'" + field + "' " + abbreviate(amount.toString())
          + " is not a decimal amount such as \"42.00\": digits with an optional '.', at most "
          + MAX_AMOUNT_CHARS + " characters");
    }
    String currency = string(body, "currency", true, 3);
    return Money.parse(text, currency.toUpperCase(java.util.Locale.ROOT));
  }

  TaskSlots slots(JsonObject body) {
    JsonElement element = body.get("slots");
    if (element == null || element.isJsonNull()) {
      return TaskSlots.EMPTY;
    }
    if (!element.isJsonObject()) {
      throw new BadRequest(400, "invalid", "'slots' must be an object");
    }
    JsonObject slots = element.getAsJsonObject();
    Money budget = null;
    JsonElement budgetElement = slots.get("budget");
    if (budgetElement != null && !budgetElement.isJsonNull()) {
      if (!budgetElement.isJsonObject()) {
        throw new BadRequest(400, "invalid", "'slots.budget' must be {\"amount\": \"120.00\", \"currency\": \"EUR\"}");
      }
      budget = money(budgetElement.getAsJsonObject(), "slots.budget.", true);
    }
    return new TaskSlots(string(slots, "what", false, 500), string(slots, "when", false, 500),
        string(slots, "where", false, 500), string(slots, "forWhom", false, 500), budget,
        string(slots, "notes", false, 4000));
  }

  private static Map<String, String> parseQuery(String raw) {
    Map<String, String> query = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      query.putIfAbsent(decodeForm(name), decodeForm(value));
    }
    return query;
  }

  /**
   * A path segment without its %-escapes. Unlike a query (form encoding), a '+' in a path is a
   * plus sign (RFC 3986), so it is protected from {@link URLDecoder}, which would make it a space.
   */
  static String decodePathSegment(String segment) {
    return decodeForm(segment.replace("+", "%2B"));
  }

  /** A query name or value, where '+' is a space. */
  static String decodeForm(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadRequest(400, "invalid", "malformed %-escape in '" + abbreviate(text) + "'");
    }
  }

  static String abbreviate(String text) {
    String clean = text.replaceAll("\\p{Cntrl}", "?");
    return clean.length() <= 60 ? clean : clean.substring(0, 59) + "…";
  }
}
