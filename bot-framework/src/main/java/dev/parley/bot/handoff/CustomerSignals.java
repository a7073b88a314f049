package dev.parley.bot.handoff;

import dev.parley.core.Recipient;
import dev.parley.core.webhook.InboundEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * What the customer's messages tell the desk: words that call for a person, the streak of messages
 * the bot did not understand (LOW_CONFIDENCE at the limit), and, while people have the
 * conversation, unread messages that also keep it from idling. Thread-safe.
 */
final class CustomerSignals {
  private final HandoffRecords records;
  private final HandoffTriggers triggers;
  private final int lowConfidenceLimit;
  private final Clock clock;
  private final Runnable changed;

  CustomerSignals(HandoffRecords records, HandoffTriggers triggers, int lowConfidenceLimit, Clock clock,
      Runnable changed) {
    this.records = records;
    this.triggers = triggers;
    this.lowConfidenceLimit = lowConfidenceLimit;
    this.clock = clock;
    this.changed = changed;
  }

  Optional<HandoffReason> trigger(Recipient conversation, String text, boolean understood) {
    Optional<HandoffReason> words = triggers.check(text);
    return words.isPresent() ? words : recordUnderstanding(conversation, understood);
  }

  Optional<HandoffReason> recordUnderstanding(Recipient conversation, boolean understood) {
    Handoff current = records.record(conversation);
    if (understood && current.lowConfidenceStreak() == 0) {
      return Optional.empty();
    }
    int streak = understood ? 0 : current.lowConfidenceStreak() + 1;
    boolean reached = streak >= lowConfidenceLimit;
    int stored = reached ? 0 : streak;
    records.update(conversation, h -> h.with(h.status(), h.reason(), h.detail(), h.slots(), h.language(),
        h.requestedAt(), h.agent(), h.claimedAt(), h.lastActivityAt(), h.unread(), stored));
    return reached ? Optional.of(HandoffReason.LOW_CONFIDENCE) : Optional.empty();
  }

  /** A customer message (not a standby one): one more unread, and activity, while people have it. */
  void messageReceived(InboundEvent event) {
    Optional<Handoff> existing = records.find(event.from());
    if (existing.isPresent() && existing.get().status().withPeople()) {
      Instant now = clock.instant();
      records.update(event.from(), h -> !h.status().withPeople() ? h : h.with(h.status(), h.reason(), h.detail(),
          h.slots(), h.language(), h.requestedAt(), h.agent(), h.claimedAt(), now, h.unread() + 1,
          h.lowConfidenceStreak()));
      changed.run();
    }
  }
}
