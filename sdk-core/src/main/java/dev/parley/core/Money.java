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
   */
  public static Money parse(String amount, String currencyCode) {
    Currency currency = currency(currencyCode);
    if (amount == null || amount.isBlank()) {
      throw new InvalidRequestException("amount must not be blank");
    }
    BigDecimal decimal;
    try {
      decimal = new BigDecimal(amount.trim());
    } catch (NumberFormatException e) {
      throw new InvalidRequestException("amount '" + abbreviate(amount) + "' is not a decimal number");
    }
    return ofMajor(decimal, currency);
  }

  /** The decimal amount in major units; more fraction digits than the currency has is an error. */
  public static Money ofMajor(BigDecimal amount, Currency currency) {
    Objects.requireNonNull(amount, "amount");
    int exponent = exponent(currency);
    if (amount.stripTrailingZeros().scale() > exponent) {
      throw new InvalidRequestException("amount " + amount.toPlainString() + " " + currency.getCurrencyCode()
          + " has more than " + exponent + " decimal places; " + currency.getCurrencyCode() + " allows " + exponent);
    }
    try {
      return new Money(amount.movePointRight(exponent).longValueExact(), currency);
    } catch (ArithmeticException e) {
      throw new InvalidRequestException("amount " + amount.toPlainString() + " " + currency.getCurrencyCode()
          + " is too large");
    }
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
