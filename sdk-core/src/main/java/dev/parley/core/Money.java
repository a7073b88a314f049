package dev.parley.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An exact amount of money: a whole number of the currency's minor units (cents, yen, fils) and the
 * currency. Never a {@code double}.
 *
 * <p>The number of minor-unit digits is Stripe's, not {@link Currency#getDefaultFractionDigits()}:
 * the two disagree for MGA (Stripe: none) and ISK (Stripe: two), and payment amounts must be in
 * Stripe's units. Zero-decimal: BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF;
 * three-decimal: BHD JOD KWD OMR TND; every other currency: two.
 *
 * <pre>{@code
 * Money price = Money.parse("19.90", "EUR");          // 1990 minor units
 * Money total = price.times(2).plus(Money.of(500, "EUR"));
 * total.format(Locale.FRANCE);                        // "44,80 €"
 * }</pre>
 *
 * Immutable and thread-safe. Arithmetic overflows throw instead of wrapping; mixing currencies throws.
 */
public record Money(long minorUnits, Currency currency) implements Comparable<Money> {

  private static final Set<String> ZERO_DECIMAL = Set.of(
      "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");
  private static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

  /**
   * The most digits {@link #ofMajor} takes, trailing zeros included. A {@code long} of minor units
   * holds 19; the rest of the room is for zeros, as in {@code 42.000000}.
   */
  static final int MAX_DIGITS = 100;
  /** The longest text {@link #parse} reads: the digits, a sign, a point and an exponent. */
  static final int MAX_TEXT_LENGTH = MAX_DIGITS + 20;
  private static final int LONG_DIGITS = 19;
  private static final int MAX_DISPLAY_LENGTH = 40;
  private static final int DISPLAYED_DIGITS = 12;

  public Money {
    Objects.requireNonNull(currency, "currency");
  }

  /** {@code minorUnits} of the currency with ISO 4217 code {@code currencyCode}: {@code of(4200, "EUR")} is €42.00. */
  public static Money of(long minorUnits, String currencyCode) {
    return new Money(minorUnits, currency(currencyCode));
  }

  /** Zero in the given currency. */
  public static Money zero(String currencyCode) {
    return of(0, currencyCode);
  }

  /**
   * Parses a decimal amount in major units, {@code "42.00"} or {@code "42"} for €42. More fraction
   * digits than the currency has is an error, never rounded away: {@code parse("1.5", "JPY")} throws.
   * Text longer than 120 characters is refused before it is read as a number.
   */
  public static Money parse(String amount, String currencyCode) {
    Currency currency = currency(currencyCode);
    if (amount == null || amount.isBlank()) {
      throw new InvalidRequestException("amount must not be blank");
    }
    String text = amount.trim();
    // Reading a decimal of n digits costs about n² steps: refuse a long text before reading it.
    if (text.length() > MAX_TEXT_LENGTH) {
      throw new InvalidRequestException("amount '" + abbreviate(text) + "' is " + text.length()
          + " characters long; at most " + MAX_TEXT_LENGTH + " are accepted");
    }
    BigDecimal decimal;
    try {
      decimal = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new InvalidRequestException("amount '" + abbreviate(amount) + "' is not a decimal number");
    }
    return ofMajor(decimal, currency);
  }

  /**
   * The decimal amount in major units; more fraction digits than the currency has is an error, and
   * so is an amount beyond a {@code long} of minor units or with more than 100
   * digits (trailing zeros count: strip them first). Every refusal is decided from the digit count
   * and the scale, so {@code 1E+999999999} fails as fast as {@code 1E+20}.
   */
  public static Money ofMajor(BigDecimal amount, Currency currency) {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    if (amount.signum() == 0) {
      return new Money(0, currency); // whatever its scale: 0E-999999999 is still zero
    }
    int exponent = exponent(currency);
    String code = currency.getCurrencyCode();
    int bits = amount.unscaledValue().bitLength();
    if (bits > MAX_DIGITS * 10 / 3) { // at least 10^(MAX_DIGITS + 1): printing or even counting the digits costs
      throw new InvalidRequestException("amount in " + code + " has more than " + MAX_DIGITS
          + " digits (" + bits + " bits, scale " + amount.scale() + "); at most " + MAX_DIGITS + " are accepted");
    }
    int precision = amount.precision();
    if (precision > MAX_DIGITS) {
      throw new InvalidRequestException("amount " + display(amount) + " " + code + " has " + precision
          + " digits; at most " + MAX_DIGITS + " are accepted");
    }
    // Digits before the decimal point, negative for 0.00x; a long, as the scale may be ±2^31.
    long integerDigits = (long) precision - amount.scale();
    if (integerDigits + exponent > LONG_DIGITS) {
      throw tooLarge(amount, currency);
    }
    if (integerDigits + exponent <= 0) { // not zero, yet less than one minor unit
      throw tooManyDecimals(amount, currency, exponent);
    }
    // From here the scale lies within MAX_DIGITS + exponent of zero: the arithmetic below is cheap.
    BigDecimal minorUnits = amount.movePointRight(exponent);
    if (minorUnits.stripTrailingZeros().scale() > 0) {
      throw tooManyDecimals(amount, currency, exponent);
    }
    try {
      return new Money(minorUnits.longValueExact(), currency);
    } catch (ArithmeticException e) {
      throw tooLarge(amount, currency);
    }
  }

