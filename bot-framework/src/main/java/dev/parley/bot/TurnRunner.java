package dev.parley.bot;

import dev.parley.core.Recipient;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationState;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.NewMessage;
import dev.parley.core.conversation.Owner;
import dev.parley.core.conversation.Profile;
import dev.parley.core.conversation.QueuedReply;
import dev.parley.core.webhook.ButtonReply;
import dev.parley.core.webhook.DeliveryReceipt;
import dev.parley.core.webhook.ErrorNotice;
import dev.parley.core.webhook.Handover;
import dev.parley.core.webhook.InboundEvent;
import dev.parley.core.webhook.InboundJournal;
import dev.parley.core.webhook.ListReply;
import dev.parley.core.webhook.MessageEcho;
import dev.parley.core.webhook.MessageReceived;
import dev.parley.core.webhook.Postback;
import dev.parley.core.webhook.ReadReceipt;
import dev.parley.core.webhook.StatusUpdate;
import dev.parley.core.webhook.UnknownEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one turn inside the store's hold on the conversation: loads the state, recognises a handled
 * event, records the inbound message, runs the middleware chain and the router, and commits.
 */
final class TurnRunner {
  /** Meta's Page Inbox app id in the Handover Protocol (developers.facebook.com, handover protocol). */
  static final String PAGE_INBOX_APP_ID = "263902037430900";
  private static final int MAX_CONFLICTS = 5;
  /** The most earlier events one turn catches up on before its own; later turns catch up on the rest. */
  static final int MAX_CATCH_UP = 1000;
  private static final Logger log = LoggerFactory.getLogger(TurnRunner.class);

  /** Where a turn comes from. */
  sealed interface Source {
    /** A webhook event (or one handed in directly). */
    record Event(InboundEvent event) implements Source {}

    /**
     * A reminder claimed from the store's timers; the turn completes the claim {@code claimToken},
     * which also makes its reply keys unique.
     */
    record Timer(Reminder reminder, String timerKey, String claimToken) implements Source {}

    /** A person changed the owner: a hand-off runs no turn, a hand-back runs a HANDED_BACK turn. */
    record OwnerChange(Owner owner, String reason, String changeId) implements Source {}
  }

  /** Thrown inside the store's hold when the state changed under the turn; the turn runs again. */
  private static final class StateConflict extends RuntimeException {
    StateConflict() {
      super("conversation state changed during the turn", null, false, false);
    }
  }

  private final BotSettings settings;
  private final ConversationStore store;
  private final Router router;
  private final TurnCommit commit;
  private final Runnable repliesCommitted;

  /**
   * @param repliesCommitted called after each earlier event's turn (see {@link #run}) that handed
   *     replies to the outbox table, once its hold was released (committed, on a JDBC store): wakes the
   *     outbox. The turn at hand does not call it: its outcome tells its caller
   */
  TurnRunner(BotSettings settings, TurnCommit commit, Runnable repliesCommitted) {
    this.settings = settings;
    this.store = settings.store();
    this.router = new Router(settings, new FlowRunner(settings));
    this.commit = commit;
    this.repliesCommitted = repliesCommitted;
  }

  /**
   * Runs the turn of {@code source} under the conversation's hold. An event's turn first catches up,
   * oldest first, on the conversation's earlier events that the journal holds unhandled (recorded by
   * this node or another, their own turns still waiting for the hold or lost with a node): each runs as
   * a turn of its own, in a hold of its own, so the conversation's events are handled in the order they
   * happened whichever node received them. The turns those events get later find them handled and
   * return {@link TurnOutcome#DUPLICATE}.
   */
  TurnOutcome run(Recipient recipient, Source source) {
    boolean[] timerCompleted = {false};
    InboundJournal.Entry position = source instanceof Source.Event e ? positionOf(recipient, e.event()) : null;
    boolean catchingUp = position != null;
    for (int caughtUp = 0; ; caughtUp++) {
      if (catchingUp && caughtUp == MAX_CATCH_UP) {
        log.warn("a turn caught up on {} earlier events of {}; the rest wait for its next turns", MAX_CATCH_UP,
            recipient.key());
        catchingUp = false;
      }
      boolean catchUp = catchingUp;
      String[] runningEarlier = {null};
      Step step;
      try {
        // Catching up, the hold comes with one read (in the lock's round trip on PostgreSQL) telling both
        // what the conversation owes before this event and whether it ran already.
        step = held(recipient, catchUp ? position : null, standing -> {
          runningEarlier[0] = null;
          Boolean handledInJournal = null;
          if (standing != null) {
            InboundJournal.Entry earlier = standing.firstUnhandledBefore();
            if (earlier != null) {
              runningEarlier[0] = earlier.eventKey();
              return new Step(runEarlier(recipient, earlier), true);
            }
            handledInJournal = standing.handled();
          }
          if (source instanceof Source.Timer timer && !completeTimer(timer, timerCompleted)) {
            return new Step(TurnOutcome.DUPLICATE, false);
          }
          return new Step(once(recipient, source, handledInJournal), false);
        });
      } catch (RuntimeException e) {
        if (runningEarlier[0] == null) {
          throw e;
        }
        // An earlier event whose turn the store refuses must not silence the conversation for good: it
        // stays unhandled (the retry of unhandled events runs it again) and the turn at hand goes on.
        log.warn("the turn of {}, an earlier event of {}, failed; running the turn at hand without catching up",
            runningEarlier[0], recipient.key(), e);
        catchingUp = false;
        continue;
      }
      if (!step.earlier()) {
        return step.outcome(); // its caller wakes the outbox (see BotRuntime.runTurn)
      }
      if (step.outcome() == TurnOutcome.HANDLED) {
        repliesCommitted.run();
      }
    }
  }

