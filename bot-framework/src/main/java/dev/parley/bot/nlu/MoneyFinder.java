package dev.parley.bot.nlu;

import dev.parley.core.Money;
import dev.parley.core.ParleyException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amounts with a currency in a folded text: "€42", "42,50 €", "42€50", "$10.99", "42 EUR", "EUR 42", "42 euros",
 * "1 299,90 €", "1,299.90 USD". A number alone is not money. Separators: the last of '.' or ',' is the decimal
 * point when both appear; alone, it is a thousands separator when exactly three digits follow ("1.000",
 * "1,000"), a decimal point otherwise ("42,5", "10.99"). Spaces and apostrophes group thousands.
 */
final class MoneyFinder {

  private static final Map<String, String> CURRENCIES = Map.ofEntries(
      Map.entry("€", "EUR"), Map.entry("$", "USD"), Map.entry("us$", "USD"), Map.entry("£", "GBP"),
      Map.entry("¥", "JPY"), Map.entry("euro", "EUR"), Map.entry("euros", "EUR"), Map.entry("dollar", "USD"),
      Map.entry("dollars", "USD"), Map.entry("livres sterling", "GBP"), Map.entry("francs suisses", "CHF"));
  private static final String CODES = "eur|usd|gbp|chf|cad|aud|jpy|sek|nok|dkk|pln|czk|mad|xof|xaf|tnd";
  private static final String NUMBER = "\\d{1,3}(?:[ '.,]\\d{3})+(?:[.,]\\d{1,3})?|\\d+(?:[.,]\\d{1,3})?";
  private static final String SYMBOL = "us\\$|€|\\$|£|¥";
  private static final String AFTER = SYMBOL + "|(?<![a-z])(?:" + CODES + "|euros?|dollars?|livres sterling"
      + "|francs suisses)(?![a-z])";
  private static final String BEFORE = SYMBOL + "|(?<![a-z])(?:" + CODES + ")(?![a-z])";

  private static final Pattern EURO_CENTS = Pattern.compile("(?<![\\d.,])(\\d+) ?€ ?(\\d{2})(?![\\d.,])");
  private static final Pattern AMOUNT_FIRST = Pattern.compile(
      "(?<![\\d.,])(" + NUMBER + ") ?(" + AFTER + ")");
  private static final Pattern CURRENCY_FIRST = Pattern.compile(
      "(" + BEFORE + ") ?(" + NUMBER + ")(?![\\d]|[.,]\\d)");

  private MoneyFinder() {
  }

  static void find(String original, String folded, List<EntityExtractor.Candidate> out) {
    if (folded.chars().noneMatch(Character::isDigit)) {
      return;
    }
    Matcher cents = EURO_CENTS.matcher(folded);
    while (cents.find()) {
      add(original, cents.start(), cents.end(), cents.group(1) + "." + cents.group(2), "€", out);
    }
    Matcher amountFirst = AMOUNT_FIRST.matcher(folded);
    while (amountFirst.find()) {
      add(original, amountFirst.start(), amountFirst.end(), amountFirst.group(1), amountFirst.group(2), out);
    }
    Matcher currencyFirst = CURRENCY_FIRST.matcher(folded);
    while (currencyFirst.find()) {
      add(original, currencyFirst.start(), currencyFirst.end(), currencyFirst.group(2), currencyFirst.group(1),
          out);
    }
  }

  private static void add(String original, int start, int end, String number, String currency,
      List<EntityExtractor.Candidate> out) {
    String code = CURRENCIES.getOrDefault(currency, currency.toUpperCase(java.util.Locale.ROOT));
    try {
      Money money = Money.parse(decimal(number).toPlainString(), code);
      out.add(new EntityExtractor.Candidate(EntityExtractor.MONEY,
          new Entity.Amount(TextSpan.of(original, start, end), money)));
    } catch (ParleyException | NumberFormatException e) {
      // More decimals than the currency has ("1.5 JPY") or too large: not an amount we can stand behind.
    }
  }

  static BigDecimal decimal(String raw) {
    String s = raw.replace(" ", "").replace("'", "");
    int dot = s.lastIndexOf('.');
    int comma = s.lastIndexOf(',');
    if (dot >= 0 && comma >= 0) {
      char decimalPoint = dot > comma ? '.' : ',';
      char grouping = dot > comma ? ',' : '.';
      s = s.replace(String.valueOf(grouping), "").replace(decimalPoint, '.');
    } else if (dot >= 0 || comma >= 0) {
      char separator = dot >= 0 ? '.' : ',';
      int at = Math.max(dot, comma);
      boolean grouping = s.indexOf(separator) != at || s.length() - at - 1 == 3;
      s = grouping ? s.replace(String.valueOf(separator), "") : s.replace(separator, '.');
    }
    return new BigDecimal(s);
  }
}
