package dev.parley.payments;

import dev.parley.core.InvalidRequestException;
import dev.parley.core.Money;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Stripe's own rules for amounts, on top of {@link Money}'s exponent table: the minimum and maximum
 * charge, and the minor-unit digits Stripe refuses.
 *
 * <ul>
 *   <li>Three-decimal currencies (BHD JOD KWD OMR TND): the last minor-unit digit must be 0
 *       (5.124 KWD cannot be charged; 5.120 can). Source: Stripe's currencies page.
 *   <li>ISK is two-decimal in Stripe's API, but the decimals must be 00.
 *   <li>Every amount has at most eight digits: {@code 99999999} minor units ($999,999.99).
 *   <li>The minimum charge is $0.50 or its equivalent, judged in the settlement currency. The
 *       table here holds the minimums Stripe publishes per currency; for other currencies Stripe
 *       converts, which cannot be known offline, so only "more than zero" is checked.
 * </ul>
 *
 * Checking before creating a Checkout Session turns Stripe's late {@code amount_too_small} into
 * a clear error while the merchant still has the order in hand. Stateless and thread-safe.
 */
public final class StripeAmounts {

  /** The largest amount Stripe takes in one charge, in minor units: eight digits. */
  public static final long MAXIMUM_MINOR_UNITS = 99_999_999L;

  private static final Map<String, Long> MINIMUMS = Map.ofEntries(
      Map.entry("USD", 50L), Map.entry("EUR", 50L), Map.entry("CAD", 50L), Map.entry("AUD", 50L),
      Map.entry("NZD", 50L), Map.entry("SGD", 50L), Map.entry("CHF", 50L), Map.entry("BRL", 50L),
      Map.entry("INR", 50L), Map.entry("GBP", 30L), Map.entry("JPY", 50L), Map.entry("DKK", 250L),
      Map.entry("NOK", 300L), Map.entry("SEK", 300L), Map.entry("HKD", 400L), Map.entry("PLN", 200L),
      Map.entry("RON", 200L), Map.entry("MYR", 200L), Map.entry("AED", 200L), Map.entry("BGN", 100L),
      Map.entry("CZK", 1500L), Map.entry("HUF", 17500L), Map.entry("MXN", 1000L), Map.entry("THB", 1000L));

  private StripeAmounts() {}

  /** Stripe's published minimum charge in this currency, or empty when Stripe converts from USD. */
  public static Optional<Money> minimumCharge(Currency currency) {
    Long minor = MINIMUMS.get(currency.getCurrencyCode());
    return minor == null ? Optional.empty() : Optional.of(new Money(minor, currency));
  }

  /** The largest single charge Stripe takes in this currency. */
  public static Money maximumCharge(Currency currency) {
    return new Money(MAXIMUM_MINOR_UNITS, currency);
  }

  /**
   * Checks that Stripe can carry {@code amount} in a request at all: not negative, at most eight
   * digits, last digit 0 in a three-decimal currency, whole krónur in ISK.
   *
   * @param field what the amount is, for the message: {@code "unit price of 'Espresso'"}
   * @throws InvalidRequestException naming the field, the amount and the rule
   */
  public static void requireRepresentable(Money amount, String field) {
    if (amount.isNegative()) {
      throw new InvalidRequestException(field + " is " + amount + "; Stripe amounts cannot be negative");
    }
    if (amount.minorUnits() > MAXIMUM_MINOR_UNITS) {
      throw new InvalidRequestException(field + " is " + display(amount) + "; Stripe takes at most "
          + display(maximumCharge(amount.currency())) + " (eight digits in minor units)");
    }
    String code = amount.currencyCode();
    if (amount.exponent() == 3 && amount.minorUnits() % 10 != 0) {
      throw new InvalidRequestException(field + " is " + amount + "; Stripe requires " + code
          + " amounts to end in 0 (e.g. " + new Money(amount.minorUnits() / 10 * 10, amount.currency()) + ")");
    }
    if ("ISK".equals(code) && amount.minorUnits() % 100 != 0) {
      throw new InvalidRequestException(field + " is " + amount + "; Stripe requires ISK amounts in whole krónur");
    }
  }

  /**
   * Checks that {@code total} can be charged: representable, at most the maximum, at least the
   * minimum (or more than zero where Stripe publishes none).
   *
   * @throws InvalidRequestException with the total and the limit:
   *     "order total ¥30 is below Stripe's minimum charge of ¥50 in JPY"
   */
  public static void requireChargeable(Money total, String field) {
    requireRepresentable(total, field);
    Optional<Money> minimum = minimumCharge(total.currency());
    if (minimum.isPresent() && total.compareTo(minimum.get()) < 0) {
      throw new InvalidRequestException(field + " " + display(total) + " is below Stripe's minimum charge of "
          + display(minimum.get()) + " in " + total.currencyCode());
    }
    if (!total.isPositive()) {
      throw new InvalidRequestException(field + " is " + display(total) + "; Stripe cannot charge nothing");
    }
  }

  private static String display(Money amount) {
    return amount.format(Locale.US);
  }
}
