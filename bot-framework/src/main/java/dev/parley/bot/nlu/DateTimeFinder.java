package dev.parley.bot.nlu;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates and times in a folded English or French text, resolved against "now" in the extractor's zone.
 *
 * <ul>
 *   <li>Days: today, tomorrow, the day after tomorrow, yesterday, aujourd'hui, demain, après-demain, hier,
 *       avant-hier, tonight, ce soir; "in 3 days", "dans deux semaines", "next week", "la semaine prochaine".
 *   <li>Weekdays: "friday" and "ce vendredi" are today if it is Friday, else the next Friday; "next friday" and
 *       "vendredi prochain" the first Friday after today.
 *   <li>Calendar dates: "March 3", "3rd of March", "le 3 mars", "1er mai 2027", "3/4" (day first, as in Europe,
 *       unless only the other reading is a valid date: "12/25" is December 25), "2026-03-03", "the 3rd", "le 3";
 *       without a year, the next such day from today.
 *   <li>Times: "8pm", "8:30 am", "20:00", "20h", "20h30", "noon", "midi", "minuit", "at 8"; "at 8" with "tonight",
 *       "ce soir", "du soir" or "in the evening" is 20:00. "in 2 hours", "dans 30 minutes" count from now.
 * </ul>
 * A day and a time next to each other ("tomorrow 8pm", "demain à 20h", "8pm on friday") make one entity; a time
 * alone is today if still to come, else tomorrow.
 */
final class DateTimeFinder {

  private static final String MONTHS = "january|february|march|april|may|june|july|august|september|october"
      + "|november|december|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre"
      + "|janv|fevr|avr|juil|sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec";
  private static final Map<String, Integer> MONTH_NUMBERS = monthNumbers();
  private static final String WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
      + "|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche";
  private static final String COUNT = "\\d{1,3}|" + NumberWords.PATTERN + "|a|an|one|un|une";

  private static final Pattern RELATIVE_DAY = Pattern.compile("\\b(?:(?:the )?day after tomorrow|apres[ -]demain"
      + "|(?:the )?day before yesterday|avant[ -]hier|today|aujourd'hui|aujourd hui|tonight|this evening"
      + "|this morning|this afternoon|ce soir|ce matin|cet apres-midi|tomorrow|demain|yesterday|hier"
      + "|next week|la semaine prochaine|semaine prochaine)\\b");
  private static final Pattern IN_DAYS = Pattern.compile("\\b(?:in|dans) (" + COUNT + ") (days?|weeks?|jours?"
      + "|semaines?)\\b");
  private static final Pattern IN_HOURS = Pattern.compile("\\b(?:in|dans) (" + COUNT + ") (hours?|hrs?"
      + "|minutes?|mins?|heures?|h)\\b");
  private static final Pattern WEEKDAY = Pattern.compile("\\b(?:(next|this|on|coming|ce) )?(" + WEEKDAYS
      + ")(?: (prochain|next))?\\b");
  private static final Pattern DAY_MONTH = Pattern.compile("\\b(?:(?:on )?the |le )?(\\d{1,2}|1er|premier)"
      + "(?:st|nd|rd|th)? (?:of )?(" + MONTHS + ")\\.?(?:,? (\\d{4}))?\\b");
  private static final Pattern MONTH_DAY = Pattern.compile("\\b(" + MONTHS + ")\\.? (?:the )?(\\d{1,2})"
      + "(?:st|nd|rd|th)?(?:,? (\\d{4}))?\\b");
  private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
  private static final Pattern NUMERIC = Pattern.compile("(?<![\\d/])(\\d{1,2})/(\\d{1,2})(?:/(\\d{4}|\\d{2}))?"
      + "(?![\\d/])");
  private static final Pattern DAY_ONLY = Pattern.compile("\\b(?:on the (\\d{1,2})(?:st|nd|rd|th)|le (\\d{1,2}|1er)"
      + "(?! ?(?:h\\b|h\\d|:|/|\\d|%|€|\\$|euros?|eur\\b|x\\b)))\\b");
  private static final Pattern TWELVE_HOUR = Pattern.compile("\\b(\\d{1,2})(?:[:.h](\\d{2}))? ?([ap])\\.?m\\b\\.?");
  private static final Pattern CLOCK = Pattern.compile("(?<![\\d:.,])(\\d{1,2}):(\\d{2})(?![\\d:])");
  private static final Pattern FRENCH_HOURS = Pattern.compile("(?<![\\d:.,])(\\d{1,2}) ?h(?: ?(\\d{2}))?(?![\\d])"
      + "(?![a-z])");
  private static final Pattern NAMED_TIME = Pattern.compile("\\b(noon|midday|midi|midnight|minuit)\\b");
  private static final Pattern AT_HOUR = Pattern.compile("\\b(?:at|a|vers|around) (\\d{1,2})\\b"
      + "(?! ?(?:h\\b|h\\d|:|\\d|%|€|\\$|[ap]\\.?m|euros?|eur\\b|/|x\\b|[.,]\\d))");
  private static final Pattern EVENING = Pattern.compile("\\b(tonight|this evening|ce soir|du soir|in the evening"
      + "|de l'apres-midi|in the afternoon|this afternoon|cet apres-midi)\\b");
  private static final Pattern JOINER = Pattern.compile("[ ,]*(?:at|a|vers|around|on|le|des|from|@)?[ ,]*");

