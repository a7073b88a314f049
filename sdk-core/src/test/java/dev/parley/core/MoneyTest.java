package dev.parley.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

  private static final Currency EUR = Currency.getInstance("EUR");

  @ParameterizedTest
  @CsvSource({
      "42, EUR, 4200", "42.00, EUR, 4200", "19.9, EUR, 1990", "-0.01, EUR, -1", "4200, JPY, 4200",
      "1.234, KWD, 1234", "0, EUR, 0", "1.5000000, EUR, 150", "4.2E+1, EUR, 4200", "1.5E-1, EUR, 15",
      "92233720368547758.07, EUR, 9223372036854775807", "-92233720368547758.08, EUR, -9223372036854775808",
      "9223372036854775807, JPY, 9223372036854775807"})
  void validAmountsBecomeExactMinorUnits(String text, String currency, long minorUnits) {
    assertEquals(minorUnits, Money.parse(text, currency).minorUnits());
  }

  @Test
  void zeroIsZeroWhateverItsScale() {
    assertEquals(Money.zero("EUR"), Money.ofMajor(new BigDecimal("0E-999999999"), EUR));
    assertEquals(Money.zero("EUR"), Money.ofMajor(new BigDecimal("0E+999999999"), EUR));
  }

  @Test
  void aHugePositiveExponentFailsFastWithAShortMessageAndTheLimit() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> Money.ofMajor(new BigDecimal("1e999999999"), EUR));
    assertEquals("amount 1E+999999999 EUR is too large; the largest is 92233720368547758.07 EUR", e.getMessage());

    e = assertThrows(InvalidRequestException.class, () -> Money.parse("-1.5e2147483647", "JPY"));
    assertEquals("amount -1.5E+2147483647 JPY is too small; the smallest is -9223372036854775808 JPY", e.getMessage());
  }

  @Test
  void aHugeNegativeExponentIsTooManyDecimalPlacesNotAnEndlessMessage() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> Money.ofMajor(new BigDecimal("1e-999999999"), EUR));
    assertEquals("amount 1E-999999999 EUR has more than 2 decimal places; EUR allows 2", e.getMessage());

    e = assertThrows(InvalidRequestException.class, () -> Money.parse("-123456789012345678e-2147483647", "KWD"));
    assertEquals("amount -1.23456789012…E-2147483630 KWD has more than 3 decimal places; KWD allows 3",
        e.getMessage());
  }

  @Test
  void justAboveTheLongIsTooLargeAndNamesTheLimit() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> Money.parse("92233720368547758.08", "EUR"));
    assertEquals("amount 92233720368547758.08 EUR is too large; the largest is 92233720368547758.07 EUR",
        e.getMessage());
    assertThrows(InvalidRequestException.class, () -> Money.parse("1e17", "EUR"));
  }

  @Test
  void moreFractionDigitsThanTheCurrencyHasIsAnErrorNotARounding() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Money.parse("1.5", "JPY"));
    assertEquals("amount 1.5 JPY has more than 0 decimal places; JPY allows 0", e.getMessage());
    assertThrows(InvalidRequestException.class, () -> Money.parse("1.001", "EUR"));
    assertThrows(InvalidRequestException.class, () -> Money.parse("1.5E-2", "EUR"));
  }

  @Test
  void aHugeUnscaledValueIsRefusedWithoutPrintingOrCountingItsDigits() {
    BigDecimal huge = new BigDecimal(BigInteger.ONE.shiftLeft(3_000_000), 900_000); // about 903,000 digits
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Money.ofMajor(huge, EUR));
    assertEquals("amount in EUR has more than 100 digits (3000001 bits, scale 900000); at most 100 are accepted",
        e.getMessage());
  }

  @Test
  void trailingZerosCountTowardsTheDigitLimitAndTheMessageAbbreviates() {
    BigDecimal oneWithZeros = BigDecimal.ONE.setScale(100); // 101 digits
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Money.ofMajor(oneWithZeros, EUR));
    assertEquals("amount 1.00000000000…E+0 EUR has 101 digits; at most 100 are accepted", e.getMessage());
    assertEquals(100, Money.ofMajor(BigDecimal.ONE.setScale(99), EUR).minorUnits());
  }

  @Test
  void longTextIsRefusedBeforeItIsReadAsANumber() {
    String text = "1" + "0".repeat(1_000_000);
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Money.parse(text, "EUR"));
    assertEquals("amount '1" + "0".repeat(38) + "…' is 1000001 characters long; at most 120 are accepted",
        e.getMessage());
  }

  @Test
  void textThatIsNotANumberIsNamed() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Money.parse("12,50", "EUR"));
    assertEquals("amount '12,50' is not a decimal number", e.getMessage());
  }
}
