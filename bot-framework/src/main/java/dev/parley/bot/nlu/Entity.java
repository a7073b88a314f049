package dev.parley.bot.nlu;

import dev.parley.core.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Something concrete in a customer's message: an order number, an amount, a date, a quantity, an e-mail
 * address, a phone number. Each kind is a record with a typed value and the {@link TextSpan} it came from;
 * {@link Other} carries what an external recognizer finds that Parley has no type for.
 *
 * <pre>{@code
 * for (Entity entity : understanding.entities()) {
 *   switch (entity.type()) { ... }                       // or pattern-match on the record
 * }
 * understanding.first(Entity.Amount.class).map(Entity.Amount::money);
 * }</pre>
 *
 * All variants are immutable and thread-safe.
 */
public sealed interface Entity {

  /** Where in the text the entity was found. */
  TextSpan span();

  /** A stable name for the kind, for logs and slot mapping: {@code "order_number"}, {@code "money"}, ... */
  String type();

  /**
   * An order reference. {@code number} is the reference without decoration: {@code "#12345"} and
   * {@code "order 12345"} give {@code "12345"}, {@code "a-12345"} gives {@code "A-12345"}.
   */
  record OrderNumber(TextSpan span, String number) implements Entity {
    public OrderNumber {
      Objects.requireNonNull(span, "span");
      requireText(number, "order number");
    }

    @Override
    public String type() {
      return "order_number";
    }
  }

  /** An amount with its currency: {@code "42,50 €"} is {@code Money.parse("42.50", "EUR")}. */
  record Amount(TextSpan span, Money money) implements Entity {
    public Amount {
      Objects.requireNonNull(span, "span");
      Objects.requireNonNull(money, "money");
    }

    @Override
    public String type() {
      return "money";
    }
  }

  /**
   * A point in time resolved against the recognizer's clock and zone: {@code "tomorrow 8pm"}, {@code "le 3 mars"}.
   * When the text names only a day, {@code hasTime} is false and {@code value} is the start of that day.
   */
  record DateTime(TextSpan span, ZonedDateTime value, boolean hasTime) implements Entity {
    public DateTime {
      Objects.requireNonNull(span, "span");
      Objects.requireNonNull(value, "value");
    }

    /** The calendar day. */
    public LocalDate date() {
      return value.toLocalDate();
    }

    /** The time of day; midnight when {@link #hasTime()} is false. */
    public LocalTime time() {
      return value.toLocalTime();
    }

    @Override
    public String type() {
      return "datetime";
    }
  }

  /**
   * A count or measure: {@code "2 bottles"}, {@code "pour quatre personnes"}. {@code unit} is the word that
   * follows the number, folded to lower case without accents ({@code "bottles"}), or empty when there is none.
   */
  record Quantity(TextSpan span, BigDecimal value, String unit) implements Entity {
    public Quantity {
      Objects.requireNonNull(span, "span");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(unit, "unit");
    }

    @Override
    public String type() {
      return "quantity";
    }
  }

  /** An e-mail address as written. */
  record Email(TextSpan span, String address) implements Entity {
    public Email {
      Objects.requireNonNull(span, "span");
      requireText(address, "e-mail address");
    }

    @Override
    public String type() {
      return "email";
    }
  }

  /**
   * A phone number with separators removed: {@code "+33 6 12 34 56 78"} gives {@code "+33612345678"} (E.164
   * when the customer wrote the country code, with {@code +} or {@code 00}); a national number keeps its leading
   * zero: {@code "06 12 34 56 78"} gives {@code "0612345678"}.
   */
  record Phone(TextSpan span, String number) implements Entity {
    public Phone {
      Objects.requireNonNull(span, "span");
      requireText(number, "phone number");
    }

    /** Whether the number carries its country code, so it is in E.164 form. */
    public boolean international() {
      return number.startsWith("+");
    }

    @Override
    public String type() {
      return "phone";
    }
  }

  /** An entity of a kind Parley does not model, as an external recognizer reported it. */
  record Other(TextSpan span, String type, String value) implements Entity {
    public Other {
      Objects.requireNonNull(span, "span");
      requireText(type, "entity type");
      Objects.requireNonNull(value, "value");
    }
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
  }
}
