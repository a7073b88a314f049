package dev.parley.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.InvalidRequestException;
import dev.parley.core.Money;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StripeAmountsTest {

  @ParameterizedTest
  @CsvSource({"USD, 0.50", "EUR, 0.50", "GBP, 0.30", "JPY, 50", "HUF, 175.00", "MXN, 10.00"})
  void theMinimumChargeIsAcceptedAndOneMinorUnitLessIsNot(String currency, String minimum) {
    Money atMinimum = Money.parse(minimum, currency);
    StripeAmounts.requireChargeable(atMinimum, "total");

    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> StripeAmounts.requireChargeable(atMinimum.minus(new Money(1, atMinimum.currency())), "total"));
    assertTrue(e.getMessage().contains("below Stripe's minimum charge of"), e.getMessage());
  }

  @Test
  void theMessageNamesTheAmountTheLimitAndTheCurrency() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> StripeAmounts.requireChargeable(Money.parse("0.29", "GBP"), "order 7 total"));
    assertEquals("order 7 total £0.29 is below Stripe's minimum charge of £0.30 in GBP", e.getMessage());
  }

  @Test
  void currenciesWithoutAPublishedMinimumMustBeMoreThanZero() {
    StripeAmounts.requireChargeable(Money.of(1, "KRW"), "total");
    assertTrue(StripeAmounts.minimumCharge(Currency.getInstance("KRW")).isEmpty());
    assertThrows(InvalidRequestException.class, () -> StripeAmounts.requireChargeable(Money.zero("KRW"), "total"));
  }

  @Test
  void nothingAboveEightDigitsOfMinorUnits() {
    StripeAmounts.requireChargeable(Money.parse("999999.99", "USD"), "total");
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> StripeAmounts.requireChargeable(Money.parse("1000000.00", "USD"), "total"));
    assertTrue(e.getMessage().contains("at most $999,999.99"), e.getMessage());
    assertThrows(InvalidRequestException.class,
        () -> StripeAmounts.requireChargeable(Money.of(100_000_000, "JPY"), "total"));
  }

  @ParameterizedTest
  @CsvSource({"BHD", "JOD", "KWD", "OMR", "TND"})
  void threeDecimalCurrenciesEndInZero(String currency) {
    StripeAmounts.requireRepresentable(Money.parse("5.120", currency), "price");
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> StripeAmounts.requireRepresentable(Money.parse("5.124", currency), "price"));
    assertEquals("price is " + currency + " 5.124; Stripe requires " + currency
        + " amounts to end in 0 (e.g. " + currency + " 5.120)", e.getMessage());
  }

  @Test
  void iskIsTwoDecimalButWholeKronur() {
    StripeAmounts.requireChargeable(Money.parse("500", "ISK"), "total");
    assertEquals(50000, Money.parse("500", "ISK").minorUnits());
    assertThrows(InvalidRequestException.class, () -> StripeAmounts.requireRepresentable(Money.parse("500.50", "ISK"), "total"));
  }

  @Test
  void mgaIsZeroDecimalForStripeWhateverTheJdkSays() {
    Money ariary = Money.parse("5000", "MGA");
    assertEquals(5000, ariary.minorUnits());
    StripeAmounts.requireChargeable(ariary, "total");
    assertThrows(InvalidRequestException.class, () -> Money.parse("5000.5", "MGA"));
  }

  @Test
  void negativeAmountsAreRefused() {
    assertThrows(InvalidRequestException.class, () -> StripeAmounts.requireRepresentable(Money.of(-1, "EUR"), "x"));
  }
}
