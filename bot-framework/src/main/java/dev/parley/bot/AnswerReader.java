package dev.parley.bot;

import dev.parley.bot.nlu.Entity;
import dev.parley.bot.nlu.EntityExtractor;
import dev.parley.core.message.QuickReply;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a customer's answer to a {@link Prompt} into the prompt's type: dates, times, e-mail addresses,
 * phone numbers and spelt-out numbers through the recognizer's {@link EntityExtractor} (English and
 * French, relative dates resolved on the bot's clock in its zone), choices and yes/no here. Thread-safe.
 */
final class AnswerReader {
  private static final Pattern NUMBER = Pattern.compile("(?<![\\w.,])[-+]?\\d+(?:[.,]\\d+)?(?![\\w])");
  private static final Set<String> YES = Set.of("yes", "y", "yeah", "yep", "yup", "sure", "ok", "okay", "of course",
      "absolutely", "correct", "right", "yes please", "oui", "o", "ouais", "d'accord", "dac", "bien sur", "volontiers",
      "oui merci", "exactement", "tout a fait");
  private static final Set<String> NO = Set.of("no", "n", "nope", "nah", "no thanks", "no thank you", "not really",
      "non", "non merci", "pas du tout", "surtout pas");

  private final EntityExtractor entities;

  AnswerReader(Clock clock, ZoneId zone) {
    this.entities = EntityExtractor.builder().clock(clock).zone(zone).build();
  }

  /**
   * The answer as the prompt's type (String, Long, BigDecimal, Boolean, ZonedDateTime, LocalDate), or
   * empty when it cannot be read as one.
   *
   * @param language the message's language if the recognizer told it, or null
   */
  Optional<Object> read(Prompt<?> prompt, String text, String payload, Locale language) {
    String input = text == null ? "" : text.strip();
    switch (prompt.kind) {
      case TEXT:
        return input.isEmpty() ? Optional.empty() : Optional.of(input);
      case CHOICE:
        return choice(prompt.choices, input, payload).map(QuickReply::payload);
      case YES_NO:
        return yesNo(input, payload);
      case INTEGER:
        return number(input, language).flatMap(n -> {
          try {
            return Optional.of((Object) n.longValueExact());
          } catch (ArithmeticException e) {
            return Optional.empty();
          }
        });
      case NUMBER:
        return number(input, language).map(n -> (Object) n);
      case EMAIL:
        return only(input, language, Entity.Email.class).map(email -> (Object) email.address());
      case PHONE:
        return only(input, language, Entity.Phone.class).map(phone -> (Object) phone.number());
      case DATE:
        return only(input, language, Entity.DateTime.class).map(date -> (Object) date.date());
      case DATE_TIME:
        return only(input, language, Entity.DateTime.class).filter(Entity.DateTime::hasTime)
            .map(dateTime -> (Object) dateTime.value());
      default:
        throw new IllegalStateException("unknown prompt kind " + prompt.kind);
    }
  }

  /** The one entity of {@code kind} in the answer; empty when there is none, or several (ambiguous). */
  private <T extends Entity> Optional<T> only(String input, Locale language, Class<T> kind) {
    if (input.isEmpty()) {
      return Optional.empty();
    }
    List<T> found = new ArrayList<>();
    for (Entity entity : entities.extract(input, language)) {
      if (kind.isInstance(entity)) {
        found.add(kind.cast(entity));
      }
    }
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
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

  private Optional<BigDecimal> number(String input, Locale language) {
    Optional<Entity.Quantity> quantity = only(input, language, Entity.Quantity.class);
    if (quantity.isPresent()) {
      return Optional.of(quantity.get().value());
    }
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
}