  /** What one hold of the conversation ran: an earlier event's turn, or the turn at hand. */
  private record Step(TurnOutcome outcome, boolean earlier) {}

  /** Where {@code event} stands in its conversation's journal; null for an event without a time. */
  private static InboundJournal.Entry positionOf(Recipient recipient, InboundEvent event) {
    Instant at = event.occurredAt();
    return at == null ? null : new InboundJournal.Entry(event.dedupKey(), recipient, at, event.rawJson());
  }

  /**
   * Runs an earlier event of the conversation as its own turn, inside the hold that found it. Its key
   * is marked handled whatever the turn did, so catching up never comes back to it.
   */
  private TurnOutcome runEarlier(Recipient recipient, InboundJournal.Entry entry) {
    log.debug("running {} of {} before a later event of the conversation", entry.eventKey(), recipient.key());
    TurnOutcome outcome = once(recipient, new Source.Event(InboundEvent.fromJournal(entry)), null);
    store.markHandled(entry.eventKey());
    return outcome;
  }

  /**
   * Runs {@code turn} in the conversation's hold, again when the state changed under it; with {@code
   * position}, the turn gets where it stands in the journal, read in the hold, else null.
   */
  private Step held(Recipient recipient, InboundJournal.Entry position, Function<InboundJournal.Standing, Step> turn) {
    for (int attempt = 1; ; attempt++) {
      try {
        return position == null ? store.withConversation(recipient, conversation -> turn.apply(null))
            : store.withConversation(recipient, position, (conversation, standing) -> turn.apply(standing));
      } catch (StateConflict conflict) {
        if (attempt >= MAX_CONFLICTS) {
          throw new IllegalStateException("the state of " + recipient.key() + " kept changing under the turn ("
              + attempt + " attempts): something writes it without holding the conversation", conflict);
        }
        log.debug("state of {} changed during a turn; running it again", recipient.key());
      }
    }
  }

  /**
   * Deletes the reminder's timer inside the turn's hold: on a JDBC store the deletion commits with the
   * turn or not at all (then the claim's lease runs out and the reminder fires again), and the timer's
   * row stays locked meanwhile, so no other node claims it. False when the claim is no longer ours
   * (the timer was cancelled, rescheduled, or retaken after its lease): the reminder does not fire
   * here. A store without transactions keeps the deletion across a re-run of the turn, hence the flag.
   */
  private boolean completeTimer(Source.Timer timer, boolean[] completedBefore) {
    if (store.completeTimer(timer.timerKey(), timer.claimToken())) {
      completedBefore[0] = true;
      return true;
    }
    if (!completedBefore[0]) {
      log.debug("reminder {} is no longer held by claim {}; not firing it", timer.timerKey(), timer.claimToken());
    }
    return completedBefore[0];
  }

