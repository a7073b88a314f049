package dev.parley.bot.nlu;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds entities in a message: order numbers, amounts of money, dates and times (relative ones resolved against
 * the clock, in the zone), quantities, e-mail addresses and phone numbers, in English and French.
 *
 * <pre>{@code
 * EntityExtractor entities = EntityExtractor.builder()
 *     .clock(clock)                                     // Clock.systemUTC() unless set; inject a fixed one in tests
 *     .zone(ZoneId.of("Europe/Paris"))                  // where "tomorrow" and "8pm" are
 *     .orderNumberPattern(Pattern.compile("\\bPO-(?<number>\\d{6})\\b"))
 *     .build();
 * entities.extract("demain à 20h pour 42,50 €", Locale.FRENCH);   // [DateTime(...T20:00+01:00), Amount(EUR 42.50)]
 * }</pre>
 *
 * <p>Where two readings overlap, the earlier kind in this list wins: e-mail, order number, money, date/time,
 * phone, quantity; so "order 12345" is an order number and not a quantity. Entities come back in text order.
 * Used by {@link ExampleRecognizer}, and usable by any other {@link IntentRecognizer}. Immutable and thread-safe.
 */
public final class EntityExtractor {

  static final int EMAIL = 0;
  static final int ORDER = 1;
  static final int MONEY = 2;
  static final int DATE_TIME = 3;
  static final int PHONE = 4;
  static final int QUANTITY = 5;

  /** The default order-number pattern: "#12345", "A-12345", "order 12345", "commande n° 12345". */
  public static final Pattern DEFAULT_ORDER_NUMBER = Pattern.compile("(?:\\b(?:order|commande|cde|cmd)"
      + "(?:\\s+(?:number|no\\.?|nr\\.?|n°|n[º°]|num[eé]ro|num\\.?|is|id))?\\s*[#:]?\\s*|#\\s?|\\b(?=[a-z]{1,3}-\\d))"
      + "(?<number>[a-z]{1,3}-\\d{4,12}|\\d{4,12})\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private static final Pattern EMAIL_ADDRESS = Pattern.compile(
      "(?<![\\w.+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63})*\\.[A-Za-z]{2,24}\\b");
  private static final Pattern PHONE_NUMBER = Pattern.compile("(?<![\\w+])(?:(?:\\+|00)[1-9]\\d{0,2}[ .-]?"
      + "(?:\\(0\\)[ .-]?)?\\d(?:[ .-]?\\d){5,13}|0\\d(?:[ .-]?\\d){8,9})(?![\\d])");
  private static final Pattern QUANTITY_PATTERN = Pattern.compile("(?<![\\w.,€$£#/:+-])(?:x ?)?(\\d+(?:[.,]\\d+)?|"
      + NumberWords.PATTERN + ")(?![\\w.,]?\\d)(?: ?x\\b)?(?:(?: of| de| d')? ?([a-z]{2,}))?");

  /** An entity with the rank of its kind, before overlaps are settled. */
  record Candidate(int priority, Entity entity) {
  }

  private final Clock clock;
  private final ZoneId zone;
  private final Pattern orderNumber;

