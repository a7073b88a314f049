package dev.parley.bot;

import dev.parley.core.message.QuickReply;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a customer's answer to a {@link Prompt} into the prompt's type. Thread-safe. */
final class AnswerReader {
  private static final Pattern NUMBER = Pattern.compile("(?<![\\w.,])[-+]?\\d+(?:[.,]\\d+)?(?![\\w])");
  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
  private static final Pattern PHONE = Pattern.compile("(?<![\\w+])(?:\\+|00)?\\d[\\d .()\\-]{5,}\\d(?!\\w)");
  private static final Set<String> YES = Set.of("yes", "y", "yeah", "yep", "yup", "sure", "ok", "okay", "of course",
      "absolutely", "correct", "right", "yes please", "oui", "o", "ouais", "d'accord", "dac", "bien sur", "volontiers",
      "oui merci", "exactement", "tout a fait");
  private static final Set<String> NO = Set.of("no", "n", "nope", "nah", "no thanks", "no thank you", "not really",
      "non", "non merci", "pas du tout", "surtout pas");

  private final DateReader dates;

  AnswerReader(Clock clock, ZoneId zone) {
    this.dates = new DateReader(clock, zone);
  }

  /**
   * The answer as the prompt's type (String, Long, BigDecimal, Boolean, ZonedDateTime, LocalDate), or
   * empty when it cannot be read as one.
   */
  Optional<Object> read(Prompt<?> prompt, String text, String payload) {
    String input = text == null ? "" : text.strip();
    switch (prompt.kind) {
      case TEXT:
        return input.isEmpty() ? Optional.empty() : Optional.of(input);
      case CHOICE:
        return choice(prompt.choices, input, payload).map(QuickReply::payload);
      case YES_NO:
        return yesNo(input, payload);
      case INTEGER:
        return number(input).flatMap(n -> {
          try {
            return Optional.of((Object) n.longValueExact());
          } catch (ArithmeticException e) {
            return Optional.empty();
          }
        });
      case NUMBER:
        return number(input).map(n -> (Object) n);
      case EMAIL:
        return find(EMAIL, input).map(email -> (Object) email);
      case PHONE:
        return phone(input).map(phone -> (Object) phone);
      case DATE:
        return dates.date(input).map(date -> (Object) date);
      case DATE_TIME:
        return dates.dateTime(input).map(dateTime -> (Object) dateTime);
      default:
        throw new IllegalStateException("unknown prompt kind " + prompt.kind);
    }
  }

  /** The slot value of a typed answer: dates as ISO text, the rest as they are. */
  static Object slotValue(Object answer) {
    if (answer instanceof LocalDate || answer instanceof ZonedDateTime) {
      return answer.toString();
    }
    return answer;
  }

  static Optional<QuickReply> choice(List<QuickReply> choices, String input, String payload) {
    if (payload != null) {
      for (QuickReply choice : choices) {
        if (choice.payload().equals(payload)) {
          return Optional.of(choice);
        }
      }
    }
    String folded = Phrases.fold(input);
    if (folded.isEmpty()) {
      return Optional.empty();
    }
    for (QuickReply choice : choices) {
      if (Phrases.fold(choice.title()).equals(folded) || Phrases.fold(choice.payload()).equals(folded)) {
        return Optional.of(choice);
      }
    }
    if (folded.matches("\\d{1,2}")) {
      int index = Integer.parseInt(folded);
      if (index >= 1 && index <= choices.size()) {
        return Optional.of(choices.get(index - 1));
      }
    }
    if (folded.length() >= 3) {
      List<QuickReply> partial = new ArrayList<>();
      for (QuickReply choice : choices) {
        String title = Phrases.fold(choice.title());
        if (title.contains(folded) || (folded.contains(title) && title.length() >= 3)) {
          partial.add(choice);
        }
      }
      if (partial.size() == 1) {
        return Optional.of(partial.get(0));
      }
    }
    return Optional.empty();
  }

  private static Optional<Object> yesNo(String input, String payload) {
    if (PromptKind.YES.equals(payload)) {
      return Optional.of(Boolean.TRUE);
    }
    if (PromptKind.NO.equals(payload)) {
      return Optional.of(Boolean.FALSE);
    }
    String folded = Phrases.fold(input).replace('’', '\'');
    if (YES.contains(folded)) {
      return Optional.of(Boolean.TRUE);
    }
    if (NO.contains(folded)) {
      return Optional.of(Boolean.FALSE);
    }
    return Optional.empty();
  }

  private static Optional<BigDecimal> number(String input) {
    Matcher matcher = NUMBER.matcher(input);
    BigDecimal found = null;
    while (matcher.find()) {
      if (found != null) {
        return Optional.empty(); // two numbers: ambiguous
      }
      found = new BigDecimal(matcher.group().replace(',', '.').replace("+", ""));
    }
    return Optional.ofNullable(found);
  }

  private static Optional<String> find(Pattern pattern, String input) {
    Matcher matcher = pattern.matcher(input);
    return matcher.find() ? Optional.of(matcher.group()) : Optional.empty();
  }

  private static Optional<String> phone(String input) {
    Matcher matcher = PHONE.matcher(input);
    if (!matcher.find()) {
      return Optional.empty();
    }
    String raw = matcher.group();
    String digits = raw.replaceAll("[^\\d]", "");
    boolean international = raw.startsWith("+") || raw.startsWith("00");
    if (raw.startsWith("00")) {
      digits = digits.substring(2);
    }
    if (digits.length() < 7 || digits.length() > 15) {
      return Optional.empty();
    }
    return Optional.of(international ? "+" + digits : digits);
  }
}