  /**
   * @param handledInJournal whether the journal holds the event handled, read in this hold; null if not
   *     read yet
   */
  private TurnOutcome once(Recipient recipient, Source source, Boolean handledInJournal) {
    Instant now = settings.clock().instant();
    ConversationState state = store.state(recipient);
    ConversationData data = ConversationData.parse(state);
    InboundEvent event = source instanceof Source.Event e ? e.event() : null;
    String eventKey = event == null ? null : event.dedupKey();
    // Handled already: a redelivery, or an event another turn (of this node or another) caught up on
    // while this one waited for the hold. The state keeps the last keys; the journal knows them all.
    if (eventKey != null && (data.handled(eventKey)
        || (handledInJournal != null ? handledInJournal : store.isHandled(eventKey)))) {
      store.markHandled(eventKey);
      return TurnOutcome.DUPLICATE;
    }
    Turn.Trigger trigger;
    if (event != null) {
      record(event);
      trigger = triggerOf(event);
      if (trigger == null) {
        store.markHandled(eventKey);
        return TurnOutcome.IGNORED;
      }
    } else if (source instanceof Source.OwnerChange change) {
      store.assignOwner(recipient, change.owner(), change.reason(), now);
      if (!change.owner().isBot()) {
        return TurnOutcome.HANDLED;
      }
      trigger = Turn.Trigger.HANDED_BACK;
    } else {
      trigger = Turn.Trigger.REMINDER;
    }
    Conversation conversation = store.conversation(recipient);
    TurnContext context = new TurnContext(settings, conversation, data, now);
    Reminder reminder = source instanceof Source.Timer timer ? timer.reminder() : null;
    Turn turn = new Turn(context, trigger, event, reminder);
    try {
      new TurnChain(settings.middleware(), 0, turn, router).proceed(turn);
    } catch (RuntimeException e) {
      log.warn("{} failed: its replies and state changes are dropped", turn, e);
      ConversationData untouched = ConversationData.parse(state);
      if (eventKey != null) {
        untouched.markHandled(eventKey);
      }
      save(recipient, state, untouched, List.of(), eventKey);
      return TurnOutcome.FAILED;
    }
    if (eventKey != null) {
      data.markHandled(eventKey);
    }
    save(recipient, state, data, commit.replies(turn, replyKeyBase(source, eventKey)), eventKey);
    commit.applyOwnerAndReminders(turn);
    return context.silenced ? TurnOutcome.SILENCED : TurnOutcome.HANDLED;
  }

  /** Saves the turn's state, replies and handled mark in one store call (one statement on PostgreSQL). */
  private void save(Recipient recipient, ConversationState state, ConversationData data, List<QueuedReply> replies,
      String eventKey) {
    Optional<ConversationState> saved = store.saveTurn(recipient, state.version(), data.toJson(), replies, eventKey);
    if (saved.isEmpty()) {
      throw new StateConflict();
    }
  }

  /** Records what the customer sent in the history (the bot answers or not) and what the event says about the owner. */
  private void record(InboundEvent event) {
    Recipient from = event.from();
    String summary = Summaries.of(event);
    if (summary != null) {
      store.append(NewMessage.inbound(from, summary, event.rawJson(), Summaries.messageId(event), event.occurredAt()));
    } else if (triggerOf(event) != null) {
      store.recordInbound(from, event.occurredAt());
    }
    if (event.customerName() != null) {
      String customerId = store.conversation(from).customerId();
      store.findCustomerById(customerId).filter(c -> c.profile().name() == null)
          .ifPresent(c -> store.updateProfile(customerId, Profile.named(event.customerName())));
    }
    if (event instanceof Handover handover) {
      Owner owner = ownerAfter(handover);
      if (owner != null) {
        store.assignOwner(from, owner, "handover: " + handover.kind().name().toLowerCase(java.util.Locale.ROOT),
            event.occurredAt());
      }
    }
  }

  /** Meta's inbox took the thread, or gave it back; other handovers are left to the bot's handlers. */
  private static Owner ownerAfter(Handover handover) {
    if (handover.kind() == Handover.Kind.REQUEST_THREAD_CONTROL) {
      return null;
    }
    if (PAGE_INBOX_APP_ID.equals(handover.newOwnerAppId())) {
      return Owner.metaInbox();
    }
    if (PAGE_INBOX_APP_ID.equals(handover.previousOwnerAppId())) {
      return Owner.bot();
    }
    return null;
  }

  static Turn.Trigger triggerOf(InboundEvent event) {
    if (!event.concernsCustomer()) {
      return null;
    }
    if (event instanceof MessageReceived message) {
      return message.quickReplyPayload() != null ? Turn.Trigger.TAP : Turn.Trigger.MESSAGE;
    }
    if (event instanceof Postback || event instanceof ButtonReply || event instanceof ListReply) {
      return Turn.Trigger.TAP;
    }
    if (event instanceof MessageEcho || event instanceof DeliveryReceipt || event instanceof ReadReceipt
        || event instanceof StatusUpdate || event instanceof ErrorNotice || event instanceof UnknownEvent) {
      return null;
    }
    return Turn.Trigger.EVENT;
  }

  private static String replyKeyBase(Source source, String eventKey) {
    if (source instanceof Source.Timer timer) {
      return "bot:reminder:" + timer.timerKey() + "@" + timer.reminder().dueAt().toEpochMilli() + "#" + timer.claimToken();
    }
    if (source instanceof Source.OwnerChange change) {
      return "bot:handback:" + change.changeId();
    }
    return "bot:" + eventKey;
  }
}
