package dev.parley.bot.handoff;

import dev.parley.bot.Bot;
import dev.parley.bot.concierge.ConciergeTask;
import dev.parley.bot.concierge.CustomerOrder;
import dev.parley.bot.concierge.DeskException;
import dev.parley.bot.concierge.DeskException.Problem;
import dev.parley.bot.concierge.PaymentDesk;
import dev.parley.bot.concierge.TaskStore;
import dev.parley.bot.concierge.internal.Notices;
import dev.parley.core.ParleyException;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.Customer;
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
import java.util.function.UnaryOperator;
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
 *     .onHandBack(bot::resume)                 // the bot resumes its flow or greets
 *     .build();
 * handoffs.observe(event);                       // every webhook event: unread counts, handover events
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
  private static final int ATTEMPTS = 5;
  private static final int TRANSCRIPT = 50;

  private final HandoffStore handoffs;
  private final ConversationStore conversations;
  private final Outbox outbox;
  private final PaymentDesk payments;
  private final TaskStore tasks;
  private final HandoffTriggers triggers;
  private final int lowConfidenceLimit;
  private final Duration idle;
  private final HandBackListener handBackListener;
  private final ThreadControl threadControl;
  private final Clock clock;
  private final Runnable changeListener;

  private HandoffDesk(Builder builder) {
    this.handoffs = builder.handoffs;
    this.conversations = builder.conversations;
    this.outbox = builder.outbox;
    this.payments = builder.payments;
    this.tasks = builder.tasks;
    this.triggers = builder.triggers;
    this.lowConfidenceLimit = builder.lowConfidenceLimit;
    this.idle = builder.idle;
    this.handBackListener = builder.handBackListener != null ? builder.handBackListener : this::greet;
    this.threadControl = builder.threadControl;
    this.clock = builder.clock;
    this.changeListener = builder.changeListener;
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
    Optional<HandoffReason> words = triggers.check(text);
    return words.isPresent() ? words : recordUnderstanding(conversation, understood);
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
    Handoff current = record(conversation);
    if (understood && current.lowConfidenceStreak() == 0) {
      return Optional.empty();
    }
    int streak = understood ? 0 : current.lowConfidenceStreak() + 1;
    boolean reached = streak >= lowConfidenceLimit;
    int stored = reached ? 0 : streak;
    update(conversation, h -> h.with(h.status(), h.reason(), h.detail(), h.slots(), h.language(), h.requestedAt(),
        h.agent(), h.claimedAt(), h.lastActivityAt(), h.unread(), stored));
    return reached ? Optional.of(HandoffReason.LOW_CONFIDENCE) : Optional.empty();
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
    Handoff after = update(conversation, h -> {
      queued.set(!h.status().withPeople());
      return h.status().withPeople() ? h : h.with(HandoffStatus.WAITING, reason, detail, slots == null ? h.slots() : slots,
          language == null ? h.language() : language, now, null, null, now, 0, 0);
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
    Handoff after = update(conversation, h -> h.status().withPeople() ? h
        : h.with(HandoffStatus.WAITING, reason, detail, slots == null ? h.slots() : slots,
            language == null ? h.language() : language, now, null, null, now, 0, 0));
    changed();
    return after;
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
    String name = requireAgent(agent);
    Instant now = clock.instant();
    Handoff before = record(conversation);
    if (before.status() == HandoffStatus.ACTIVE && name.equals(before.agent())) {
      return before;
    }
    Handoff after = update(conversation, h -> {
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
    tell(conversation, HandoffTexts.text(after.language(), "claimed", name), "handoff:" + conversation.key() + ":"
        + after.version());
    log.info("conversation {} claimed by {}", conversation.key(), name);
    changed();
    return after;
  }

  /** Records an agent's action (a reply): the idle timer starts again and unread messages are read. */
  public Handoff agentActed(Recipient conversation, String agent) {
    requireAgent(agent);
    Instant now = clock.instant();
    Handoff after = update(conversation, h -> h.with(h.status(), h.reason(), h.detail(), h.slots(), h.language(),
        h.requestedAt(), h.agent(), h.claimedAt(), now, 0, h.lowConfidenceStreak()));
    changed();
    return after;
  }

  /** Marks the customer's messages as read by an agent. */
  public Handoff markRead(Recipient conversation) {
    Handoff after = update(conversation, h -> h.unread() == 0 ? h : h.with(h.status(), h.reason(), h.detail(),
        h.slots(), h.language(), h.requestedAt(), h.agent(), h.claimedAt(), h.lastActivityAt(), 0,
        h.lowConfidenceStreak()));
    changed();
    return after;
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
    Objects.requireNonNull(actor, "actor");
    Handoff before = record(conversation);
    if (!before.status().withPeople()) {
      return before;
    }
    Instant now = clock.instant();
    Handoff after = update(conversation, h -> h.with(HandoffStatus.BOT, h.reason(), h.detail(), h.slots(), h.language(),
        h.requestedAt(), h.agent(), h.claimedAt(), now, 0, 0));
    conversations.assignOwner(conversation, Owner.bot(), why == null ? "handed back" : why, now);
    log.info("conversation {} handed back to the bot by {}", conversation.key(), actor);
    changed();
    try {
      handBackListener.handedBack(conversation, before, why == null ? "handed back" : why);
    } catch (RuntimeException e) {
      log.error("the bot could not resume conversation {} after the hand-back", conversation.key(), e);
    }
    return after;
  }

  // ---- Meta's inbox ----------------------------------------------------------------------------

  /** Passes the Messenger thread to Meta's Page Inbox, where the team answers in Meta's tools. */
  public Handoff passToMetaInbox(Recipient conversation, String actor, String metadata) {
    ThreadControl threads = requireThreadControl();
    try {
      threads.pass(conversation, ThreadControl.PAGE_INBOX_APP_ID, metadata);
    } catch (ParleyException e) {
      throw new DeskException(Problem.PLATFORM, "Meta refused to pass the thread: " + e.getMessage(), e);
    }
    return metaInboxHasIt(conversation, actor);
  }

  /** Takes the Messenger thread back from Meta's inbox; the bot has the conversation again. */
  public Handoff takeFromMetaInbox(Recipient conversation, String actor) {
    ThreadControl threads = requireThreadControl();
    try {
      threads.take(conversation, "taken back by " + actor);
    } catch (ParleyException e) {
      throw new DeskException(Problem.PLATFORM, "Meta refused to give the thread back: " + e.getMessage(), e);
    }
    return handBack(conversation, actor, "taken back from Meta's inbox by " + actor);
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
      follow(handover);
      return;
    }
    if (event instanceof MessageReceived && !event.standby()) {
      Optional<Handoff> existing = handoffs.find(event.from());
      if (existing.isPresent() && existing.get().status().withPeople()) {
        Instant now = clock.instant();
        update(event.from(), h -> !h.status().withPeople() ? h : h.with(h.status(), h.reason(), h.detail(), h.slots(),
            h.language(), h.requestedAt(), h.agent(), h.claimedAt(), now, h.unread() + 1, h.lowConfidenceStreak()));
        changed();
      }
    }
  }

  private void follow(Handover handover) {
    Recipient conversation = handover.from();
    switch (handover.kind()) {
      case PASS_THREAD_CONTROL -> {
        // Meta sends pass_thread_control to the app that receives the thread: this one.
        log.info("thread of {} passed to this app", conversation.key());
        handBack(conversation, "meta", "thread passed back from Meta's inbox");
      }
      case TAKE_THREAD_CONTROL -> {
        // Sent to the app that lost the thread: another app (Meta's inbox) took it.
        log.info("thread of {} taken by app {}", conversation.key(), handover.newOwnerAppId());
        metaInboxHasIt(conversation, "meta");
      }
      case REQUEST_THREAD_CONTROL -> {
        Handoff current = record(conversation);
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
    Handoff after = update(conversation, h -> h.with(HandoffStatus.META_INBOX,
        h.status() == HandoffStatus.BOT ? HandoffReason.AGENT_TOOK_OVER : h.reason(), h.detail(), h.slots(),
        h.language(), h.status() == HandoffStatus.BOT ? now : h.requestedAt(), null, null, now, h.unread(), 0));
    log.info("conversation {} is answered in Meta's inbox ({})", conversation.key(), actor);
    changed();
    return after;
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
    Instant cutoff = clock.instant().minus(idle);
    int count = 0;
    for (Handoff stale : handoffs.idle(cutoff, 100)) {
      Handoff current = record(stale.conversation());
      boolean idleNow = (current.status() == HandoffStatus.WAITING || current.status() == HandoffStatus.ACTIVE)
          && current.lastActivityAt() != null && !current.lastActivityAt().isAfter(cutoff);
      if (idleNow) {
        handBack(current.conversation(), "timer", "idle for " + describe(idle));
        count++;
      }
    }
    return count;
  }

  /** The idle time after which a conversation goes back to the bot. */
  public Duration idleHandBackAfter() {
    return idle;
  }

  // ---- reading ---------------------------------------------------------------------------------

  /** The record of the conversation; a fresh BOT record if it never had one. */
  public Handoff record(Recipient conversation) {
    Objects.requireNonNull(conversation, "conversation");
    return handoffs.find(conversation)
        .orElseGet(() -> Handoff.withBot(conversation, conversations.customer(conversation).id()));
  }

  /** The queue: conversations waiting for a person, longest waiting first. */
  public List<Handoff> queue(int limit) {
    return handoffs.list(EnumSet.of(HandoffStatus.WAITING), clamp(limit));
  }

  /** Conversations in any of {@code statuses}, longest waiting first. */
  public List<Handoff> list(java.util.Set<HandoffStatus> statuses, int limit) {
    return handoffs.list(statuses, clamp(limit));
  }

  /** Everything an agent needs about the conversation. */
  public HandoffContext context(Recipient conversation) {
    Handoff handoff = record(conversation);
    Customer customer = conversations.findCustomerById(handoff.customerId())
        .orElseGet(() -> conversations.customer(conversation));
    List<CustomerOrder> orders;
    try {
      orders = payments.orders(customer.id(), conversation);
    } catch (RuntimeException e) {
      log.warn("orders of {} unavailable: {}", conversation.key(), e.getMessage());
      orders = List.of();
    }
    List<ConciergeTask> customerTasks = tasks == null ? List.of() : tasks.forCustomer(customer.id(), 100);
    return new HandoffContext(handoff, customer, conversations.history(customer.id(), Long.MAX_VALUE, TRANSCRIPT).messages(),
        orders, customerTasks);
  }

  // ---- internals -------------------------------------------------------------------------------

  private Handoff update(Recipient conversation, UnaryOperator<Handoff> change) {
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

  private void greet(Recipient conversation, Handoff handoff, String why) {
    tell(conversation, HandoffTexts.text(handoff.language(), "back"), "handback:" + conversation.key() + ":"
        + handoff.version());
  }

  private void tell(Recipient conversation, String text, String dedupKey) {
    Notices.tell(outbox, conversations, conversation, Message.text(text), dedupKey, clock.instant());
  }

  private ThreadControl requireThreadControl() {
    if (threadControl == null) {
      throw new DeskException(Problem.INVALID, "Meta's inbox is not set up: no Messenger page is configured");
    }
    return threadControl;
  }

  private void changed() {
    try {
      changeListener.run();
    } catch (RuntimeException e) {
      log.warn("change listener failed", e);
    }
  }

  private static int clamp(int limit) {
    return Math.max(1, Math.min(limit, 500));
  }

  static String describe(Duration duration) {
    long minutes = duration.toMinutes();
    return minutes >= 120 && minutes % 60 == 0 ? minutes / 60 + " hours" : minutes + " minutes";
  }

  static String requireAgent(String agent) {
    if (agent == null || agent.isBlank()) {
      throw new DeskException(Problem.INVALID, "the agent's name is missing");
    }
    return agent.strip();
  }

  @Override
  public String toString() {
    return "HandoffDesk[idle hand-back after " + describe(idle) + ", low confidence limit " + lowConfidenceLimit + "]";
  }

  /** Configures a {@link HandoffDesk}. Not thread-safe. */
  public static final class Builder {
    private final HandoffStore handoffs;
    private final ConversationStore conversations;
    private final Outbox outbox;
    private PaymentDesk payments = PaymentDesk.none();
    private TaskStore tasks;
    private HandoffTriggers triggers = HandoffTriggers.defaults();
    private int lowConfidenceLimit = 2;
    private Duration idle = Duration.ofMinutes(30);
    private HandBackListener handBackListener;
    private ThreadControl threadControl;
    private Clock clock = Clock.systemUTC();
    private Runnable changeListener = () -> {};

    private Builder(HandoffStore handoffs, ConversationStore conversations, Outbox outbox) {
      this.handoffs = Objects.requireNonNull(handoffs, "handoffs");
      this.conversations = Objects.requireNonNull(conversations, "conversations");
      this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    /** Where the orders and payment states of the context come from. */
    public Builder payments(PaymentDesk payments) {
      this.payments = Objects.requireNonNull(payments, "payments");
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
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Runs after every change of the queue or of a conversation with people (the inbox's change feed). */
    public Builder onChange(Runnable listener) {
      this.changeListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public HandoffDesk build() {
      return new HandoffDesk(this);
    }
  }
}
