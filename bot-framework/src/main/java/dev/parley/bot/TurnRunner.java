package dev.parley.bot;

import dev.parley.core.Recipient;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationState;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.NewMessage;
import dev.parley.core.conversation.Owner;
import dev.parley.core.conversation.Profile;
import dev.parley.core.webhook.ButtonReply;
import dev.parley.core.webhook.DeliveryReceipt;
import dev.parley.core.webhook.ErrorNotice;
import dev.parley.core.webhook.Handover;
import dev.parley.core.webhook.InboundEvent;
import dev.parley.core.webhook.ListReply;
import dev.parley.core.webhook.MessageEcho;
import dev.parley.core.webhook.MessageReceived;
import dev.parley.core.webhook.Postback;
import dev.parley.core.webhook.ReadReceipt;
import dev.parley.core.webhook.StatusUpdate;
import dev.parley.core.webhook.UnknownEvent;
import java.time.Instant;
import java.util.Optional;
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
  private static final Logger log = LoggerFactory.getLogger(TurnRunner.class);

  /** Where a turn comes from. */
  sealed interface Source {
    /** A webhook event (or one handed in directly). */
    record Event(InboundEvent event) implements Source {}

    /** A reminder claimed from the store's timers; {@code claimId} makes its reply keys unique. */
    record Timer(Reminder reminder, String timerKey, String claimId) implements Source {}

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

  TurnRunner(BotSettings settings, TurnCommit commit) {
    this.settings = settings;
    this.store = settings.store();
    this.router = new Router(settings, new FlowRunner(settings));
    this.commit = commit;
  }

  TurnOutcome run(Recipient recipient, Source source) {
    for (int attempt = 1; ; attempt++) {
      try {
        return store.withConversation(recipient, conversation -> once(recipient, source));
      } catch (StateConflict conflict) {
        if (attempt >= MAX_CONFLICTS) {
          throw new IllegalStateException("the state of " + recipient.key() + " kept changing under the turn ("
              + attempt + " attempts): something writes it without holding the conversation", conflict);
        }
        log.debug("state of {} changed during a turn; running it again", recipient.key());
      }
    }
  }

  private TurnOutcome once(Recipient recipient, Source source) {
    Instant now = settings.clock().instant();
    ConversationState state = store.state(recipient);
    ConversationData data = ConversationData.parse(state);
    InboundEvent event = source instanceof Source.Event e ? e.event() : null;
    String eventKey = event == null ? null : event.dedupKey();
    if (eventKey != null && data.handled(eventKey)) {
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
      save(recipient, state, untouched);
      if (eventKey != null) {
        store.markHandled(eventKey);
      }
      return TurnOutcome.FAILED;
    }
    if (eventKey != null) {
      data.markHandled(eventKey);
    }
    save(recipient, state, data);
    commit.apply(turn, replyKeyBase(source, eventKey));
    if (eventKey != null) {
      store.markHandled(eventKey);
    }
    return context.silenced ? TurnOutcome.SILENCED : TurnOutcome.HANDLED;
  }

  private void save(Recipient recipient, ConversationState state, ConversationData data) {
    Optional<ConversationState> saved = store.compareAndSetState(recipient, state.version(), data.toJson());
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
      return "bot:reminder:" + timer.timerKey() + "@" + timer.reminder().dueAt().toEpochMilli() + "#" + timer.claimId();
    }
    if (source instanceof Source.OwnerChange change) {
      return "bot:handback:" + change.changeId();
    }
    return "bot:" + eventKey;
  }
}
