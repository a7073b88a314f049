package dev.parley.bot.concierge;

import dev.parley.core.Recipient;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A request the bot could not fulfil itself, for a person to carry out: a reservation, a purchase, a
 * gift, a delivery problem, a return. It is born from a conversation, gets a number the customer is
 * told, moves through {@link TaskStatus} and keeps its whole history. Values, thread-safe.
 *
 * @param number the task's number, unique in the store, told to the customer ("#1042")
 * @param conversation the conversation it was born from, where the customer hears of it
 * @param customerId the customer in the conversation store
 * @param kind what it is about
 * @param slots what the customer asked for
 * @param status where it stands
 * @param assignee the agent working on it, or null
 * @param outcome the outcome (DONE) or reason (CANCELLED), or null
 * @param language the customer's language for the messages about the task ({@code en}, {@code fr})
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param version increases with every change; stores update with compare-and-set on it
 * @param history every change, oldest first
 */
public record ConciergeTask(long number, Recipient conversation, String customerId, TaskKind kind, TaskSlots slots,
    TaskStatus status, String assignee, String outcome, String language, Instant createdAt, Instant updatedAt,
    long version, List<TaskEvent> history) {

  public ConciergeTask {
    if (number < 1) {
      throw new IllegalArgumentException("task number must be >= 1, got " + number);
    }
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(kind, "kind");
    slots = slots == null ? TaskSlots.EMPTY : slots;
    Objects.requireNonNull(status, "status");
    language = normaliseLanguage(language);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    history = List.copyOf(history);
  }

  /** {@code "#1042"}, as the customer sees it. */
  public String label() {
    return "#" + number;
  }

  /** How long the task has existed at {@code now}, the age the operators' queue sorts by. */
  public java.time.Duration age(Instant now) {
    return java.time.Duration.between(createdAt, now);
  }

  static String normaliseLanguage(String language) {
    if (language == null || language.isBlank()) {
      return "en";
    }
    String lower = language.strip().toLowerCase(Locale.ROOT);
    int dash = lower.indexOf('-') >= 0 ? lower.indexOf('-') : lower.indexOf('_');
    String base = dash > 0 ? lower.substring(0, dash) : lower;
    if (!base.matches("[a-z]{2,3}")) {
      throw new IllegalArgumentException("language '" + language + "' is not a language code like en or fr");
    }
    return base;
  }
}
