package dev.parley.bot;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a day and a time of day from a short answer, in English and French, relative ones resolved
 * against the clock in the bot's zone: "2025-03-14 19:30", "14/03 at 8pm", "tomorrow 20h", "demain à
 * 20h", "friday noon". Thread-safe.
 */
final class DateReader {
  private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[ t](\\d{1,2}):(\\d{2}))?\\b");
  private static final Pattern DAY_MONTH = Pattern.compile("\\b(\\d{1,2})[/.](\\d{1,2})(?:[/.](\\d{2,4}))?\\b");
  private static final Pattern CLOCK = Pattern.compile("\\b(\\d{1,2})(?::(\\d{2})|h(\\d{2})?)\\s*(am|pm)?(?!\\w)");
  private static final Pattern HOUR_MERIDIEM = Pattern.compile("\\b(\\d{1,2})\\s*(am|pm)\\b");
  private static final Map<String, Integer> RELATIVE_DAYS = Map.of("today", 0, "tonight", 0, "aujourd'hui", 0,
      "ce soir", 0, "tomorrow", 1, "demain", 1, "day after tomorrow", 2, "apres-demain", 2, "apres demain", 2);
  private static final Map<String, DayOfWeek> WEEKDAYS = Map.ofEntries(
      Map.entry("monday", DayOfWeek.MONDAY), Map.entry("lundi", DayOfWeek.MONDAY),
      Map.entry("tuesday", DayOfWeek.TUESDAY), Map.entry("mardi", DayOfWeek.TUESDAY),
      Map.entry("wednesday", DayOfWeek.WEDNESDAY), Map.entry("mercredi", DayOfWeek.WEDNESDAY),
      Map.entry("thursday", DayOfWeek.THURSDAY), Map.entry("jeudi", DayOfWeek.THURSDAY),
      Map.entry("friday", DayOfWeek.FRIDAY), Map.entry("vendredi", DayOfWeek.FRIDAY),
      Map.entry("saturday", DayOfWeek.SATURDAY), Map.entry("samedi", DayOfWeek.SATURDAY),
      Map.entry("sunday", DayOfWeek.SUNDAY), Map.entry("dimanche", DayOfWeek.SUNDAY));

  private final Clock clock;
  private final ZoneId zone;

  DateReader(Clock clock, ZoneId zone) {
    this.clock = clock;
    this.zone = zone;
  }

  Optional<LocalDate> date(String input) {
    return day(Phrases.fold(input).replace('’', '\''));
  }

  Optional<ZonedDateTime> dateTime(String input) {
    String text = Phrases.fold(input).replace('’', '\'');
    Matcher iso = ISO.matcher(text);
    if (iso.find() && iso.group(4) != null) {
      return at(dateOf(iso.group(1), iso.group(2), iso.group(3)), time(iso.group(4), iso.group(5), null));
    }
    Optional<LocalTime> time = timeOfDay(text.replaceAll(ISO.pattern(), " ").replaceAll(DAY_MONTH.pattern(), " "));
    if (time.isEmpty()) {
      return Optional.empty();
    }
    Optional<LocalDate> day = day(text);
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
    if (day.isPresent()) {
      return at(day.get(), time.get());
    }
    ZonedDateTime today = ZonedDateTime.of(now.toLocalDate(), time.get(), zone);
    return Optional.of(today.isAfter(now) ? today : today.plusDays(1));
  }

  private Optional<ZonedDateTime> at(LocalDate day, LocalTime time) {
    if (day == null || time == null) {
      return Optional.empty();
    }
    return Optional.of(ZonedDateTime.of(day, time, zone));
  }

  private Optional<LocalDate> day(String text) {
    LocalDate today = LocalDate.now(clock.withZone(zone));
    Matcher iso = ISO.matcher(text);
    if (iso.find()) {
      return Optional.ofNullable(dateOf(iso.group(1), iso.group(2), iso.group(3)));
    }
    Matcher dayMonth = DAY_MONTH.matcher(text);
    if (dayMonth.find()) {
      String year = dayMonth.group(3);
      if (year == null) {
        LocalDate candidate = dateOf(String.valueOf(today.getYear()), dayMonth.group(2), dayMonth.group(1));
        return Optional.ofNullable(candidate == null || !candidate.isBefore(today) ? candidate : candidate.plusYears(1));
      }
      String fullYear = year.length() == 2 ? "20" + year : year;
      return Optional.ofNullable(dateOf(fullYear, dayMonth.group(2), dayMonth.group(1)));
    }
    // longest phrase first: "day after tomorrow" before "tomorrow"
    String best = null;
    for (String phrase : RELATIVE_DAYS.keySet()) {
      if (containsWord(text, phrase) && (best == null || phrase.length() > best.length())) {
        best = phrase;
      }
    }
    if (best != null) {
      return Optional.of(today.plusDays(RELATIVE_DAYS.get(best)));
    }
    for (Map.Entry<String, DayOfWeek> weekday : WEEKDAYS.entrySet()) {
      if (containsWord(text, weekday.getKey())) {
        return Optional.of(today.with(TemporalAdjusters.next(weekday.getValue())));
      }
    }
    return Optional.empty();
  }

  private static Optional<LocalTime> timeOfDay(String text) {
    if (containsWord(text, "noon") || containsWord(text, "midi")) {
      return Optional.of(LocalTime.NOON);
    }
    if (containsWord(text, "midnight") || containsWord(text, "minuit")) {
      return Optional.of(LocalTime.MIDNIGHT);
    }
    Matcher clockTime = CLOCK.matcher(text);
    if (clockTime.find()) {
      String minutes = clockTime.group(2) != null ? clockTime.group(2) : clockTime.group(3);
      return Optional.ofNullable(time(clockTime.group(1), minutes, clockTime.group(4)));
    }
    Matcher meridiem = HOUR_MERIDIEM.matcher(text);
    if (meridiem.find()) {
      return Optional.ofNullable(time(meridiem.group(1), null, meridiem.group(2)));
    }
    return Optional.empty();
  }

  private static LocalTime time(String hours, String minutes, String meridiem) {
    int hour = Integer.parseInt(hours);
    int minute = minutes == null ? 0 : Integer.parseInt(minutes);
    if (meridiem != null) {
      if (hour < 1 || hour > 12) {
        return null;
      }
      hour = hour % 12 + ("pm".equals(meridiem) ? 12 : 0);
    }
    if (hour > 23 || minute > 59) {
      return null;
    }
    return LocalTime.of(hour, minute);
  }

  private static LocalDate dateOf(String year, String month, String day) {
    try {
      return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static boolean containsWord(String text, String phrase) {
    return Pattern.compile("(?<![\\w'])" + Pattern.quote(phrase) + "(?![\\w'])").matcher(text).find();
  }
}