  private static InvalidRequestException tooManyDecimals(BigDecimal amount, Currency currency, int exponent) {
    String code = currency.getCurrencyCode();
    return new InvalidRequestException("amount " + display(amount) + " " + code + " has more than " + exponent
        + " decimal places; " + code + " allows " + exponent);
  }

  private static InvalidRequestException tooLarge(BigDecimal amount, Currency currency) {
    String code = currency.getCurrencyCode();
    boolean negative = amount.signum() < 0;
    long limit = negative ? Long.MIN_VALUE : Long.MAX_VALUE;
    return new InvalidRequestException("amount " + display(amount) + " " + code + " is too "
        + (negative ? "small; the smallest is " : "large; the largest is ")
        + BigDecimal.valueOf(limit, exponent(currency)).toPlainString() + " " + code);
  }

  /**
   * The amount for a message: plain when short, else its first digits in scientific notation
   * ({@code 1.23456789012…E+999999999}), never the billion digits {@code toPlainString()} would
   * spell out. Only for amounts of at most {@link #MAX_DIGITS} digits.
   */
  static String display(BigDecimal amount) {
    int precision = amount.precision();
    long scale = amount.scale();
    long plainLength = (amount.signum() < 0 ? 1 : 0)
        + (scale <= 0 ? precision - scale : Math.max(precision, scale + 1) + 1);
    if (plainLength <= MAX_DISPLAY_LENGTH) {
      return amount.toPlainString();
    }
    String digits = amount.unscaledValue().abs().toString();
    String shown = digits.length() > DISPLAYED_DIGITS ? digits.substring(0, DISPLAYED_DIGITS) + "…" : digits;
    long adjustedExponent = precision - scale - 1;
    return (amount.signum() < 0 ? "-" : "") + shown.charAt(0) + (shown.length() > 1 ? "." + shown.substring(1) : "")
        + "E" + (adjustedExponent >= 0 ? "+" : "") + adjustedExponent;
  }

  /** Digits after the decimal point in this currency's minor unit, per Stripe's table (0, 2 or 3). */
  public static int exponent(Currency currency) {
    String code = currency.getCurrencyCode();
    if (ZERO_DECIMAL.contains(code)) {
      return 0;
    }
    return THREE_DECIMAL.contains(code) ? 3 : 2;
  }

  /** Digits after the decimal point in this amount's currency. */
  public int exponent() {
    return exponent(currency);
  }

  /** The ISO 4217 code, upper case: {@code "EUR"}. */
  public String currencyCode() {
    return currency.getCurrencyCode();
  }

  /** The amount in major units as an exact decimal with the currency's scale: {@code 42.00}. */
  public BigDecimal toDecimal() {
    return BigDecimal.valueOf(minorUnits, exponent());
  }

  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
  }

  public Money minus(Money other) {
    requireSameCurrency(other);
    return new Money(Math.subtractExact(minorUnits, other.minorUnits), currency);
  }

  public Money times(long factor) {
    return new Money(Math.multiplyExact(minorUnits, factor), currency);
  }

  public Money negate() {
    return new Money(Math.negateExact(minorUnits), currency);
  }

  public boolean isZero() {
    return minorUnits == 0;
  }

  public boolean isNegative() {
    return minorUnits < 0;
  }

  public boolean isPositive() {
    return minorUnits > 0;
  }

  @Override
  public int compareTo(Money other) {
    requireSameCurrency(other);
    return Long.compare(minorUnits, other.minorUnits);
  }

  /**
   * The amount for people, in the locale's convention with the currency's own number of decimals:
   * {@code €42.00} (en-IE), {@code 42,00 €} (fr-FR), {@code ¥4,200} (ja-JP).
   */
  public String format(Locale locale) {
    NumberFormat format = NumberFormat.getCurrencyInstance(locale);
    format.setCurrency(currency);
    format.setMinimumFractionDigits(exponent());
    format.setMaximumFractionDigits(exponent());
    format.setRoundingMode(RoundingMode.UNNECESSARY);
    return format.format(toDecimal());
  }

  /** {@code "EUR 42.00"}: the code and the plain decimal, the same in every locale. */
  @Override
  public String toString() {
    return currencyCode() + ' ' + toDecimal().toPlainString();
  }

  private void requireSameCurrency(Money other) {
    Objects.requireNonNull(other, "other");
    if (!currency.equals(other.currency)) {
      throw new InvalidRequestException("cannot combine " + this + " and " + other + ": different currencies");
    }
  }

  private static Currency currency(String code) {
    if (code == null) {
      throw new InvalidRequestException("currency must not be null");
    }
    try {
      return Currency.getInstance(code.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("currency '" + abbreviate(code) + "' is not an ISO 4217 code");
    }
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 39) + "…";
  }
}