  private static final Set<String> DAY_WORDS = Set.of("today", "aujourd", "tonight", "evening", "morning",
      "afternoon", "soir", "matin", "apres", "tomorrow", "demain", "yesterday", "hier", "week", "semaine");
  private static final Set<String> WEEKDAY_WORDS = Set.of(WEEKDAYS.split("\\|"));
  private static final Set<String> TIME_WORDS = Set.of("noon", "midday", "midi", "midnight", "minuit");
  private static final Set<String> IN_WORDS = Set.of("in", "dans");
  private static final Set<String> EVENING_WORDS = Set.of("tonight", "evening", "soir", "afternoon", "apres");

  /** The words and whether there are digits: most messages have no date, and most patterns need one of them. */
  private record Clues(Set<String> words, boolean digits) {
    static Clues of(String folded) {
      boolean digits = false;
      for (int i = 0; i < folded.length() && !digits; i++) {
        digits = Character.isDigit(folded.charAt(i));
      }
      return new Clues(new HashSet<>(TextFolding.tokens(folded)), digits);
    }

    boolean anyOf(Set<String> wanted) {
      for (String word : wanted) {
        if (words.contains(word)) {
          return true;
        }
      }
      return false;
    }
  }

  /** A day or a time found alone, before pieces next to each other are joined. */
  private record Piece(int start, int end, LocalDate date, LocalTime time, boolean complete) {
  }

  private DateTimeFinder() {
  }

  static void find(String original, String folded, ZonedDateTime now, List<EntityExtractor.Candidate> out) {
    Clues clues = Clues.of(folded);
    if (!clues.digits() && !clues.anyOf(DAY_WORDS) && !clues.anyOf(WEEKDAY_WORDS) && !clues.anyOf(TIME_WORDS)
        && !clues.anyOf(IN_WORDS)) {
      return;
    }
    boolean evening = clues.anyOf(EVENING_WORDS) && EVENING.matcher(folded).find();
    List<Piece> days = new ArrayList<>();
    List<Piece> times = new ArrayList<>();
    LocalDate today = now.toLocalDate();
    findDays(folded, clues, today, days);
    findTimes(folded, clues, now, evening, times, days);
    List<Piece> dayPieces = nonOverlapping(days);
    List<Piece> timePieces = nonOverlapping(times);
    List<Piece> joined = new ArrayList<>();
    for (Piece day : dayPieces) {
      Piece partner = null;
      for (Piece time : timePieces) {
        if (!time.complete() && !overlaps(time, day) && adjacent(folded, day, time)) {
          partner = time;
          break;
        }
      }
      if (partner != null) {
        timePieces.remove(partner);
        joined.add(new Piece(Math.min(day.start(), partner.start()), Math.max(day.end(), partner.end()),
            day.date(), partner.time(), true));
      } else {
        joined.add(day);
      }
    }
    for (Piece time : timePieces) {
      if (time.date() != null) {
        joined.add(time);
      } else {
        LocalDate date = time.time().isAfter(now.toLocalTime()) ? today : today.plusDays(1);
        joined.add(new Piece(time.start(), time.end(), date, time.time(), true));
      }
    }
    for (Piece piece : joined) {
      ZonedDateTime value = piece.time() == null ? piece.date().atStartOfDay(now.getZone())
          : ZonedDateTime.of(piece.date(), piece.time(), now.getZone());
      out.add(new EntityExtractor.Candidate(EntityExtractor.DATE_TIME,
          new Entity.DateTime(TextSpan.of(original, piece.start(), piece.end()), value, piece.time() != null)));
    }
  }

