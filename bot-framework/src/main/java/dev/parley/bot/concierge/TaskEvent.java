package dev.parley.bot.concierge;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One line of a concierge task's history: what changed, who did it and when. The customer was told
 * of every change that {@link Change#informsCustomer()}. Values, thread-safe.
 *
 * @param sequence the event's position in the task's history, from 1
 * @param at when it happened
 * @param actor who did it: {@code "bot"}, {@code "customer"} or {@code "agent:<name>"}
 * @param change what happened
 * @param status the task's status after the change
 * @param text the message, outcome or reason that came with it, or null
 */
public record TaskEvent(int sequence, Instant at, String actor, Change change, TaskStatus status, String text) {

  /** What a history line records. */
  public enum Change {
    CREATED(true),
    CLAIMED(true),
    MESSAGE_TO_CUSTOMER(true),
    CUSTOMER_REPLIED(false),
    PAYMENT_REQUESTED(true),
    SLOTS_UPDATED(false),
    NOTE(false),
    DONE(true),
    CANCELLED(true);

    private final boolean informsCustomer;

    Change(boolean informsCustomer) {
      this.informsCustomer = informsCustomer;
    }

    /** True when the customer hears of this change. */
    public boolean informsCustomer() {
      return informsCustomer;
    }

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public TaskEvent {
    if (sequence < 1) {
      throw new IllegalArgumentException("task event sequence must be >= 1, got " + sequence);
    }
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(status, "status");
    text = TaskSlots.clean("event text", text, TaskSlots.MAX_NOTES);
  }

  /** The actor name of an agent. */
  public static String agentActor(String agentName) {
    return "agent:" + agentName;
  }
}
