package dev.parley.bot.handoff;

import dev.parley.bot.concierge.DeskException;
import dev.parley.bot.concierge.DeskException.Problem;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.ConversationStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The handoff records as the desk reads and changes them: a conversation that never had a record
 * reads as a fresh BOT record, and a change is a compare-and-set retried a few times against
 * concurrent changes (two agents claiming at once: one wins, the other's change sees the winner).
 * Thread-safe.
 */
final class HandoffRecords {
  private static final int ATTEMPTS = 5;

  private final HandoffStore handoffs;
  private final ConversationStore conversations;

  HandoffRecords(HandoffStore handoffs, ConversationStore conversations) {
    this.handoffs = handoffs;
    this.conversations = conversations;
  }

  /** The record of the conversation; a fresh BOT record if it never had one. */
  Handoff record(Recipient conversation) {
    Objects.requireNonNull(conversation, "conversation");
    return handoffs.find(conversation)
        .orElseGet(() -> Handoff.withBot(conversation, conversations.customer(conversation).id()));
  }

  /** The stored record, if the conversation has one. */
  Optional<Handoff> find(Recipient conversation) {
    return handoffs.find(conversation);
  }

  /**
   * Saves what {@code change} makes of the current record (the same instance: nothing to save),
   * reading again and retrying when another change came first; CONFLICT when it keeps changing.
   */
  Handoff update(Recipient conversation, UnaryOperator<Handoff> change) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Handoff current = record(conversation);
      Handoff next = change.apply(current);
      if (next == current) {
        return current;
      }
      Optional<Handoff> saved = handoffs.save(next);
      if (saved.isPresent()) {
        return saved.get();
      }
    }
    throw new DeskException(Problem.CONFLICT, "conversation " + conversation.key() + " kept changing; try again");
  }

  /** Records in any of {@code statuses}, longest waiting first; {@code limit} clamped to 1..500. */
  List<Handoff> list(Set<HandoffStatus> statuses, int limit) {
    return handoffs.list(statuses, Math.max(1, Math.min(limit, 500)));
  }

  /** Up to {@code limit} records waiting or claimed whose last activity is at or before {@code cutoff}. */
  List<Handoff> idle(Instant cutoff, int limit) {
    return handoffs.idle(cutoff, limit);
  }
}
