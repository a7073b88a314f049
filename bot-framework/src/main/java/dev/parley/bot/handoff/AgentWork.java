package dev.parley.bot.handoff;

import dev.parley.bot.concierge.DeskException;
import dev.parley.bot.concierge.DeskException.Problem;
import dev.parley.bot.concierge.internal.DeskArguments;
import dev.parley.bot.concierge.internal.Notices;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.Owner;
import dev.parley.core.message.Message;
import dev.parley.core.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an agent does to a conversation: claiming it (out of the queue or over the bot; the customer
 * is told who joined), acting in it (the idle timer starts again, unread messages count as read)
 * and reading it. Logs under {@link HandoffDesk}'s logger. Thread-safe.
 */
final class AgentWork {
  private static final Logger log = LoggerFactory.getLogger(HandoffDesk.class);

  private final HandoffRecords records;
  private final ConversationStore conversations;
  private final Outbox outbox;
  private final Clock clock;
  private final Runnable changed;

  AgentWork(HandoffRecords records, ConversationStore conversations, Outbox outbox, Clock clock, Runnable changed) {
    this.records = records;
    this.conversations = conversations;
    this.outbox = outbox;
    this.clock = clock;
    this.changed = changed;
  }

  Handoff claim(Recipient conversation, String agent) {
    String name = DeskArguments.agent(agent);
    Instant now = clock.instant();
    Handoff before = records.record(conversation);
    if (before.status() == HandoffStatus.ACTIVE && name.equals(before.agent())) {
      return before;
    }
    Handoff after = records.update(conversation, h -> {
      if (h.status() == HandoffStatus.ACTIVE && !name.equals(h.agent())) {
        throw new DeskException(Problem.CONFLICT, "conversation " + h.id() + " is already claimed by " + h.agent());
      }
      if (h.status() == HandoffStatus.META_INBOX) {
        throw new DeskException(Problem.CONFLICT, "conversation " + h.id() + " is answered in Meta's inbox; take it"
            + " back from there first");
      }
      boolean fresh = h.status() == HandoffStatus.BOT;
      return h.with(HandoffStatus.ACTIVE, fresh ? HandoffReason.AGENT_TOOK_OVER : h.reason(), h.detail(), h.slots(),
          h.language(), fresh ? now : h.requestedAt(), name, now, now, h.unread(), 0);
    });
    conversations.assignOwner(conversation, Owner.agent(name), "claimed by " + name, now);
    Message joined = Message.text(HandoffTexts.text(after.language(), "claimed", name));
    Notices.tell(outbox, conversations, conversation, joined, "handoff:" + conversation.key() + ":" + after.version(),
        clock.instant());
    log.info("conversation {} claimed by {}", conversation.key(), name);
    changed.run();
    return after;
  }

  Handoff acted(Recipient conversation, String agent) {
    DeskArguments.agent(agent);
    Instant now = clock.instant();
    Handoff after = records.update(conversation, h -> h.with(h.status(), h.reason(), h.detail(), h.slots(),
        h.language(), h.requestedAt(), h.agent(), h.claimedAt(), now, 0, h.lowConfidenceStreak()));
    changed.run();
    return after;
  }

  Handoff markRead(Recipient conversation) {
    Handoff after = records.update(conversation, h -> h.unread() == 0 ? h : h.with(h.status(), h.reason(), h.detail(),
        h.slots(), h.language(), h.requestedAt(), h.agent(), h.claimedAt(), h.lastActivityAt(), 0,
        h.lowConfidenceStreak()));
    changed.run();
    return after;
  }
}