  private static void findDays(String folded, Clues clues, LocalDate today, List<Piece> days) {
    Matcher m = RELATIVE_DAY.matcher(folded);
    while (clues.anyOf(DAY_WORDS) && m.find()) {
      days.add(day(m, relativeDay(m.group(), today)));
    }
    m = IN_DAYS.matcher(folded);
    while (clues.anyOf(IN_WORDS) && m.find()) {
      int count = count(m.group(1));
      if (count >= 0) {
        days.add(day(m, m.group(2).startsWith("w") || m.group(2).startsWith("s")
            ? today.plusWeeks(count) : today.plusDays(count)));
      }
    }
    m = WEEKDAY.matcher(folded);
    while (clues.anyOf(WEEKDAY_WORDS) && m.find()) {
      DayOfWeek target = weekday(m.group(2));
      boolean next = "next".equals(m.group(1)) || m.group(3) != null;
      LocalDate date = today.plusDays((target.getValue() - today.getDayOfWeek().getValue() + 7) % 7);
      if (next && date.equals(today)) {
        date = date.plusWeeks(1);
      }
      days.add(day(m, date));
    }
    if (!clues.digits()) {
      return;
    }
    m = DAY_MONTH.matcher(folded);
    while (m.find()) {
      addCalendar(m, dayNumber(m.group(1)), MONTH_NUMBERS.get(m.group(2)), m.group(3), today, days);
    }
    m = MONTH_DAY.matcher(folded);
    while (m.find()) {
      addCalendar(m, Integer.parseInt(m.group(2)), MONTH_NUMBERS.get(m.group(1)), m.group(3), today, days);
    }
    m = ISO.matcher(folded);
    while (m.find()) {
      addCalendar(m, Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)), m.group(1), today, days);
    }
    m = NUMERIC.matcher(folded);
    while (m.find()) {
      int first = Integer.parseInt(m.group(1));
      int second = Integer.parseInt(m.group(2));
      String year = m.group(3) == null ? null : m.group(3).length() == 2 ? "20" + m.group(3) : m.group(3);
      if (second > 12 && first <= 12) {
        addCalendar(m, second, first, year, today, days);
      } else {
        addCalendar(m, first, second, year, today, days);
      }
    }
    m = DAY_ONLY.matcher(folded);
    while (m.find()) {
      int dayOfMonth = dayNumber(m.group(1) != null ? m.group(1) : m.group(2));
      if (dayOfMonth >= 1 && dayOfMonth <= 31) {
        LocalDate date = null;
        for (int ahead = 0; ahead < 3 && date == null; ahead++) {
          LocalDate month = today.withDayOfMonth(1).plusMonths(ahead);
          if (dayOfMonth <= month.lengthOfMonth() && !month.withDayOfMonth(dayOfMonth).isBefore(today)) {
            date = month.withDayOfMonth(dayOfMonth);
          }
        }
        if (date != null) {
          days.add(day(m, date));
        }
      }
    }
  }

  private static void findTimes(String folded, Clues clues, ZonedDateTime now, boolean evening,
      List<Piece> times, List<Piece> days) {
    Matcher m = NAMED_TIME.matcher(folded);
    while (clues.anyOf(TIME_WORDS) && m.find()) {
      boolean noon = m.group(1).startsWith("no") || m.group(1).startsWith("midd") || m.group(1).equals("midi");
      time(m, noon ? 12 : 0, null, times);
    }
    m = IN_HOURS.matcher(folded);
    while (clues.anyOf(IN_WORDS) && m.find()) {
      int count = count(m.group(1));
      if (count >= 0) {
        ZonedDateTime at = m.group(2).startsWith("m") ? now.plusMinutes(count) : now.plusHours(count);
        at = at.withSecond(0).withNano(0);
        times.add(new Piece(m.start(), m.end(), at.toLocalDate(), at.toLocalTime(), true));
      }
    }
    if (!clues.digits()) {
      return;
    }
    m = TWELVE_HOUR.matcher(folded);
    while (m.find()) {
      int hour = Integer.parseInt(m.group(1));
      if (hour >= 1 && hour <= 12) {
        int h24 = hour % 12 + (m.group(3).equals("p") ? 12 : 0);
        time(m, h24, m.group(2), times);
      }
    }
    m = CLOCK.matcher(folded);
    while (m.find()) {
      time(m, Integer.parseInt(m.group(1)), m.group(2), times);
    }
    m = FRENCH_HOURS.matcher(folded);
    while (m.find()) {
      int hour = Integer.parseInt(m.group(1));
      time(m, evening && hour < 12 && hour > 0 ? hour + 12 : hour, m.group(2), times);
    }
    m = AT_HOUR.matcher(folded);
    while (m.find()) {
      int hour = Integer.parseInt(m.group(1));
      int at = m.start(1);
      if (hour >= 1 && hour <= 23) {
        boolean insideDay = days.stream().anyMatch(d -> d.start() <= at && at < d.end());
        if (!insideDay) {
          times.add(new Piece(m.start(), m.end(), null,
              LocalTime.of(evening && hour < 12 ? hour + 12 : hour, 0), false));
        }
      }
    }
  }

  private static void time(Matcher m, int hour, String minutes, List<Piece> times) {
    int minute = minutes == null ? 0 : Integer.parseInt(minutes);
    if (hour >= 0 && hour <= 23 && minute <= 59) {
      times.add(new Piece(m.start(), m.end(), null, LocalTime.of(hour, minute), false));
    }
  }

  private static Piece day(Matcher m, LocalDate date) {
    return new Piece(m.start(), m.end(), date, null, false);
  }

  private static void addCalendar(Matcher m, int dayOfMonth, Integer month, String year, LocalDate today,
      List<Piece> days) {
    if (month == null || month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > 31) {
      return;
    }
    int y = year != null ? Integer.parseInt(year) : today.getYear();
    LocalDate first = LocalDate.of(y, month, 1);
    if (dayOfMonth > first.lengthOfMonth()) {
      return;
    }
    LocalDate date = first.withDayOfMonth(dayOfMonth);
    if (year == null && date.isBefore(today)) {
      LocalDate nextYear = LocalDate.of(y + 1, month, 1);
      if (dayOfMonth > nextYear.lengthOfMonth()) {
        return;
      }
      date = nextYear.withDayOfMonth(dayOfMonth);
    }
    days.add(day(m, date));
  }

  private static LocalDate relativeDay(String phrase, LocalDate today) {
    if (phrase.contains("after") || phrase.startsWith("apres")) {
      return today.plusDays(2);
    }
    if (phrase.contains("before") || phrase.startsWith("avant")) {
      return today.minusDays(2);
    }
    if (phrase.contains("tomorrow") || phrase.equals("demain")) {
      return today.plusDays(1);
    }
    if (phrase.equals("yesterday") || phrase.equals("hier")) {
      return today.minusDays(1);
    }
    if (phrase.contains("week") || phrase.contains("semaine")) {
      return today.plusWeeks(1);
    }
    return today;
  }

  private static int count(String word) {
    return switch (word) {
      case "a", "an", "one", "un", "une" -> 1;
      default -> NumberWords.value(word);
    };
  }

  private static int dayNumber(String word) {
    return word.equals("1er") || word.equals("premier") ? 1 : Integer.parseInt(word.replace("er", ""));
  }

  private static DayOfWeek weekday(String name) {
    return switch (name) {
      case "monday", "lundi" -> DayOfWeek.MONDAY;
      case "tuesday", "mardi" -> DayOfWeek.TUESDAY;
      case "wednesday", "mercredi" -> DayOfWeek.WEDNESDAY;
      case "thursday", "jeudi" -> DayOfWeek.THURSDAY;
      case "friday", "vendredi" -> DayOfWeek.FRIDAY;
      case "saturday", "samedi" -> DayOfWeek.SATURDAY;
      default -> DayOfWeek.SUNDAY;
    };
  }

  private static boolean overlaps(Piece a, Piece b) {
    return a.start() < b.end() && b.start() < a.end();
  }

  /** Whether only a joining word ("at", "à", "le", a comma) separates a day and a time. */
  private static boolean adjacent(String folded, Piece a, Piece b) {
    Piece first = a.start() < b.start() ? a : b;
    Piece second = first == a ? b : a;
    return second.start() - first.end() <= 12
        && JOINER.matcher(folded.substring(first.end(), second.start())).matches();
  }

  /** Longest pieces first; a piece inside a longer one is dropped ("demain" inside "après-demain"). */
  private static List<Piece> nonOverlapping(List<Piece> pieces) {
    List<Piece> sorted = new ArrayList<>(pieces);
    sorted.sort(Comparator.comparingInt((Piece p) -> p.end() - p.start()).reversed()
        .thenComparingInt(Piece::start));
    List<Piece> kept = new ArrayList<>();
    for (Piece piece : sorted) {
      if (kept.stream().noneMatch(k -> overlaps(k, piece))) {
        kept.add(piece);
      }
    }
    kept.sort(Comparator.comparingInt(Piece::start));
    return kept;
  }

  private static Map<String, Integer> monthNumbers() {
    Map<String, Integer> months = new java.util.HashMap<>();
    String[][] names = {
        {"january", "janvier", "janv", "jan"}, {"february", "fevrier", "fevr", "feb"}, {"march", "mars", "mar"},
        {"april", "avril", "avr", "apr"}, {"may", "mai"}, {"june", "juin", "jun"},
        {"july", "juillet", "juil", "jul"}, {"august", "aout", "aug"}, {"september", "septembre", "sept", "sep"},
        {"october", "octobre", "oct"}, {"november", "novembre", "nov"}, {"december", "decembre", "dec"}};
    for (int i = 0; i < names.length; i++) {
      for (String name : names[i]) {
        months.put(name, i + 1);
      }
    }
    return Map.copyOf(months);
  }
}
