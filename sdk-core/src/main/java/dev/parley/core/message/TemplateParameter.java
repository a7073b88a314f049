package dev.parley.core.message;

import dev.parley.core.InvalidRequestException;
import dev.parley.core.Money;
import dev.parley.core.internal.send.Limits;
import java.util.Objects;

/**
 * A value for one variable of a WhatsApp template body: text, or an amount of money. {@code name}
 * is the variable's name for templates with named parameters ({@code {{order_id}}}) and null for
 * positional ones ({@code {{1}}}). Immutable and thread-safe.
 */
public sealed interface TemplateParameter {

  /** The variable's name, or null for a positional parameter. */
  String name();

  static Text text(String value) {
    return new Text(null, value);
  }

  static Text named(String name, String value) {
    return new Text(name, value);
  }

  static Amount amount(Money amount, String fallback) {
    return new Amount(null, amount, fallback);
  }

  /** A text value, at most 1,024 characters. */
  record Text(String name, String value) implements TemplateParameter {
    public Text {
      requireName(name);
      Limits.requireText("template parameter", value, 1024, "WhatsApp");
    }
  }

  /** An amount of money, with the text WhatsApp shows where it cannot format it ({@code fallback}, e.g. "€42.00"). */
  record Amount(String name, Money amount, String fallback) implements TemplateParameter {
    public Amount {
      requireName(name);
      Objects.requireNonNull(amount, "template parameter amount");
      Limits.requireText("template parameter fallback", fallback, 1024, "WhatsApp");
    }
  }

  private static void requireName(String name) {
    if (name != null && !name.matches("[a-z0-9_]{1,64}")) {
      throw new InvalidRequestException("template parameter name " + Limits.quote(name)
          + " must be lower-case letters, digits and underscores; WhatsApp allows nothing else");
    }
  }
}
