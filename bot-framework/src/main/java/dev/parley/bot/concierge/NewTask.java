package dev.parley.bot.concierge;

import dev.parley.core.Recipient;
import java.time.Instant;
import java.util.Objects;

/**
 * A task to create in a {@link TaskStore}: the store gives it its number and records the
 * {@link TaskEvent.Change#CREATED} event. Values, thread-safe.
 *
 * @param conversation the conversation it is born from
 * @param customerId the customer in the conversation store
 * @param kind what it is about
 * @param slots what the customer asked for
 * @param language the customer's language
 * @param actor who created it ({@code "bot"} or {@code "agent:<name>"})
 * @param at when
 */
public record NewTask(Recipient conversation, String customerId, TaskKind kind, TaskSlots slots, String language,
    String actor, Instant at) {

  public NewTask {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(kind, "kind");
    slots = slots == null ? TaskSlots.EMPTY : slots;
    language = ConciergeTask.normaliseLanguage(language);
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(at, "at");
  }
}
