package dev.parley.bot.handoff;

import dev.parley.bot.concierge.DeskException;
import dev.parley.bot.concierge.DeskException.Problem;
import dev.parley.core.ParleyException;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.Owner;
import dev.parley.core.handover.ThreadControl;
import dev.parley.core.webhook.Handover;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desk's side of Messenger's Handover Protocol: passing a thread to Meta's Page Inbox and
 * taking it back, and following the protocol's webhook events (the thread passed to this app: the
 * bot has it again; taken by another app: Meta's inbox has it; requested: passed on while the bot
 * has it). Logs under {@link HandoffDesk}'s logger. Thread-safe.
 */
final class MetaInboxHandover {
  private static final Logger log = LoggerFactory.getLogger(HandoffDesk.class);

  /** How the desk gives a conversation back to the bot (owner, record, the bot's hand-back listener). */
  @FunctionalInterface
  interface HandBack {
    Handoff handBack(Recipient conversation, String actor, String why);
  }

  private final ThreadControl threadControl;
  private final HandoffRecords records;
  private final ConversationStore conversations;
  private final Clock clock;
  private final HandBack handBack;
  private final Runnable changed;

  /** With {@code threadControl} null when no Messenger page is configured. */
  MetaInboxHandover(ThreadControl threadControl, HandoffRecords records, ConversationStore conversations, Clock clock,
      HandBack handBack, Runnable changed) {
    this.threadControl = threadControl;
    this.records = records;
    this.conversations = conversations;
    this.clock = clock;
    this.handBack = handBack;
    this.changed = changed;
  }

  Handoff pass(Recipient conversation, String actor, String metadata) {
    ThreadControl threads = requireThreadControl();
    try {
      threads.pass(conversation, ThreadControl.PAGE_INBOX_APP_ID, metadata);
    } catch (ParleyException e) {
      throw new DeskException(Problem.PLATFORM, "Meta refused to pass the thread: " + e.getMessage(), e);
    }
    return metaInboxHasIt(conversation, actor);
  }

  Handoff take(Recipient conversation, String actor) {
    ThreadControl threads = requireThreadControl();
    try {
      threads.take(conversation, "taken back by " + actor);
    } catch (ParleyException e) {
      throw new DeskException(Problem.PLATFORM, "Meta refused to give the thread back: " + e.getMessage(), e);
    }
    return handBack.handBack(conversation, actor, "taken back from Meta's inbox by " + actor);
  }

  void follow(Handover handover) {
    Recipient conversation = handover.from();
    switch (handover.kind()) {
      case PASS_THREAD_CONTROL -> {
        // Meta sends pass_thread_control to the app that receives the thread: this one.
        log.info("thread of {} passed to this app", conversation.key());
        handBack.handBack(conversation, "meta", "thread passed back from Meta's inbox");
      }
      case TAKE_THREAD_CONTROL -> {
        // Sent to the app that lost the thread: another app (Meta's inbox) took it.
        log.info("thread of {} taken by app {}", conversation.key(), handover.newOwnerAppId());
        metaInboxHasIt(conversation, "meta");
      }
      case REQUEST_THREAD_CONTROL -> {
        Handoff current = records.record(conversation);
        if (threadControl != null && current.status() == HandoffStatus.BOT && handover.newOwnerAppId() != null) {
          try {
            threadControl.pass(conversation, handover.newOwnerAppId(), "requested");
            metaInboxHasIt(conversation, "meta");
          } catch (ParleyException e) {
            log.warn("could not pass the thread of {} to app {} on request: {}", conversation.key(),
                handover.newOwnerAppId(), e.getMessage());
          }
        } else {
          log.info("app {} asked for the thread of {}; kept ({})", handover.newOwnerAppId(), conversation.key(),
              current.status().wireName());
        }
      }
    }
  }

  private Handoff metaInboxHasIt(Recipient conversation, String actor) {
    Instant now = clock.instant();
    conversations.assignOwner(conversation, Owner.metaInbox(), "answered in Meta's inbox", now);
    Handoff after = records.update(conversation, h -> h.with(HandoffStatus.META_INBOX,
        h.status() == HandoffStatus.BOT ? HandoffReason.AGENT_TOOK_OVER : h.reason(), h.detail(), h.slots(),
        h.language(), h.status() == HandoffStatus.BOT ? now : h.requestedAt(), null, null, now, h.unread(), 0));
    log.info("conversation {} is answered in Meta's inbox ({})", conversation.key(), actor);
    changed.run();
    return after;
  }

  private ThreadControl requireThreadControl() {
    if (threadControl == null) {
      throw new DeskException(Problem.INVALID, "Meta's inbox is not set up: no Messenger page is configured");
    }
    return threadControl;
  }
}
