package dev.parley.bot.concierge;

import java.time.Instant;
import java.util.Objects;

/**
 * One change to apply to a stored task: the new status, assignee, outcome and slots, and the
 * history line that records it. Values, thread-safe.
 *
 * @param actor who makes the change
 * @param change what the history line records
 * @param status the status after the change
 * @param assignee the agent after the change, or null
 * @param outcome the outcome or cancellation reason after the change, or null
 * @param slots the slots after the change
 * @param text the message, outcome or reason that comes with it, or null
 * @param at when
 */
public record TaskChange(String actor, TaskEvent.Change change, TaskStatus status, String assignee, String outcome,
    TaskSlots slots, String text, Instant at) {

  public TaskChange {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(status, "status");
    slots = slots == null ? TaskSlots.EMPTY : slots;
    outcome = TaskSlots.clean("outcome", outcome, TaskSlots.MAX_NOTES);
    text = TaskSlots.clean("text", text, TaskSlots.MAX_NOTES);
    Objects.requireNonNull(at, "at");
  }
}
