package dev.parley.bot.concierge;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a concierge task stands: {@code NEW → CLAIMED → WAITING_FOR_CUSTOMER ⇄ CLAIMED → DONE}, or
 * {@code CANCELLED} from any open status; an agent acting on a NEW task (a message, a payment
 * button, an outcome) takes it on the way. DONE and CANCELLED are final.
 */
public enum TaskStatus {
  /** Created, no agent yet: in the operators' queue. */
  NEW,
  /** An agent works on it. */
  CLAIMED,
  /** The agent asked the customer something and waits for the answer. */
  WAITING_FOR_CUSTOMER,
  /** Fulfilled, with an outcome. */
  DONE,
  /** Dropped, with a reason. */
  CANCELLED;

  /** The statuses of tasks still to work on. */
  public static final Set<TaskStatus> OPEN = EnumSet.of(NEW, CLAIMED, WAITING_FOR_CUSTOMER);

  public boolean isFinal() {
    return this == DONE || this == CANCELLED;
  }

  /** True if a task may move from this status to {@code next}. */
  public boolean canMoveTo(TaskStatus next) {
    return switch (this) {
      case NEW -> next != NEW;
      case CLAIMED -> next == CLAIMED || next == WAITING_FOR_CUSTOMER || next == DONE || next == CANCELLED;
      case WAITING_FOR_CUSTOMER -> next == CLAIMED || next == WAITING_FOR_CUSTOMER || next == DONE || next == CANCELLED;
      case DONE, CANCELLED -> false;
    };
  }

  /** {@code "waiting_for_customer"}: the name used in JSON and in the store. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status named {@code name} (any case), or an exception listing the statuses. */
  public static TaskStatus fromWireName(String name) {
    if (name != null) {
      String normalised = name.strip().replace('-', '_').toUpperCase(Locale.ROOT);
      for (TaskStatus status : values()) {
        if (status.name().equals(normalised)) {
          return status;
        }
      }
    }
    throw new IllegalArgumentException("task status '" + name + "' is not one of new, claimed, waiting_for_customer, "
        + "done, cancelled");
  }
}
