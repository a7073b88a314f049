package dev.parley.bot.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Relative and calendar dates in English and French, against Wednesday 4 March 2026, 10:00 in Paris. */
class DateTimeEntityTest {

  private final EntityExtractor extractor = EntityExtractor.builder()
      .clock(EntityExtractorTest.CLOCK).zone(EntityExtractorTest.PARIS).build();

  private Entity.DateTime only(String text, Locale language) {
    List<Entity.DateTime> found = extractor.extract(text, language).stream()
        .filter(Entity.DateTime.class::isInstance).map(Entity.DateTime.class::cast).toList();
    assertEquals(1, found.size(), text + " -> " + found);
    Entity.DateTime dateTime = found.get(0);
    assertEquals(EntityExtractorTest.PARIS, dateTime.value().getZone());
    return dateTime;
  }

  private void assertAt(String text, Locale language, int month, int day, int hour, int minute) {
    Entity.DateTime found = only(text, language);
    assertEquals(LocalDateTime.of(found.date().getYear(), month, day, hour, minute),
        found.value().toLocalDateTime(), text);
    assertTrue(found.hasTime(), text + " should carry a time");
  }

  private void assertDay(String text, Locale language, int year, int month, int day) {
    Entity.DateTime found = only(text, language);
    assertEquals(LocalDateTime.of(year, month, day, 0, 0), found.value().toLocalDateTime(), text);
    assertTrue(!found.hasTime(), text + " should be a day only");
  }

  @Test
  void englishRelativeDaysAndTimes() {
    assertAt("can I have it tomorrow 8pm?", Locale.ENGLISH, 3, 5, 20, 0);
    Entity.DateTime span = only("book it for tomorrow at 8:30 pm please", Locale.ENGLISH);
    assertEquals("tomorrow at 8:30 pm", span.span().text());
    assertAt("the day after tomorrow at 10:30", Locale.ENGLISH, 3, 6, 10, 30);
    assertDay("yesterday", Locale.ENGLISH, 2026, 3, 3);
    assertDay("in 3 days", Locale.ENGLISH, 2026, 3, 7);
    assertDay("in two weeks", Locale.ENGLISH, 2026, 3, 18);
    assertAt("in 2 hours", Locale.ENGLISH, 3, 4, 12, 0);
    assertAt("tonight at 8", Locale.ENGLISH, 3, 4, 20, 0);
  }

  @Test
  void englishWeekdays() {
    assertDay("next friday", Locale.ENGLISH, 2026, 3, 6);
    assertDay("on friday", Locale.ENGLISH, 2026, 3, 6);
    assertDay("wednesday", Locale.ENGLISH, 2026, 3, 4);
    assertDay("next wednesday", Locale.ENGLISH, 2026, 3, 11);
    assertAt("8pm on saturday", Locale.ENGLISH, 3, 7, 20, 0);
  }

  @Test
  void englishCalendarDatesTakeTheNextSuchDay() {
    assertDay("on March 10", Locale.ENGLISH, 2026, 3, 10);
    assertDay("March 3rd", Locale.ENGLISH, 2027, 3, 3);
    assertDay("the 3rd of April", Locale.ENGLISH, 2026, 4, 3);
    assertDay("24 December 2026", Locale.ENGLISH, 2026, 12, 24);
    assertDay("on the 15th", Locale.ENGLISH, 2026, 3, 15);
  }

  @Test
  void frenchRelativeDaysAndTimes() {
    assertAt("demain à 20h", Locale.FRENCH, 3, 5, 20, 0);
    assertEquals("demain à 20h", only("c'est possible demain à 20h ?", Locale.FRENCH).span().text());
    assertAt("Demain A 20H30", Locale.FRENCH, 3, 5, 20, 30);
    assertDay("après-demain", Locale.FRENCH, 2026, 3, 6);
    assertDay("apres demain", Locale.FRENCH, 2026, 3, 6);
    assertDay("avant-hier", Locale.FRENCH, 2026, 3, 2);
    assertDay("dans deux semaines", Locale.FRENCH, 2026, 3, 18);
    assertAt("ce soir à 8h", Locale.FRENCH, 3, 4, 20, 0);
    assertAt("à midi", Locale.FRENCH, 3, 4, 12, 0);
    assertAt("dans 30 minutes", Locale.FRENCH, 3, 4, 10, 30);
  }

  @Test
  void frenchWeekdaysAndCalendarDates() {
    assertDay("vendredi prochain", Locale.FRENCH, 2026, 3, 6);
    assertDay("mercredi", Locale.FRENCH, 2026, 3, 4);
    assertDay("mercredi prochain", Locale.FRENCH, 2026, 3, 11);
    assertDay("le 3 mars", Locale.FRENCH, 2027, 3, 3);
    assertDay("le 10 mars", Locale.FRENCH, 2026, 3, 10);
    assertDay("le 1er mai", Locale.FRENCH, 2026, 5, 1);
    assertDay("le 15", Locale.FRENCH, 2026, 3, 15);
    assertAt("samedi à 19h30", Locale.FRENCH, 3, 7, 19, 30);
  }

  @Test
  void numericDatesAreDayFirstUnlessOnlyMonthFirstIsValid() {
    assertDay("2026-12-24", Locale.ENGLISH, 2026, 12, 24);
    assertDay("le 24/12", Locale.FRENCH, 2026, 12, 24);
    assertDay("12/25", Locale.ENGLISH, 2026, 12, 25);
    assertDay("05/04/2027", Locale.FRENCH, 2027, 4, 5);
  }

  @Test
  void aTimeAloneIsTheNextTimeItComes() {
    assertAt("at 8pm", Locale.ENGLISH, 3, 4, 20, 0);
    assertAt("at 9am", Locale.ENGLISH, 3, 5, 9, 0);
    assertAt("vers 14:15", Locale.FRENCH, 3, 4, 14, 15);
  }

  @Test
  void impossibleDatesAndNonTimesAreIgnored() {
    assertTrue(extractor.extract("31/02", Locale.FRENCH).stream().noneMatch(Entity.DateTime.class::isInstance));
    assertTrue(extractor.extract("the 25:99 bus", Locale.ENGLISH).stream()
        .noneMatch(Entity.DateTime.class::isInstance));
    assertTrue(extractor.extract("where is my order", Locale.ENGLISH).isEmpty());
  }
}
