package dev.parley.bot.handoff;

import dev.parley.bot.Bot;
import dev.parley.bot.concierge.DeskException;
import dev.parley.bot.concierge.PaymentDesk;
import dev.parley.bot.concierge.TaskStore;
import dev.parley.bot.concierge.internal.DeskWiring;
import dev.parley.bot.concierge.internal.Notices;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.Owner;
import dev.parley.core.handover.ThreadControl;
import dev.parley.core.message.Message;
import dev.parley.core.outbox.Outbox;
import dev.parley.core.webhook.Handover;
import dev.parley.core.webhook.InboundEvent;
import dev.parley.core.webhook.MessageReceived;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands conversations from the bot to people and back, with the context an agent needs. While
 * people have a conversation its {@linkplain ConversationStore#ownership owner} is not the bot, so
 * the bot runtime's owner check keeps the bot silent; the queue of conversations waiting for a
 * person is kept here, oldest first.
 *
 * <pre>{@code
 * HandoffDesk handoffs = HandoffDesk.builder(handoffStore, conversationStore, outbox)
 *     .payments(paymentDesk).tasks(taskStore).idleHandBack(Duration.ofMinutes(30))
 *     .onHandBack((customer, handoff, why) -> bot.handBack(customer, why))   // the flow resumes
 *     .build();
 * handoffs.observe(event);                       // every webhook event: unread counts, handover events
 * // inside a Bot, HandoffMiddleware runs the triggers; elsewhere:
 * handoffs.trigger(customer, text, understood).ifPresent(reason -> handoffs.handOff(customer, reason, text, slots, "en"));
 * handoffs.claim(customer, "alice");
 * handoffs.handBack(customer, "agent:alice", "agent alice handed back");
 * }</pre>
 *
 * <ul>
 *   <li>Handing off assigns the owner {@link #QUEUE_OWNER} ({@link Bot#UNASSIGNED}, a name no agent may have)
 *       and tells the customer a person will answer; claiming assigns {@code Owner.agent(name)}.
 *   <li>Triggers: the customer asks for a person, sounds angry or reports a payment problem
 *       ({@link HandoffTriggers}), or the bot did not understand {@code lowConfidenceLimit} messages
 *       in a row (2 by default).
 *   <li>Idle hand-back: {@link #handBackIdle()} (run periodically by the server) hands a
 *       conversation back when neither the customer nor an agent did anything for the idle time.
 *       The deadline lives in the handoff record (its last activity), so it survives restarts,
 *       and it does not compete with the bot's reminders for the store's timers.
 *   <li>Meta's inbox: {@link #passToMetaInbox} and {@link #takeFromMetaInbox} call the Handover
 *       Protocol; {@link #observe} follows its webhook events (thread passed to this app: the bot
 *       has it again; taken by another app: Meta's inbox has it).
 * </ul>
 *
 * <p>Thread-safe. Records change by compare-and-set, so concurrent claims resolve to one winner and
 * the loser gets a {@link DeskException} CONFLICT naming who won.
 */
public final class HandoffDesk {
  private static final Logger log = LoggerFactory.getLogger(HandoffDesk.class);
  /** The owner of a conversation waiting in the queue: the bot's own handoff owner, which no agent is named. */
  public static final Owner QUEUE_OWNER = Bot.UNASSIGNED;

  private final HandoffRecords records;
  private final ConversationStore conversations;
  private final Outbox outbox;
  private final HandoffContexts contexts;
  private final HandoffTriggers triggers;
  private final CustomerSignals signals;
  private final int lowConfidenceLimit;
  private final Duration idle;
  private final AgentWork agentWork;
  private final HandBacks handBacks;
  private final MetaInboxHandover metaInbox;
  private final Clock clock;
  private final Runnable changeListener;

  private HandoffDesk(Builder builder) {
    this.conversations = builder.wiring.conversations();
    this.records = new HandoffRecords(builder.handoffs, conversations);
    this.outbox = builder.wiring.outbox();
    this.contexts = new HandoffContexts(records, conversations, builder.wiring.payments(), builder.tasks);
    this.triggers = builder.triggers;
    this.lowConfidenceLimit = builder.lowConfidenceLimit;
    this.idle = builder.idle;
    this.clock = builder.wiring.clock();
    this.changeListener = builder.wiring.changeListener();
    this.signals = new CustomerSignals(records, triggers, lowConfidenceLimit, clock, this::changed);
    this.agentWork = new AgentWork(records, conversations, outbox, clock, this::changed);
    this.handBacks = new HandBacks(records, conversations, outbox, clock, idle, builder.handBackListener,
        this::changed);
    this.metaInbox = new MetaInboxHandover(builder.threadControl, records, conversations, clock, handBacks::handBack,
        this::changed);
  }

  public static Builder builder(HandoffStore handoffs, ConversationStore conversations, Outbox outbox) {
    return new Builder(handoffs, conversations, outbox);
  }

  // ---- triggers --------------------------------------------------------------------------------

  /**
   * Whether the customer's message {@code text} calls for a person: the words of {@link
   * HandoffTriggers}, or {@code understood == false} for the {@code lowConfidenceLimit}-th message in
   * a row. Pass {@code understood = true} when the bot recognised the message. Does not hand off:
   * the caller decides (and passes what the bot knew).
   */
  public Optional<HandoffReason> trigger(Recipient conversation, String text, boolean understood) {
    return signals.trigger(conversation, text, understood);
  }


  /** The reason the words of {@code text} call for a person, if they do. */
  public Optional<HandoffReason> triggerWords(String text) {
    return triggers.check(text);
  }

  /**
   * Counts the customer's messages the bot did not understand in a row: LOW_CONFIDENCE when the
   * count reaches the limit (the count starts again then, and after any understood message).
   */
  public Optional<HandoffReason> recordUnderstanding(Recipient conversation, boolean understood) {
    return signals.recordUnderstanding(conversation, understood);
  }


  // ---- handing off -----------------------------------------------------------------------------

  /**
   * Puts the conversation in the queue for a person, silences the bot and tells the customer. A
   * conversation already with people stays as it is (its record is returned).
   *
   * @param detail more words on the reason, such as the customer's message, or null
   * @param slots what the bot had collected, shown to the agent
   * @param language the customer's language ({@code en}, {@code fr})
   */
  public Handoff handOff(Recipient conversation, HandoffReason reason, String detail, Map<String, String> slots,
      String language) {
    Objects.requireNonNull(reason, "reason");
    Instant now = clock.instant();
    Handoff before = record(conversation);
    if (before.status().withPeople()) {
      return before;
    }
    conversations.assignOwner(conversation, QUEUE_OWNER, reason.description(), now);
    java.util.concurrent.atomic.AtomicBoolean queued = new java.util.concurrent.atomic.AtomicBoolean();
    Handoff after = records.update(conversation, h -> {
      queued.set(!h.status().withPeople());
      return h.status().withPeople() ? h : waiting(h, reason, detail, slots, language, now);
    });
    if (queued.get()) {
      tell(conversation, HandoffTexts.text(after.language(), "handoff"), "handoff:" + conversation.key() + ":"
          + after.version());
      log.info("conversation {} handed off: {}", conversation.key(), reason.wireName());
      changed();
    }
    return after;
  }

  /**
   * Records a handoff the bot makes inside a turn (the turn assigns the owner and tells the
   * customer, with its replies): the conversation joins the queue. A conversation already with
   * people is left as it is.
   */
  public Handoff recordHandOff(Recipient conversation, HandoffReason reason, String detail, Map<String, String> slots,
      String language) {
    Objects.requireNonNull(reason, "reason");
    Instant now = clock.instant();
    Handoff after = records.update(conversation,
        h -> h.status().withPeople() ? h : waiting(h, reason, detail, slots, language, now));
    changed();
    return after;
  }

  /** The record in the queue: what the bot knew (kept when not given), no agent, idle timer from now. */
  private static Handoff waiting(Handoff h, HandoffReason reason, String detail, Map<String, String> slots,
      String language, Instant now) {
    return h.with(HandoffStatus.WAITING, reason, detail, slots == null ? h.slots() : slots,
        language == null ? h.language() : language, now, null, null, now, 0, 0);
  }

  /** What the customer reads when handed to a person, in {@code language}. */
  public static String handOffText(String language) {
    return HandoffTexts.text(language, "handoff");
  }

  /**
   * {@code agent} takes the conversation: it leaves the queue, the agent owns it and the customer
   * is told who joined. An agent may take over a conversation the bot has (reason
   * AGENT_TOOK_OVER); claiming one another agent holds is a CONFLICT.
   */
  public Handoff claim(Recipient conversation, String agent) {
    return agentWork.claim(conversation, agent);
  }


  /** Records an agent's action (a reply): the idle timer starts again and unread messages are read. */
  public Handoff agentActed(Recipient conversation, String agent) {
    return agentWork.acted(conversation, agent);
  }


  /** Marks the customer's messages as read by an agent. */
  public Handoff markRead(Recipient conversation) {
    return agentWork.markRead(conversation);
  }


  /**
   * Gives the conversation back to the bot: the owner is the bot again, the idle timer is cancelled,
   * and the {@link HandBackListener} lets the bot resume its flow or greet. Handing back a
   * conversation the bot already has changes nothing.
   *
   * @param actor {@code "agent:alice"}, {@code "timer"}, {@code "meta"}
   * @param why words for the record, such as {@code "agent alice handed back"}
   */
  public Handoff handBack(Recipient conversation, String actor, String why) {
    return handBacks.handBack(conversation, actor, why);
  }

  // ---- Meta's inbox ----------------------------------------------------------------------------

  /** Passes the Messenger thread to Meta's Page Inbox, where the team answers in Meta's tools. */
  public Handoff passToMetaInbox(Recipient conversation, String actor, String metadata) {
    return metaInbox.pass(conversation, actor, metadata);
  }

  /** Takes the Messenger thread back from Meta's inbox; the bot has the conversation again. */
  public Handoff takeFromMetaInbox(Recipient conversation, String actor) {
    return metaInbox.take(conversation, actor);
  }

  // ---- events and timers -----------------------------------------------------------------------

  /**
   * Follows one webhook event: a customer message to a conversation with people counts as unread
   * and keeps it from idling; a Handover event moves the conversation between the bot and Meta's
   * inbox. Call it for every event, before the bot runtime handles it. Never throws for an event
   * about no customer.
   */
  public void observe(InboundEvent event) {
    if (!event.concernsCustomer()) {
      return;
    }
    if (event instanceof Handover handover) {
      metaInbox.follow(handover);
      return;
    }
    if (event instanceof MessageReceived && !event.standby()) {
      signals.messageReceived(event);
    }
  }

  /**
   * Hands back to the bot every conversation waiting or claimed in which neither the customer nor
   * an agent did anything for the idle time. The deadline is the record's last activity, kept in the
   * handoff store, so it survives restarts; on several nodes the compare-and-set of the record lets
   * one node hand each conversation back. The server calls it periodically; call it yourself when you
   * drive time (tests).
   *
   * @return how many conversations were handed back
   */
  public int handBackIdle() {
    return handBacks.handBackIdle();
  }

  /** The idle time after which a conversation goes back to the bot. */
  public Duration idleHandBackAfter() {
    return idle;
  }

  // ---- reading ---------------------------------------------------------------------------------

  /** The record of the conversation; a fresh BOT record if it never had one. */
  public Handoff record(Recipient conversation) {
    return records.record(conversation);
  }

  /** The queue: conversations waiting for a person, longest waiting first. */
  public List<Handoff> queue(int limit) {
    return records.list(EnumSet.of(HandoffStatus.WAITING), limit);
  }

  /** Conversations in any of {@code statuses}, longest waiting first. */
  public List<Handoff> list(java.util.Set<HandoffStatus> statuses, int limit) {
    return records.list(statuses, limit);
  }

  /** Everything an agent needs about the conversation. */
  public HandoffContext context(Recipient conversation) {
    return contexts.context(conversation);
  }

  // ---- internals -------------------------------------------------------------------------------

  private void tell(Recipient conversation, String text, String dedupKey) {
    Notices.tell(outbox, conversations, conversation, Message.text(text), dedupKey, clock.instant());
  }

  private void changed() {
    try {
      changeListener.run();
    } catch (RuntimeException e) {
      log.warn("change listener failed", e);
    }
  }

  @Override
  public String toString() {
    return "HandoffDesk[idle hand-back after " + HandBacks.describe(idle) + ", low confidence limit "
        + lowConfidenceLimit + "]";
  }

  /** Configures a {@link HandoffDesk}. Not thread-safe. */
  public static final class Builder {
    private final HandoffStore handoffs;
    private DeskWiring wiring;
    private TaskStore tasks;
    private HandoffTriggers triggers = HandoffTriggers.defaults();
    private int lowConfidenceLimit = 2;
    private Duration idle = Duration.ofMinutes(30);
    private HandBackListener handBackListener;
    private ThreadControl threadControl;

    private Builder(HandoffStore handoffs, ConversationStore conversations, Outbox outbox) {
      this.handoffs = Objects.requireNonNull(handoffs, "handoffs");
      this.wiring = DeskWiring.of(conversations, outbox);
    }

    /** Where the orders and payment states of the context come from. */
    public Builder payments(PaymentDesk payments) {
      wiring = wiring.withPayments(payments);
      return this;
    }

    /** Where the concierge tasks of the context come from; none by default. */
    public Builder tasks(TaskStore tasks) {
      this.tasks = Objects.requireNonNull(tasks, "tasks");
      return this;
    }

    public Builder triggers(HandoffTriggers triggers) {
      this.triggers = Objects.requireNonNull(triggers, "triggers");
      return this;
    }

    /** How many not-understood messages in a row call for a person; 2 by default. */
    public Builder lowConfidenceLimit(int limit) {
      if (limit < 1 || limit > 20) {
        throw new IllegalArgumentException("lowConfidenceLimit " + limit + " must be between 1 and 20");
      }
      this.lowConfidenceLimit = limit;
      return this;
    }

    /** The idle time after which people give the conversation back to the bot; 30 minutes by default. */
    public Builder idleHandBack(Duration idle) {
      if (idle == null || idle.compareTo(Duration.ofMinutes(1)) < 0 || idle.compareTo(Duration.ofDays(7)) > 0) {
        throw new IllegalArgumentException("idleHandBack " + idle + " must be between 1 minute and 7 days");
      }
      this.idle = idle;
      return this;
    }

    /** What the bot does when it has a conversation back; by default it greets the customer. */
    public Builder onHandBack(HandBackListener listener) {
      this.handBackListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Messenger's Handover Protocol, for teams answering in Meta's inbox; off by default. */
    public Builder threadControl(ThreadControl threadControl) {
      this.threadControl = Objects.requireNonNull(threadControl, "threadControl");
      return this;
    }

    public Builder clock(Clock clock) {
      wiring = wiring.withClock(clock);
      return this;
    }

    /** Runs after every change of the queue or of a conversation with people (the inbox's change feed). */
    public Builder onChange(Runnable listener) {
      wiring = wiring.withChangeListener(listener);
      return this;
    }

    public HandoffDesk build() {
      return new HandoffDesk(this);
    }
  }
}
