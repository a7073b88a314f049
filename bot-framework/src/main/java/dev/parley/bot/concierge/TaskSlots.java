package dev.parley.bot.concierge;

import dev.parley.core.Money;

/**
 * What the customer asked for, as the bot or an agent collected it. Every field may be null
 * (not known yet). Values, thread-safe.
 *
 * @param what the thing or service wanted ("a table for four", "a red scarf")
 * @param when when it is wanted, as the customer said it or as an ISO date-time
 * @param where where (a restaurant, a delivery address, a city)
 * @param forWhom who it is for ("my mother", "Ada and me")
 * @param budget the most the customer wants to spend
 * @param notes anything else
 */
public record TaskSlots(String what, String when, String where, String forWhom, Money budget, String notes) {

  /** Nothing known. */
  public static final TaskSlots EMPTY = new TaskSlots(null, null, null, null, null, null);

  static final int MAX_SHORT = 500;
  static final int MAX_NOTES = 4000;

  public TaskSlots {
    what = clean("what", what, MAX_SHORT);
    when = clean("when", when, MAX_SHORT);
    where = clean("where", where, MAX_SHORT);
    forWhom = clean("forWhom", forWhom, MAX_SHORT);
    notes = clean("notes", notes, MAX_NOTES);
    if (budget != null && budget.isNegative()) {
      throw new IllegalArgumentException("budget " + budget + " is negative");
    }
  }

  /** Slots with only {@code what}. */
  public static TaskSlots what(String what) {
    return new TaskSlots(what, null, null, null, null, null);
  }

  public TaskSlots withWhat(String value) {
    return new TaskSlots(value, when, where, forWhom, budget, notes);
  }

  public TaskSlots withWhen(String value) {
    return new TaskSlots(what, value, where, forWhom, budget, notes);
  }

  public TaskSlots withWhere(String value) {
    return new TaskSlots(what, when, value, forWhom, budget, notes);
  }

  public TaskSlots withForWhom(String value) {
    return new TaskSlots(what, when, where, value, budget, notes);
  }

  public TaskSlots withBudget(Money value) {
    return new TaskSlots(what, when, where, forWhom, value, notes);
  }

  public TaskSlots withNotes(String value) {
    return new TaskSlots(what, when, where, forWhom, budget, value);
  }

  static String clean(String field, String value, int limit) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String stripped = value.strip();
    if (stripped.length() > limit) {
      throw new IllegalArgumentException("task " + field + " '" + stripped.substring(0, 20) + "…' is " + stripped.length()
          + " characters; at most " + limit);
    }
    return stripped;
  }
}
