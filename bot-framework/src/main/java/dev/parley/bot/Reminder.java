package dev.parley.bot;

import java.time.Instant;
import java.util.Objects;

/**
 * A durable reminder that fired: scheduled by {@link Turn#remindAt} or {@link Turn#remindIn}, kept in
 * the conversation store (so it fires after a restart), handed out once only across nodes, and run as
 * a turn of its conversation, in order with the customer's messages. Values, thread-safe.
 *
 * @param name the name it was scheduled under; one pending reminder per name and conversation
 * @param dueAt when it was due
 * @param data what the scheduling turn attached, or null
 */
public record Reminder(String name, Instant dueAt, String data) {

  public Reminder {
    Reminders.requireName(name);
    Objects.requireNonNull(dueAt, "dueAt");
  }
}