  private EntityExtractor(Builder builder) {
    this.clock = builder.clock;
    this.zone = builder.zone != null ? builder.zone : builder.clock.getZone();
    this.orderNumber = builder.orderNumber;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The entities in {@code text}, in text order; never null.
   *
   * @param language the message's language, or null; French reads "le 3" as a day of the month
   */
  public List<Entity> extract(String text, Locale language) {
    if (text == null) {
      throw new IllegalArgumentException("text must not be null");
    }
    if (text.isEmpty()) {
      return List.of();
    }
    String folded = TextFolding.fold(text);
    List<Candidate> candidates = new ArrayList<>();
    findEmails(text, candidates);
    findOrderNumbers(text, candidates);
    MoneyFinder.find(text, folded, candidates);
    DateTimeFinder.find(text, folded, ZonedDateTime.now(clock.withZone(zone)), candidates);
    findPhones(text, folded, candidates);
    findQuantities(text, folded, candidates);
    return settle(candidates);
  }

  private void findOrderNumbers(String text, List<Candidate> out) {
    Matcher m = orderNumber.matcher(text);
    while (m.find()) {
      if (m.end() == m.start()) {
        continue;
      }
      String value = hasNumberGroup(m) && m.group("number") != null ? m.group("number") : m.group();
      out.add(new Candidate(ORDER, new Entity.OrderNumber(TextSpan.of(text, m.start(), m.end()),
          value.trim().toUpperCase(Locale.ROOT))));
    }
  }

  private static boolean hasNumberGroup(Matcher m) {
    return m.pattern().pattern().contains("(?<number>");
  }

  private static void findEmails(String text, List<Candidate> out) {
    Matcher m = EMAIL_ADDRESS.matcher(text);
    while (m.find()) {
      out.add(new Candidate(EMAIL, new Entity.Email(TextSpan.of(text, m.start(), m.end()), m.group())));
    }
  }

  private static void findPhones(String text, String folded, List<Candidate> out) {
    Matcher m = PHONE_NUMBER.matcher(folded);
    while (m.find()) {
      String digits = m.group().replace("(0)", "").replaceAll("[ .-]", "");
      if (digits.startsWith("00")) {
        digits = "+" + digits.substring(2);
      }
      int count = digits.startsWith("+") ? digits.length() - 1 : digits.length();
      if (count >= 8 && count <= 15) {
        out.add(new Candidate(PHONE, new Entity.Phone(TextSpan.of(text, m.start(), m.end()), digits)));
      }
    }
  }

  private static void findQuantities(String text, String folded, List<Candidate> out) {
    Matcher m = QUANTITY_PATTERN.matcher(folded);
    while (m.find()) {
      String number = m.group(1);
      java.math.BigDecimal value;
      int wordValue = NumberWords.value(number);
      if (wordValue >= 0) {
        value = java.math.BigDecimal.valueOf(wordValue);
      } else {
        value = new java.math.BigDecimal(number.replace(',', '.'));
      }
      String unit = m.group(2);
      int end = m.end();
      if (unit != null && (Language.ENGLISH.isFiller(unit) || Language.FRENCH.isFiller(unit)
          || unit.equals("x"))) {
        end = m.end(1);
        unit = null;
        String rest = folded.substring(end);
        if (rest.startsWith(" x") && (rest.length() == 2 || !Character.isLetterOrDigit(rest.charAt(2)))) {
          end += 2;
        }
      }
      out.add(new Candidate(QUANTITY, new Entity.Quantity(TextSpan.of(text, m.start(), end), value,
          unit == null ? "" : unit)));
    }
  }

  /** Keeps the best reading of each stretch of text: higher-ranked kinds first, then longer matches. */
  private static List<Entity> settle(List<Candidate> candidates) {
    candidates.sort(Comparator.comparingInt(Candidate::priority)
        .thenComparing(c -> -(c.entity().span().end() - c.entity().span().start()))
        .thenComparingInt(c -> c.entity().span().start()));
    List<Entity> kept = new ArrayList<>();
    for (Candidate candidate : candidates) {
      TextSpan span = candidate.entity().span();
      if (kept.stream().noneMatch(e -> e.span().overlaps(span))) {
        kept.add(candidate.entity());
      }
    }
    kept.sort(Comparator.comparingInt(e -> e.span().start()));
    return List.copyOf(kept);
  }

  /** Settings for an {@link EntityExtractor}. Not thread-safe. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private ZoneId zone;
    private Pattern orderNumber = DEFAULT_ORDER_NUMBER;

    private Builder() {
    }

    /** The clock relative dates count from; the system clock in UTC unless set. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The zone "today" and "8pm" are in; the clock's zone unless set. */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * How order numbers look in your shop. The value is the named group {@code number} when the pattern has
     * one, else the whole match, in upper case. The pattern runs on the text as written (use
     * {@link Pattern#CASE_INSENSITIVE} if you need it) and must not match the empty string.
     */
    public Builder orderNumberPattern(Pattern pattern) {
      Objects.requireNonNull(pattern, "orderNumberPattern");
      if (pattern.matcher("").matches()) {
        throw new IllegalArgumentException("order number pattern '" + IntentNames.cut(pattern.pattern())
            + "' matches the empty string");
      }
      this.orderNumber = pattern;
      return this;
    }

    public EntityExtractor build() {
      return new EntityExtractor(this);
    }
  }
}
