package dev.parley.bot.handoff;

import dev.parley.bot.concierge.internal.Notices;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.Owner;
import dev.parley.core.message.Message;
import dev.parley.core.outbox.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives conversations back to the bot, whoever decides it (an agent, the idle timer, Meta's inbox):
 * the record and the owner go back to the bot, then the {@link HandBackListener} resumes the bot's
 * flow, or, without one, the customer is greeted back. Logs under {@link HandoffDesk}'s logger.
 * Thread-safe.
 */
final class HandBacks {
  private static final Logger log = LoggerFactory.getLogger(HandoffDesk.class);

  private final HandoffRecords records;
  private final ConversationStore conversations;
  private final Outbox outbox;
  private final Clock clock;
  private final Duration idle;
  private final HandBackListener listener;
  private final Runnable changed;

  /** With {@code listener} null for the greeting. */
  HandBacks(HandoffRecords records, ConversationStore conversations, Outbox outbox, Clock clock, Duration idle,
      HandBackListener listener, Runnable changed) {
    this.records = records;
    this.conversations = conversations;
    this.outbox = outbox;
    this.clock = clock;
    this.idle = idle;
    this.listener = listener != null ? listener : this::greet;
    this.changed = changed;
  }

  Handoff handBack(Recipient conversation, String actor, String why) {
    Objects.requireNonNull(actor, "actor");
    Handoff before = records.record(conversation);
    if (!before.status().withPeople()) {
      return before;
    }
    Instant now = clock.instant();
    Handoff after = records.update(conversation, h -> h.with(HandoffStatus.BOT, h.reason(), h.detail(), h.slots(),
        h.language(), h.requestedAt(), h.agent(), h.claimedAt(), now, 0, 0));
    conversations.assignOwner(conversation, Owner.bot(), why == null ? "handed back" : why, now);
    log.info("conversation {} handed back to the bot by {}", conversation.key(), actor);
    changed.run();
    try {
      listener.handedBack(conversation, before, why == null ? "handed back" : why);
    } catch (RuntimeException e) {
      log.error("the bot could not resume conversation {} after the hand-back", conversation.key(), e);
    }
    return after;
  }

  /** Hands back every conversation waiting or claimed and idle since the idle time; returns how many. */
  int handBackIdle() {
    Instant cutoff = clock.instant().minus(idle);
    int count = 0;
    for (Handoff stale : records.idle(cutoff, 100)) {
      Handoff current = records.record(stale.conversation());
      boolean idleNow = (current.status() == HandoffStatus.WAITING || current.status() == HandoffStatus.ACTIVE)
          && current.lastActivityAt() != null && !current.lastActivityAt().isAfter(cutoff);
      if (idleNow) {
        handBack(current.conversation(), "timer", "idle for " + describe(idle));
        count++;
      }
    }
    return count;
  }

  private void greet(Recipient conversation, Handoff handoff, String why) {
    Notices.tell(outbox, conversations, conversation, Message.text(HandoffTexts.text(handoff.language(), "back")),
        "handback:" + conversation.key() + ":" + handoff.version(), clock.instant());
  }

  static String describe(Duration duration) {
    long minutes = duration.toMinutes();
    return minutes >= 120 && minutes % 60 == 0 ? minutes / 60 + " hours" : minutes + " minutes";
  }
}
