package dev.parley.bot.agent;

import dev.parley.bot.concierge.ConciergeDesk;
import dev.parley.bot.concierge.ConciergeTask;
import dev.parley.bot.concierge.CustomerOrder;
import dev.parley.bot.concierge.DeskException;
import dev.parley.bot.concierge.DeskException.Problem;
import dev.parley.bot.concierge.PaymentDesk;
import dev.parley.bot.concierge.PaymentLink;
import dev.parley.bot.concierge.RefundReceipt;
import dev.parley.bot.concierge.TaskKind;
import dev.parley.bot.concierge.TaskSlots;
import dev.parley.bot.concierge.TaskStatus;
import dev.parley.bot.concierge.internal.DeskArguments;
import dev.parley.bot.handoff.Handoff;
import dev.parley.bot.handoff.HandoffDesk;
import dev.parley.bot.handoff.HandoffStatus;
import dev.parley.core.Money;
import dev.parley.core.Parley;
import dev.parley.core.Recipient;
import dev.parley.core.SendOptions;
import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.MessagePage;
import dev.parley.core.conversation.StoredMessage;
import dev.parley.core.message.Buttons;
import dev.parley.core.message.Message;
import dev.parley.core.message.UrlButton;
import dev.parley.core.outbox.Outbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a support agent can do, in Java: the same operations the JSON API under {@code /inbox/api/}
 * serves ({@link AgentHttpApi}). The queue of conversations waiting for a person, claim, the paged
 * transcript with the files WhatsApp customers sent ({@link #attachment}), reply (sent with the
 * {@code HUMAN_AGENT} policy: outside 24 hours Messenger still
 * takes it for 7 days; otherwise the refusal comes back in words), hand back, concierge tasks,
 * payment links and refunds. Every action is recorded in the {@link AgentActionLog} with the agent.
 *
 * <p>What an agent sends goes through the bot's {@link Outbox}, behind the notices already queued for
 * the customer (the hand-off notice, "alice has joined"), so the customer reads everything in the
 * order it was decided. The outbox must send with {@link SendOptions#humanAgentReply()} while an
 * agent owns the conversation, as {@code BotService} builds it.
 *
 * <pre>{@code
 * AgentApi agents = AgentApi.builder(conversationStore, handoffDesk, conciergeDesk, parley, outbox)
 *     .payments(paymentDesk).actions(actionLog).build();
 * Agent alice = new Agent("alice");
 * QueueEntry next = agents.queue(20).get(0);
 * agents.claim(alice, next.id());
 * agents.reply(alice, next.id(), "Hello, I'm Alice. Let me check your parcel.");
 * agents.handBack(alice, next.id());
 * }</pre>
 *
 * <p>Conversation ids are {@link Recipient#key()}s ({@code messenger:<page>:<psid>}). Failures are
 * {@link DeskException}s with a {@link Problem} and a message in words. Thread-safe.
 */
public final class AgentApi {
  private static final Logger log = LoggerFactory.getLogger(AgentApi.class);
  /** The longest reply an agent may send (Messenger and WhatsApp take more; a chat reply is rarely longer). */
  public static final int MAX_REPLY = 2000;

  private final ConversationStore conversations;
  private final HandoffDesk handoffs;
  private final ConciergeDesk concierge;
  private final AgentOutbox outbox;
  private final PaymentDesk payments;
  private final AgentActionLog actions;
  private final Clock clock;
  private final AtomicLong changes;
  private final AttachmentFetcher attachments;
  private final ConversationViews views;

  private AgentApi(Builder builder) {
    this.conversations = builder.conversations;
    this.handoffs = builder.handoffs;
    this.concierge = builder.concierge;
    this.outbox = new AgentOutbox(builder.parley, builder.outbox, builder.conversations, builder.deliveryWait,
        builder.clock);
    this.payments = builder.payments;
    this.actions = builder.actions;
    this.clock = builder.clock;
    this.changes = builder.changes;
    this.attachments = new AttachmentFetcher(builder.conversations, builder.parley, builder.attachmentDirectory);
    this.views = new ConversationViews(builder.conversations, builder.handoffs, builder.payments, builder.clock);
  }

  /**
   * A builder over the stores and desks, the client whose messaging policy is asked before a message
   * is queued, and the outbox (over {@code conversations.outbox()}) that sends it.
   */
  public static Builder builder(ConversationStore conversations, HandoffDesk handoffs, ConciergeDesk concierge,
      Parley parley, Outbox outbox) {
    return new Builder(conversations, handoffs, concierge, parley, outbox);
  }

  // ---- conversations ---------------------------------------------------------------------------

  /** Conversations waiting for a person, longest waiting first. */
  public List<QueueEntry> queue(int limit) {
    return views.entries(handoffs.queue(limit));
  }

  /**
   * Conversations with people in any of {@code statuses} (waiting, active, meta_inbox), longest
   * waiting first; only {@code agent}'s when it is not null.
   */
  public List<QueueEntry> conversations(Set<HandoffStatus> statuses, String agent, int limit) {
    List<Handoff> list = handoffs.list(statuses, limit);
    if (agent != null) {
      list = list.stream().filter(h -> agent.equals(h.agent())).toList();
    }
    return views.entries(list);
  }

  /** The conversation with its context. */
  public ConversationView conversation(String id) {
    return views.view(recipient(id));
  }

  /** {@code agent} takes the conversation (from the queue, or from the bot). */
  public ConversationView claim(Agent agent, String id) {
    Recipient conversation = recipient(id);
    handoffs.claim(conversation, agent.name());
    record(agent, "claim", id, "");
    return views.view(conversation);
  }

  /** Marks the customer's messages as read. */
  public ConversationView markRead(Agent agent, String id) {
    Recipient conversation = recipient(id);
    handoffs.markRead(conversation);
    return views.view(conversation);
  }

  /**
   * A page of the transcript, oldest first: the {@code limit} messages before the message {@code
   * before} (0 for the newest), or only those after the message {@code after} when it is above 0
   * (what a polling inbox asks for).
   */
  public TranscriptPage transcript(String id, long before, long after, int limit) {
    Recipient conversation = recipient(id);
    int size = Math.max(1, Math.min(limit, 200));
    String customerId = conversations.customer(conversation).id();
    MessagePage page = conversations.history(customerId, before > 0 ? before : Long.MAX_VALUE, size);
    List<StoredMessage> messages = page.messages();
    boolean hasOlder = page.hasOlder();
    if (after > 0) {
      messages = messages.stream().filter(m -> m.id() > after).toList();
      hasOlder = false;
    }
    String viewed = conversation.key();
    List<TranscriptMessage> lines = messages.stream().map(m -> Transcripts.line(m, viewed, attachments::downloadable))
        .toList();
    return new TranscriptPage(lines, hasOlder, lines.isEmpty() ? 0 : lines.get(0).id());
  }

  /**
   * Attachment {@code index} (from 0, in the order the platform sent them) of the customer's message
   * {@code messageId} in the transcript of conversation {@code id}, fetched from WhatsApp with the
   * number's token through {@link Parley#mediaDownloads()}: what the transcript's attachment link
   * opens. The media id is always the one stored with the message, never one a caller names, so an
   * agent reaches only files customers sent in conversations the inbox shows.
   *
   * <p>No such conversation, message (in this customer's transcript) or attachment, or an attachment
   * with nothing to fetch (a Messenger file, which has its own URL; a location): NOT_FOUND. The number
   * the message came to is not configured on the client: {@link UnsupportedOperationException} (the
   * transcript then gives no link). WhatsApp refuses (an expired or deleted id, a file over 100 MB) or
   * fails: PLATFORM, with the media id and the reason but never the token or the signed URL.
   *
   * <p>The file is streamed into a temporary file in the {@linkplain Builder#attachmentDirectory
   * attachment directory}, never held in memory; the caller must {@linkplain AttachmentFile#close()
   * close} what it gets, which deletes that file ({@link AgentHttpApi} does once it is sent).
   */
  public AttachmentFile attachment(String id, long messageId, int index) {
    return attachments.fetch(recipient(id), id, messageId, index);
  }

  /**
   * Sends {@code text} to the customer as {@code agent}, with the human-agent policy, and adds it to
   * the transcript. A conversation the bot or the queue has is claimed by the agent first; one
   * another agent holds is a CONFLICT. A refusal of the messaging policy is REFUSED_BY_POLICY with
   * the reason in words; nothing is sent or claimed then.
   *
   * <p>The reply is queued behind what the customer has not received yet and the call waits up to
   * the {@linkplain Builder#deliveryWait delivery wait}: the line comes back {@code sent} once the
   * platform took it, or {@code pending} when earlier messages still hold it up (it goes out in its
   * turn and the transcript shows it move on). Refused by the platform within the wait: REFUSED_BY_POLICY
   * (window, recipient) or PLATFORM.
   */
  public TranscriptMessage reply(Agent agent, String id, String text) {
    Recipient conversation = recipient(id);
    String body = DeskArguments.text("reply", text, MAX_REPLY);
    Handoff handoff = handoffs.record(conversation);
    if (handoff.status() == HandoffStatus.ACTIVE && !agent.name().equals(handoff.agent())) {
      throw new DeskException(Problem.CONFLICT, "conversation " + id + " is claimed by " + handoff.agent()
          + "; claim it first to take over");
    }
    if (handoff.status() == HandoffStatus.META_INBOX) {
      throw new DeskException(Problem.CONFLICT, "conversation " + id + " is answered in Meta's inbox; reply there");
    }
    Message message = Message.text(body);
    outbox.requireAllowed(conversation, message, true, "reply");
    // Claimed before queueing: the outbox sends with the human-agent policy only while an agent owns it.
    if (handoff.status() != HandoffStatus.ACTIVE) {
      handoffs.claim(conversation, agent.name());
    }
    StoredMessage stored = outbox.send(conversation, message, Author.agent(agent.name()), body,
        "agent-reply:" + agent.name() + ":" + UUID.randomUUID(), "reply");
    handoffs.agentActed(conversation, agent.name());
    record(agent, "reply", id, body.length() + " characters");
    return Transcripts.line(stored);
  }

  /** Gives the conversation back to the bot, which resumes its flow or greets the customer. */
  public ConversationView handBack(Agent agent, String id) {
    Recipient conversation = recipient(id);
    Handoff handoff = handoffs.record(conversation);
    if (handoff.status() == HandoffStatus.ACTIVE && !agent.name().equals(handoff.agent())) {
      log.info("agent {} hands back conversation {} claimed by {}", agent.name(), id, handoff.agent());
    }
    handoffs.handBack(conversation, agent.actor(), "agent " + agent.name() + " handed back");
    record(agent, "hand_back", id, "");
    return views.view(conversation);
  }

  /** The customer's orders with their payment states, newest first. */
  public List<CustomerOrder> orders(String id) {
    Recipient conversation = recipient(id);
    return payments.orders(conversations.customer(conversation).id(), conversation);
  }

  /**
   * Creates a payment link for {@code amount} and sends it to the customer as a "Pay €42.00" button
   * (with the human-agent policy, through the outbox like {@link #reply}). {@code requestId} makes a
   * retried request create one link and send one button.
   */
  public PaymentLink sendPaymentButton(Agent agent, String id, Money amount, String description, String requestId) {
    Recipient conversation = recipient(id);
    requirePositive(amount);
    String what = DeskArguments.text("description", description, 200);
    String customerId = conversations.customer(conversation).id();
    String key = "agent-" + agent.name() + "-" + (requestId == null ? Long.toString(clock.millis()) : requestId);
    PaymentLink link = payments.createPaymentLink(conversation, customerId, amount, what, key, agent.name());
    Locale locale = "fr".equals(handoffs.record(conversation).language()) ? Locale.FRANCE : Locale.UK;
    String label = locale == Locale.FRANCE ? "Payer " : "Pay ";
    Message message = Buttons.of(what + " — " + amount.format(locale), new UrlButton(label + amount.format(locale),
        link.url()));
    String dedupKey = "agent-payment-button:" + link.orderId();
    if (!outbox.queued(dedupKey)) {
      // Not claimed for a button: it goes with the human-agent policy only if an agent owns the conversation.
      outbox.requireAllowed(conversation, message, handoffs.record(conversation).status() == HandoffStatus.ACTIVE,
          "payment button");
      outbox.send(conversation, message, Author.agent(agent.name()),
          "[payment button] " + what + " — " + amount + " — " + link.url(), dedupKey, "payment button");
    }
    handoffs.agentActed(conversation, agent.name());
    record(agent, "payment_button", id, amount + " " + what + " order " + link.orderId());
    return link;
  }

  /**
   * Refunds {@code amount} of the order ({@code null}: all that is refundable). The payment desk
   * refuses more than was paid and tells the customer. {@code requestId} makes a retried request
   * refund once.
   */
  public RefundReceipt refund(Agent agent, String id, String orderId, Money amount, String reason, String requestId) {
    Recipient conversation = recipient(id);
    if (orderId == null || orderId.isBlank()) {
      throw new DeskException(Problem.INVALID, "orderId is missing: which order to refund?");
    }
    if (amount != null) {
      requirePositive(amount);
    }
    String key = "refund-" + orderId + "-" + (amount == null ? "full" : amount.currencyCode() + amount.minorUnits())
        + "-" + (requestId == null ? Long.toString(clock.millis()) : requestId);
    RefundReceipt receipt = payments.refund(orderId, amount, reason, key, agent.name());
    record(agent, "refund", id, receipt.amount() + " of order " + orderId + " (" + receipt.status() + ")");
    changes.incrementAndGet();
    return receipt;
  }

  // ---- concierge tasks -------------------------------------------------------------------------

  /** Tasks in any of {@code statuses}, oldest first. */
  public List<ConciergeTask> tasks(Set<TaskStatus> statuses, int limit) {
    return concierge.queue(statuses, limit);
  }

  public ConciergeTask task(long number) {
    return concierge.get(number);
  }

  /** Opens a task for the customer of the conversation; the customer is told its number. */
  public ConciergeTask createTask(Agent agent, String id, TaskKind kind, TaskSlots slots, String language) {
    Recipient conversation = recipient(id);
    String lang = language != null ? language : handoffs.record(conversation).language();
    ConciergeTask task = concierge.open(conversation, kind, slots, lang, agent.actor());
    record(agent, "task_create", "task:" + task.number(), kind.wireName());
    return changed(task);
  }

  public ConciergeTask claimTask(Agent agent, long number) {
    ConciergeTask task = concierge.claim(number, agent.name());
    record(agent, "task_claim", "task:" + number, "");
    return changed(task);
  }

  public ConciergeTask messageTask(Agent agent, long number, String text, boolean awaitReply) {
    ConciergeTask task = concierge.message(number, agent.name(), text, awaitReply);
    record(agent, "task_message", "task:" + number, awaitReply ? "awaits reply" : "");
    return changed(task);
  }

  public ConciergeTask completeTask(Agent agent, long number, String outcome) {
    ConciergeTask task = concierge.complete(number, agent.name(), outcome);
    record(agent, "task_complete", "task:" + number, outcome);
    return changed(task);
  }

  public ConciergeTask cancelTask(Agent agent, long number, String reason) {
    ConciergeTask task = concierge.cancel(number, agent.actor(), reason);
    record(agent, "task_cancel", "task:" + number, reason);
    return changed(task);
  }

  /** Sends a payment button for the task (a purchase, a reservation deposit). */
  public ConciergeTask requestTaskPayment(Agent agent, long number, Money amount, String description) {
    ConciergeTask task = concierge.requestPayment(number, agent.name(), amount, description);
    record(agent, "task_payment", "task:" + number, amount + " " + description);
    return changed(task);
  }

  // ---- record ----------------------------------------------------------------------------------

  /** The most recent agent actions, newest first; on one conversation or task when {@code target} is set. */
  public List<AgentAction> actions(String target, int limit) {
    return actions.recent(target, Math.max(1, Math.min(limit, 500)));
  }

  /** A number that grows whenever the queue, a conversation with people or a task changes. */
  public long changeVersion() {
    return changes.get();
  }

  /** True when payment links and refunds are available. */
  public boolean paymentsEnabled() {
    return payments.enabled();
  }

  // ---- internals -------------------------------------------------------------------------------

  private Recipient recipient(String id) {
    Recipient recipient = Transcripts.parseId(id);
    if (conversations.findConversation(recipient).isEmpty()) {
      throw new DeskException(Problem.NOT_FOUND, "no conversation " + id);
    }
    return recipient;
  }

  private void record(Agent agent, String action, String target, String detail) {
    actions.record(new AgentAction(0, clock.instant(), agent.name(), action, target, detail));
    changes.incrementAndGet();
  }

  private ConciergeTask changed(ConciergeTask task) {
    changes.incrementAndGet();
    return task;
  }

  private static void requirePositive(Money amount) {
    if (amount == null || !amount.isPositive()) {
      throw new DeskException(Problem.INVALID, "amount " + amount + " must be more than zero");
    }
  }

  @Override
  public String toString() {
    return "AgentApi[" + handoffs + ", " + concierge + "]";
  }

  /** Configures an {@link AgentApi}. Not thread-safe. */
  public static final class Builder {
    private final ConversationStore conversations;
    private final HandoffDesk handoffs;
    private final ConciergeDesk concierge;
    private final Parley parley;
    private final Outbox outbox;
    private PaymentDesk payments = PaymentDesk.none();
    private Duration deliveryWait = Duration.ofSeconds(10);
    private AgentActionLog actions = new InMemoryAgentActionLog();
    private Clock clock = Clock.systemUTC();
    private AtomicLong changes = new AtomicLong();
    private Path attachmentDirectory = Path.of(System.getProperty("java.io.tmpdir"));

    private Builder(ConversationStore conversations, HandoffDesk handoffs, ConciergeDesk concierge, Parley parley,
        Outbox outbox) {
      this.conversations = Objects.requireNonNull(conversations, "conversations");
      this.handoffs = Objects.requireNonNull(handoffs, "handoffs");
      this.concierge = Objects.requireNonNull(concierge, "concierge");
      this.parley = Objects.requireNonNull(parley, "parley");
      this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    /**
     * How long a reply or payment button waits for the outbox before the call answers with the
     * message still {@code pending} (queued behind earlier messages); 10 s by default, 0 to 60 s.
     * Zero answers at once: for an outbox you drain by hand.
     */
    public Builder deliveryWait(Duration wait) {
      if (wait == null || wait.isNegative() || wait.compareTo(Duration.ofSeconds(60)) > 0) {
        throw new IllegalArgumentException("deliveryWait " + wait + " must be between 0 and 60 seconds");
      }
      this.deliveryWait = wait;
      return this;
    }

    public Builder payments(PaymentDesk payments) {
      this.payments = Objects.requireNonNull(payments, "payments");
      return this;
    }

    /** Where agent actions are recorded; in memory by default. */
    public Builder actions(AgentActionLog actions) {
      this.actions = Objects.requireNonNull(actions, "actions");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The change counter of {@link #changeVersion()}; share it with {@link HandoffDesk.Builder#onChange}
     * ({@code counter::incrementAndGet}) so customer messages and hand-offs move it too.
     */
    public Builder changeCounter(AtomicLong counter) {
      this.changes = Objects.requireNonNull(counter, "counter");
      return this;
    }

    /**
     * Where a customer's attachment is written while it is on its way to an agent's browser: each in a
     * file of its own, readable by this process's user only, deleted once sent. The JVM's temporary
     * directory ({@code java.io.tmpdir}) by default; it must exist and have room for a few files of up
     * to 100 MB.
     *
     * <p>A directory of this server's own is recommended. A JVM killed mid-download, or a file that
     * could not be deleted (logged as a warning with its path), leaves a {@code parley-attachment-*.part}
     * file behind; nothing here sweeps the directory, since another live server may share it. The
     * operator may remove such files while no server uses the directory, or those last modified over
     * a day ago (a file is written while fetched, then only read while sent to one browser), for
     * instance with {@code find <dir> -name 'parley-attachment-*.part' -mmin +1440 -delete}.
     */
    public Builder attachmentDirectory(Path directory) {
      Objects.requireNonNull(directory, "directory");
      if (!Files.isDirectory(directory)) {
        throw new IllegalArgumentException("attachmentDirectory '" + directory + "' is not an existing directory");
      }
      this.attachmentDirectory = directory;
      return this;
    }

    public AgentApi build() {
      return new AgentApi(this);
    }
  }
}
