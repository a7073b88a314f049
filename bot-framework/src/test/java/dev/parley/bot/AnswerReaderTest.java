package dev.parley.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerReaderTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final AnswerReader READER =
      new AnswerReader(Clock.fixed(Instant.parse("2025-01-06T09:00:00Z"), PARIS), PARIS);

  private static Optional<Object> read(Prompt<?> prompt, String text) {
    return READER.read(prompt, text, null, null);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "4|4", "4 people|4", "quatre|4", "we are 12|12", "2.5|", "a few|", "3 adults and 2 kids|"})
  void integers(String answer, Long expected) {
    assertEquals(Optional.ofNullable(expected), read(Prompt.integer("n?"), answer));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"12,50|12.50", "about 7.5|7.5", "-3|-3", "none|"})
  void numbers(String answer, BigDecimal expected) {
    Optional<Object> read = read(Prompt.number("n?"), answer);
    assertEquals(expected == null, read.isEmpty(), answer);
    if (expected != null) {
      assertEquals(0, expected.compareTo((BigDecimal) read.get()), answer + " read as " + read.get());
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "demain à 20h|2025-01-07T20:00+01:00[Europe/Paris]",
      "tomorrow 8pm|2025-01-07T20:00+01:00[Europe/Paris]",
      "2025-03-14 19:30|2025-03-14T19:30+01:00[Europe/Paris]",
      "tomorrow|", "no idea|"})
  void dateTimesNeedADayAndATime(String answer, String expected) {
    assertEquals(Optional.ofNullable(expected).map(ZonedDateTime::parse), read(Prompt.dateTime("when?"), answer));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"le 14 mars|2025-03-14", "tomorrow|2025-01-07", "someday|"})
  void dates(String answer, LocalDate expected) {
    assertEquals(Optional.ofNullable(expected), READER.read(Prompt.date("day?"), answer, null, Locale.FRENCH));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"Yes|true", "yep|true", "d’accord|true", "Non merci|false", "NO|false",
      "perhaps|"})
  void yesNo(String answer, Boolean expected) {
    assertEquals(Optional.ofNullable(expected), read(Prompt.yesNo("ok?"), answer));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"mail me at ada@example.com|ada@example.com", "ada at example dot com|",
      "a@b.fr or c@d.fr|"})
  void emails(String answer, String expected) {
    assertEquals(Optional.ofNullable(expected), read(Prompt.email("e-mail?"), answer));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"Paris|Paris", "2|Lyon", "lil|Lille", "the lyon one|Lyon", "L|", "4|"})
  void choices(String answer, String expected) {
    assertEquals(Optional.ofNullable(expected), read(Prompt.choice("where?", "Paris", "Lyon", "Lille"), answer));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"  Ada Lovelace |Ada Lovelace", "'   '|"})
  void text(String answer, String expected) {
    assertEquals(Optional.ofNullable(expected), read(Prompt.text("name?"), answer.replace("'", "")));
  }
}
