package dev.parley.bot;

import dev.parley.bot.nlu.IntentRecognizer;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.Owner;
import dev.parley.core.outbox.Outbox;
import dev.parley.core.outbox.OutboxDelivery;
import dev.parley.core.webhook.InboundEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A concierge bot: its handlers, flows, global intents and middleware, and the runtime that feeds it
 * the conversations' events. Build one per application and share it.
 *
 * <pre>{@code
 * ConversationStore store = JdbcConversationStore.create(JdbcConversationStore.h2FileUrl(Path.of("parley-data/parley")));
 * Bot bot = Bot.builder()
 *     .store(store)
 *     .sender(parley::sendAsync)                   // replies go through a durable outbox
 *     .senderActions(parley::senderActionAsync)    // typing indicator
 *     .use(Middleware.logging())
 *     .use(Middleware.typingIndicator())
 *     .globalIntent(GlobalIntent.help("I can book a table."))
 *     .globalIntent(GlobalIntent.talkToHuman("A colleague will answer you here."))
 *     .flow(booking)
 *     .fallback(turn -> turn.replyWithQuickReplies("Sorry, I did not get that.", "Book a table", "Talk to a human"))
 *     .build();
 * bot.start();                                      // reminders, and the outbox it built
 * WebhookHandler webhooks = WebhookHandler.builder()...listener(bot.webhookListener()).executor(webhookThreads).build();
 * webhooks.redispatchUnhandled();
 * }</pre>
 *
 * <p><b>Ordering.</b> Turns of one conversation run one at a time and in arrival order; turns of
 * different conversations run in parallel on a bounded pool of workers ({@link Builder#workers}).
 * Each conversation has an in-process queue (no thread per conversation, no global lock), and each
 * turn runs inside {@link ConversationStore#withConversation}, so on a shared PostgreSQL store two
 * nodes never run one conversation at once. Across nodes, an event's turn first runs the
 * conversation's earlier events that the store's journal holds unhandled (recorded by another node
 * whose turn has not run yet), oldest first by the platform's timestamp: the conversation's events
 * are handled in the order they happened whichever node received them. A slow turn occupies one
 * worker and delays only its own conversation. A turn handed in by {@link #handleAndWait} (the {@link
 * #webhookListener}) runs on the caller's thread when its conversation is idle and a worker slot is
 * free, and counts against {@link Builder#workers} like a turn on the pool.
 *
 * <p><b>Effectively once.</b> An event already handled (a webhook redelivery, a redispatch after a
 * crash, an event another node's turn ran first) is recognised from the conversation's saved state and
 * the journal, and not handled twice. A turn's replies are held while it runs and handed to the outbox
 * only once its state is saved, with dedup keys derived from the event and the reply's position, so a
 * re-run turn never sends twice and a failed save sends nothing. Reminders are durable timers of the store: they fire after a restart, once only,
 * on one node, as turns of their conversation. A reminder is claimed for a lease of 5 minutes and
 * deleted in the transaction that saves its turn, so a node dying in between (or a failed save) loses
 * nothing: once the lease has run out, a poll of any node fires it again.
 *
 * <p>Thread-safe. {@link #close()} stops the workers and the reminder poller.
 */
public final class Bot implements AutoCloseable {

  /** Who owns a conversation handed to humans with no particular agent: the agent inbox's queue. */
  public static final Owner UNASSIGNED = Owner.agent("unassigned");

  private final Builder config;
  private final BotRuntime runtime;

  private Bot(Builder builder) {
    this.config = builder.copy();
    this.runtime = new BotRuntime(config.settings());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this bot's configuration, to build a variant (a test bot on another store). */
  public Builder newBuilder() {
    return config.copy();
  }

  /**
   * Queues {@code event} on its conversation and returns at once; a worker of the bot's pool runs its
   * turn, and the future completes when the turn is over: state saved and replies handed to the outbox
   * ({@link TurnOutcome#HANDLED}), or why nothing ran. It completes exceptionally when the store failed
   * (nothing was sent; the event stays unhandled in the journal, so a redispatch runs it again), and
   * with a {@link java.util.concurrent.RejectedExecutionException} once the bot is closed. A caller
   * that waits for the turn anyway should call {@link #handleAndWait} instead: it saves two thread
   * hand-offs.
   */
  public CompletableFuture<TurnOutcome> handle(InboundEvent event) {
    Objects.requireNonNull(event, "event");
    return runtime.handle(event);
  }

  /**
   * Runs {@code event}'s turn and returns once it is over, with what {@link #handle}'s future would
   * complete with. When the event's conversation has no turn queued or running and fewer than {@link
   * Builder#workers} turns run, the turn runs on the calling thread, with no hand-off to a worker and
   * back (on a loaded machine each can wait for a core); turns of the conversation handed in meanwhile
   * queue behind it and go to the pool after it. Otherwise the event is queued as by {@link #handle}
   * and the calling thread waits for its turn. Either way, turns of one conversation keep their
   * order. The wait cannot be interrupted; an interrupted thread never runs a turn itself.
   *
   * <p>Call it outside turns and outside {@link ConversationStore#withConversation}: a JDBC store binds
   * its transaction to the thread, and a turn run there would join it. Called from inside a turn, it
   * queues the event and waits.
   *
   * @throws RuntimeException the store's exception, as it is, when the store failed (nothing was sent;
   *     the event stays unhandled in the journal, so a redispatch runs it again)
   * @throws java.util.concurrent.RejectedExecutionException once the bot is closed
   */
  public TurnOutcome handleAndWait(InboundEvent event) {
    Objects.requireNonNull(event, "event");
    return runtime.handleAndWait(event);
  }

  /**
   * A {@link dev.parley.core.webhook.WebhookHandler} listener: hands each event to {@link
   * #handleAndWait}, so the handler marks the event handled only once its turn is saved and a crash in
   * between leaves it to {@code redispatchUnhandled()}; a store failure reaches the handler as the
   * store's exception, and the event stays unhandled. Most turns run on the webhook handler's thread;
   * a turn of a conversation that is busy, or beyond {@link Builder#workers} turns at once, runs on
   * the bot's pool while the handler's thread waits for it: give the webhook handler an executor with
   * enough threads for the turns you expect at once.
   */
  public Consumer<InboundEvent> webhookListener() {
    return this::handleAndWait;
  }

  /**
   * Starts the reminder poller (every {@link Builder#reminderPollInterval}) and the outbox the bot
   * built for {@link Builder#sender}. Idempotent.
   */
  public void start() {
    runtime.start();
  }

  /**
   * Claims the reminders due now on the bot's clock, runs them as turns of their conversations and
   * waits for those turns. What the poller does; call it yourself when you drive time (tests, tools).
   *
   * @return how many reminders fired
   */
  public int fireDueReminders() {
    return runtime.fireDueReminders();
  }

  /**
   * Schedules the reminder {@code name} for {@code conversation} at {@code at}, from outside a turn (a
   * back office, a booking system), replacing a pending one of that name; it fires as a turn handled
   * by {@link Builder#onReminder}.
   */
  public void remind(Recipient conversation, String name, Instant at, String data) {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(at, "at");
    runtime.remind(conversation, Reminders.requireName(name), at, data);
  }

  /** Cancels the pending reminder {@code name} of {@code conversation}. @return true if one was pending */
  public boolean cancelReminder(Recipient conversation, String name) {
    Objects.requireNonNull(conversation, "conversation");
    return runtime.cancelReminder(conversation, Reminders.requireName(name));
  }

  /**
   * Hands {@code conversation} to {@code owner} (an agent, {@link #UNASSIGNED}, Meta's inbox), in order
   * with its turns; the bot stays silent while it is not the owner, but keeps recording messages.
   */
  public CompletableFuture<Void> handOff(Recipient conversation, Owner owner, String reason) {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(owner, "owner");
    return runtime.changeOwner(conversation, owner, reason);
  }

  /**
   * Gives {@code conversation} back to the bot, in order with its turns, and runs a {@link
   * Turn.Trigger#HANDED_BACK} turn: the {@link Builder#onHandBack} handler, then the interrupted flow
   * asks its question again.
   */
  public CompletableFuture<Void> handBack(Recipient conversation, String reason) {
    Objects.requireNonNull(conversation, "conversation");
    return runtime.changeOwner(conversation, Owner.bot(), reason);
  }

  /** What the bot knows about {@code conversation} now: owner, flows, step, slots, memory. */
  public ConversationView view(Recipient conversation) {
    Objects.requireNonNull(conversation, "conversation");
    return runtime.view(conversation);
  }

  /** The store the bot keeps conversations in. */
  public ConversationStore store() {
    return config.store;
  }

  /** The bot's clock. */
  public Clock clock() {
    return config.clock;
  }

  /**
   * Stops taking events, lets queued and running turns finish (up to {@link Builder#shutdownGrace}, 10 s
   * unless set, turns running on {@link #handleAndWait} callers' threads included), stops the reminder
   * poller and closes the outbox the bot built (its deliveries in flight get the same grace). The store
   * stays open: it is yours.
   */
  @Override
  public void close() {
    runtime.close();
  }

  @Override
  public String toString() {
    return "Bot[" + config.flows.size() + " flows, " + config.globalIntents.size() + " global intents, "
        + config.middleware.size() + " middleware, " + config.workers + " workers]";
  }

  /**
   * The bot's configuration. A store and a way to send ({@link #sender} or {@link #outbox}) are
   * required. Not thread-safe; build once at start-up.
   */
  public static final class Builder {
    ConversationStore store;
    Outbox outbox;
    OutboxDelivery sender;
    SenderActions senderActions = SenderActions.NONE;
    IntentRecognizer recognizer;
    Clock clock = Clock.systemUTC();
    ZoneId zone = ZoneOffset.UTC;
    int workers = 8;
    Duration reminderPollInterval = Duration.ofSeconds(1);
    Duration outboxPollInterval = Duration.ofMillis(100);
    Duration shutdownGrace = Duration.ofSeconds(10);
    Owner handoffOwner = UNASSIGNED;
    final List<Middleware> middleware = new ArrayList<>();
    final Map<String, Flow> flows = new LinkedHashMap<>();
    final Map<String, GlobalIntent> globalIntents = new LinkedHashMap<>();
    final Map<String, TurnHandler> intentHandlers = new LinkedHashMap<>();
    final Map<String, TurnHandler> payloadHandlers = new LinkedHashMap<>();
    final Map<Class<? extends InboundEvent>, TurnHandler> eventHandlers = new LinkedHashMap<>();
    final Map<String, TurnHandler> reminderHandlers = new LinkedHashMap<>();
    TurnHandler handBackHandler;
    TurnHandler fallback = Router.DEFAULT_FALLBACK;

    private Builder() {}

    /** Where conversations, state, reminders, the journal and the outbox live. Required. */
    public Builder store(ConversationStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sends replies through an outbox the bot builds over the store's outbox table, starts in {@link
     * Bot#start()} and closes in {@link Bot#close()}: {@code .sender(parley::sendAsync)}. Exclusive with
     * {@link #outbox}.
     */
    public Builder sender(OutboxDelivery sender) {
      this.sender = Objects.requireNonNull(sender, "sender");
      this.outbox = null;
      return this;
    }

    /**
     * Sends replies through your {@code outbox}, which you start and close; it must be built over this
     * bot's {@code store.outbox()}, where turns write their replies. Exclusive with {@link #sender}.
     */
    public Builder outbox(Outbox outbox) {
      this.outbox = Objects.requireNonNull(outbox, "outbox");
      this.sender = null;
      return this;
    }

    /**
     * Understands customers' text: intents for {@link #onIntent}, flow triggers and global intents,
     * entities for handlers ({@link Turn#understanding()}). None unless set: then only payloads and
     * phrases match.
     */
    public Builder recognizer(IntentRecognizer recognizer) {
      this.recognizer = Objects.requireNonNull(recognizer, "recognizer");
      return this;
    }

    /** Where typing indicators go: {@code parley::senderActionAsync}; nowhere unless set. */
    public Builder senderActions(SenderActions senderActions) {
      this.senderActions = Objects.requireNonNull(senderActions, "senderActions");
      return this;
    }

    /** The clock of turns, reminders and the outbox the bot builds; the system clock unless set. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where dates the customer types are ("tomorrow 8pm"); UTC unless set. */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * Turns run at once across conversations, 1 to 512; 8 unless set: the size of the bot's pool, and
     * the most turns running at once on it and on the threads of {@link Bot#handleAndWait} callers
     * together.
     */
    public Builder workers(int workers) {
      if (workers < 1 || workers > 512) {
        throw new IllegalArgumentException("workers must be from 1 to 512, got " + workers);
      }
      this.workers = workers;
      return this;
    }

    /** How often the started bot claims due reminders, 10 ms to 1 h; 1 s unless set. */
    public Builder reminderPollInterval(Duration interval) {
      this.reminderPollInterval = between("reminderPollInterval", interval, Duration.ofMillis(10), Duration.ofHours(1));
      return this;
    }

    /** How often the outbox the bot builds looks for replies committed by turns, 10 ms to 10 s; 100 ms unless set. */
    public Builder outboxPollInterval(Duration interval) {
      this.outboxPollInterval = between("outboxPollInterval", interval, Duration.ofMillis(10), Duration.ofSeconds(10));
      return this;
    }

    /**
     * How long {@link Bot#close()} lets queued and running turns finish, and then the deliveries in
     * flight of the outbox the bot built, 0 to 5 minutes; 10 s unless set. A turn still running after it
     * is left to its thread; its reply, if it saves one later, stays in the outbox for the next start.
     */
    public Builder shutdownGrace(Duration grace) {
      this.shutdownGrace = between("shutdownGrace", grace, Duration.ZERO, Duration.ofMinutes(5));
      return this;
    }

    /** Who gets a conversation handed off with no owner named ({@link Turn#handOff(String)}, talk to a human); {@link Bot#UNASSIGNED} unless set. */
    public Builder handoffOwner(Owner owner) {
      Objects.requireNonNull(owner, "owner");
      if (owner.isBot()) {
        throw new IllegalArgumentException("the handoff owner must be a human or Meta's inbox, not the bot");
      }
      this.handoffOwner = owner;
      return this;
    }

    /** Adds middleware around every turn; the first added runs outermost. */
    public Builder use(Middleware middleware) {
      this.middleware.add(Objects.requireNonNull(middleware, "middleware"));
      return this;
    }

    /** Adds a flow, started by its triggers or {@link Turn#startFlow}. */
    public Builder flow(Flow flow) {
      Objects.requireNonNull(flow, "flow");
      if (flows.putIfAbsent(flow.name(), flow) != null) {
        throw new IllegalArgumentException("a flow named '" + flow.name() + "' is already added");
      }
      return this;
    }

    /** Adds something the customer can ask at any point, even inside a flow. */
    public Builder globalIntent(GlobalIntent intent) {
      Objects.requireNonNull(intent, "intent");
      if (globalIntents.putIfAbsent(intent.name(), intent) != null) {
        throw new IllegalArgumentException("a global intent named '" + intent.name() + "' is already added");
      }
      return this;
    }

    /** Handles messages the recognizer understands as {@code intent}, outside flows. */
    public Builder onIntent(String intent, TurnHandler handler) {
      intentHandlers.put(Flow.requireName("intent", intent), Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** Handles taps of quick replies, postback buttons, reply buttons and list rows carrying {@code payload}, outside flows. */
    public Builder onPayload(String payload, TurnHandler handler) {
      payloadHandlers.put(Flow.requireName("payload", payload), Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** Handles events of {@code type} (a {@code Referral}, a {@code Reaction}, an {@code OrderPlaced}...) not handled otherwise. */
    public Builder onEvent(Class<? extends InboundEvent> type, TurnHandler handler) {
      eventHandlers.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** Handles the reminder {@code name} when it fires. */
    public Builder onReminder(String name, TurnHandler handler) {
      reminderHandlers.put(Reminders.requireName(name), Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** Runs when a human hands a conversation back, before the interrupted flow asks its question again. */
    public Builder onHandBack(TurnHandler handler) {
      this.handBackHandler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /** Handles what nothing else handled; by default the bot says it did not understand. */
    public Builder fallback(TurnHandler handler) {
      this.fallback = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /**
     * Checks the configuration and builds the bot; it takes no events until built and runs no
     * reminders until {@linkplain Bot#start() started}.
     *
     * @throws IllegalStateException when the store or the sender is missing, a flow step runs a flow
     *     not added, or two flows share a trigger
     */
    public Bot build() {
      if (store == null) {
        throw new IllegalStateException("a bot needs a store: Bot.builder().store(...)");
      }
      if (sender == null && outbox == null) {
        throw new IllegalStateException("a bot needs a way to send: .sender(parley::sendAsync) or .outbox(outbox)");
      }
      BotSettings.checkFlows(flows);
      return new Bot(this);
    }

    BotSettings settings() {
      return new BotSettings(this);
    }

    Builder copy() {
      Builder copy = new Builder();
      copy.store = store;
      copy.outbox = outbox;
      copy.sender = sender;
      copy.senderActions = senderActions;
      copy.recognizer = recognizer;
      copy.clock = clock;
      copy.zone = zone;
      copy.workers = workers;
      copy.reminderPollInterval = reminderPollInterval;
      copy.outboxPollInterval = outboxPollInterval;
      copy.handoffOwner = handoffOwner;
      copy.shutdownGrace = shutdownGrace;
      copy.middleware.addAll(middleware);
      copy.flows.putAll(flows);
      copy.globalIntents.putAll(globalIntents);
      copy.intentHandlers.putAll(intentHandlers);
      copy.payloadHandlers.putAll(payloadHandlers);
      copy.eventHandlers.putAll(eventHandlers);
      copy.reminderHandlers.putAll(reminderHandlers);
      copy.handBackHandler = handBackHandler;
      copy.fallback = fallback;
      return copy;
    }

    private static Duration between(String field, Duration value, Duration min, Duration max) {
      if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        throw new IllegalArgumentException(field + " must be from " + min + " to " + max + ", got " + value);
      }
      return value;
    }
  }
}
