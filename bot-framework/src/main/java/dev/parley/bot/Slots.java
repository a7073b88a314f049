package dev.parley.bot;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Named values a conversation remembers: the answers a flow collected ({@link Turn#slots()}) or what
 * the bot keeps about the conversation across flows ({@link Turn#memory()}). Saved with the turn's
 * state, so they survive restarts and are seen by every node.
 *
 * <p>A value is text, a number, a yes/no, a date or a date-time; typed getters read it back:
 *
 * <pre>{@code
 * slots.put("guests", 4);
 * long guests = slots.integer("guests");                      // 4
 * ZonedDateTime when = slots.dateTime("when");                // stored as ISO-8601 text
 * String name = slots.string("name", "friend");               // with a default when absent
 * }</pre>
 *
 * <p>Names are 1 to 100 characters. Not thread-safe: a turn's slots belong to that turn's thread.
 */
public final class Slots {
  private static final int MAX_NAME = 100;

  private final JsonObject values;

  Slots(JsonObject values) {
    this.values = Objects.requireNonNull(values, "values");
  }

  /** Whether a value is stored under {@code name}. */
  public boolean has(String name) {
    return values.has(requireName(name));
  }

  /** The value as stored: a {@code String}, a {@code BigDecimal} or a {@code Boolean}; empty if absent. */
  public Optional<Object> get(String name) {
    JsonElement element = values.get(requireName(name));
    if (element == null || !element.isJsonPrimitive()) {
      return Optional.empty();
    }
    JsonPrimitive primitive = element.getAsJsonPrimitive();
    if (primitive.isBoolean()) {
      return Optional.of(primitive.getAsBoolean());
    }
    if (primitive.isNumber()) {
      return Optional.of(primitive.getAsBigDecimal());
    }
    return Optional.of(primitive.getAsString());
  }

  /** The value as text (numbers and yes/no too). @throws IllegalStateException if absent */
  public String string(String name) {
    return get(name).map(Slots::text).orElseThrow(() -> missing(name));
  }

  /** The value as text, or {@code fallback} if absent. */
  public String string(String name, String fallback) {
    return get(name).map(Slots::text).orElse(fallback);
  }

  /** The value as a whole number. @throws IllegalStateException if absent or not a whole number */
  public long integer(String name) {
    BigDecimal value = decimal(name);
    try {
      return value.longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalStateException("slot '" + name + "' is " + value.toPlainString() + ", not a whole number", e);
    }
  }

  /** The value as a number. @throws IllegalStateException if absent or not a number */
  public BigDecimal decimal(String name) {
    Object value = get(name).orElseThrow(() -> missing(name));
    if (value instanceof BigDecimal number) {
      return number;
    }
    try {
      return new BigDecimal(text(value).strip());
    } catch (NumberFormatException e) {
      throw new IllegalStateException("slot '" + name + "' is '" + abbreviate(text(value)) + "', not a number", e);
    }
  }

  /** The value as yes/no. @throws IllegalStateException if absent or not a yes/no */
  public boolean bool(String name) {
    Object value = get(name).orElseThrow(() -> missing(name));
    if (value instanceof Boolean flag) {
      return flag;
    }
    throw new IllegalStateException("slot '" + name + "' is '" + abbreviate(text(value)) + "', not a yes/no");
  }

  /** The value as a date (a date-time gives its date). @throws IllegalStateException if absent or not a date */
  public LocalDate date(String name) {
    String value = string(name);
    try {
      return value.length() <= 10 ? LocalDate.parse(value) : ZonedDateTime.parse(value).toLocalDate();
    } catch (DateTimeParseException e) {
      throw new IllegalStateException("slot '" + name + "' is '" + abbreviate(value) + "', not a date", e);
    }
  }

  /** The value as a date-time with its zone. @throws IllegalStateException if absent or not a date-time */
  public ZonedDateTime dateTime(String name) {
    String value = string(name);
    try {
      return ZonedDateTime.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalStateException("slot '" + name + "' is '" + abbreviate(value) + "', not a date-time", e);
    }
  }

  /**
   * Stores {@code value} under {@code name}, replacing what was there: a {@code CharSequence}, a
   * {@code Number}, a {@code Boolean}, a {@code LocalDate} or a {@code ZonedDateTime}; null removes.
   *
   * @return this
   */
  public Slots put(String name, Object value) {
    requireName(name);
    if (value == null) {
      values.remove(name);
    } else if (value instanceof CharSequence text) {
      values.addProperty(name, text.toString());
    } else if (value instanceof BigDecimal number) {
      values.addProperty(name, number);
    } else if (value instanceof Number number) {
      values.addProperty(name, new BigDecimal(number.toString()));
    } else if (value instanceof Boolean flag) {
      values.addProperty(name, flag);
    } else if (value instanceof LocalDate || value instanceof ZonedDateTime) {
      values.addProperty(name, value.toString());
    } else {
      throw new IllegalArgumentException("slot '" + name + "' cannot hold a " + value.getClass().getSimpleName()
          + "; use text, a number, a Boolean, a LocalDate or a ZonedDateTime");
    }
    return this;
  }

  /** Removes the value under {@code name}. @return true if there was one */
  public boolean remove(String name) {
    return values.remove(requireName(name)) != null;
  }

  /** Removes every value. */
  public void clear() {
    for (String name : values.keySet().toArray(String[]::new)) {
      values.remove(name);
    }
  }

  /** Every value, as {@link #get} returns them, in the order they were first stored. A copy. */
  public Map<String, Object> asMap() {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (String name : values.keySet()) {
      get(name).ifPresent(value -> copy.put(name, value));
    }
    return copy;
  }

  /** Whether the stored value equals {@code expected}, comparing numbers by value and dates by their text. */
  public boolean matches(String name, Object expected) {
    Optional<Object> actual = get(name);
    if (expected == null || actual.isEmpty()) {
      return expected == null && actual.isEmpty();
    }
    Object value = actual.get();
    if (value instanceof BigDecimal number && expected instanceof Number other) {
      return number.compareTo(new BigDecimal(other.toString())) == 0;
    }
    return text(value).equals(expected.toString());
  }

  JsonObject json() {
    return values;
  }

  @Override
  public String toString() {
    return asMap().toString();
  }

  private static String text(Object value) {
    return value instanceof BigDecimal number ? number.toPlainString() : value.toString();
  }

  static String requireName(String name) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME) {
      throw new IllegalArgumentException("slot name must be 1 to " + MAX_NAME + " characters, got "
          + (name == null ? "null" : "'" + abbreviate(name) + "'"));
    }
    return name;
  }

  private static IllegalStateException missing(String name) {
    return new IllegalStateException("slot '" + name + "' has no value");
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 39) + "…";
  }
}
