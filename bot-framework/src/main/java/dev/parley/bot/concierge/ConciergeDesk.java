package dev.parley.bot.concierge;

import dev.parley.bot.concierge.DeskException.Problem;
import dev.parley.bot.concierge.TaskEvent.Change;
import dev.parley.bot.concierge.internal.DeskArguments;
import dev.parley.bot.concierge.internal.DeskWiring;
import dev.parley.bot.concierge.internal.Notices;
import dev.parley.core.Money;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.message.Buttons;
import dev.parley.core.message.Message;
import dev.parley.core.message.UrlButton;
import dev.parley.core.outbox.Outbox;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The concierge desk: turns requests the bot cannot fulfil into {@link ConciergeTask}s for people,
 * runs their lifecycle (claim, message the customer, wait for the customer, complete, cancel, ask
 * for a payment) and tells the customer of every change through the bot's {@link Outbox}, so a
 * notice is sent once even if the process stops right after the change.
 *
 * <pre>{@code
 * ConciergeDesk desk = ConciergeDesk.builder(taskStore, conversationStore, outbox).payments(paymentDesk).build();
 * ConciergeTask task = desk.open(customer, TaskKind.RESERVATION,
 *     TaskSlots.what("a table for four").withWhen("Friday 8pm"), "en", "bot");   // the customer hears "#1042"
 * desk.claim(task.number(), "alice");
 * desk.complete(task.number(), "alice", "Booked at Chez Marcel, Friday 8pm, for four.");
 * }</pre>
 *
 * <p>Agents are named by their name ({@code "alice"}); history lines record them as
 * {@code agent:alice}. Failures are {@link DeskException}s saying why in words. Thread-safe; two
 * agents acting on one task at once are serialised by the store's compare-and-set.
 */
public final class ConciergeDesk {
  private static final Logger log = LoggerFactory.getLogger(ConciergeDesk.class);
  /** The longest text an agent may send about a task (Messenger allows 2,000 characters, less the prefix). */
  public static final int MAX_MESSAGE = 1800;
  private static final int ATTEMPTS = 5;

  private final TaskStore tasks;
  private final ConversationStore conversations;
  private final Outbox outbox;
  private final PaymentDesk payments;
  private final Clock clock;
  private final Runnable changeListener;

  private ConciergeDesk(Builder builder) {
    this.tasks = builder.tasks;
    this.conversations = builder.wiring.conversations();
    this.outbox = builder.wiring.outbox();
    this.payments = builder.wiring.payments();
    this.clock = builder.wiring.clock();
    this.changeListener = builder.wiring.changeListener();
  }

  /** A builder over the task store, the conversation store and the bot's outbox. */
  public static Builder builder(TaskStore tasks, ConversationStore conversations, Outbox outbox) {
    return new Builder(tasks, conversations, outbox);
  }

  /**
   * Opens a task from {@code conversation} and tells the customer its number.
   *
   * @param actor {@code "bot"} or {@code "agent:<name>"}
   */
  public ConciergeTask open(Recipient conversation, TaskKind kind, TaskSlots slots, String language, String actor) {
    Objects.requireNonNull(conversation, "conversation");
    String customerId = conversations.customer(conversation).id();
    ConciergeTask task = tasks.create(new NewTask(conversation, customerId, kind, slots, language, actor, clock.instant()));
    tell(task, Message.text(ConciergeTexts.created(task)));
    log.info("concierge task {} opened ({}) by {}", task.label(), kind.wireName(), actor);
    return task;
  }

  /** The task with this number. */
  public Optional<ConciergeTask> find(long number) {
    return tasks.find(number);
  }

  /** The task with this number, or NOT_FOUND. */
  public ConciergeTask get(long number) {
    return tasks.find(number).orElseThrow(() -> notFound(number));
  }

  /** The operators' queue: tasks in {@code statuses}, oldest first. */
  public List<ConciergeTask> queue(Set<TaskStatus> statuses, int limit) {
    if (statuses.isEmpty()) {
      throw new DeskException(Problem.INVALID, "name at least one task status");
    }
    return tasks.list(statuses, Math.max(1, Math.min(limit, 500)));
  }

  /** The tasks of a customer, oldest first. */
  public List<ConciergeTask> tasksOf(String customerId) {
    return tasks.forCustomer(customerId, 200);
  }

  /** {@code agent} takes the task (NEW, or one claimed by someone else: a reassignment); the customer hears who. */
  public ConciergeTask claim(long number, String agent) {
    String name = DeskArguments.agent(agent);
    return change(number, task -> {
      requireOpen(task, "claimed");
      if (name.equals(task.assignee()) && task.status() != TaskStatus.NEW) {
        return null;
      }
      TaskStatus next = task.status() == TaskStatus.WAITING_FOR_CUSTOMER ? TaskStatus.WAITING_FOR_CUSTOMER : TaskStatus.CLAIMED;
      return change(task, TaskEvent.agentActor(name), Change.CLAIMED, next, name, null);
    }, task -> Message.text(ConciergeTexts.claimed(task, name)));
  }

  /**
   * Sends {@code text} to the customer about the task; with {@code awaitReply} the task waits for
   * the customer until they write. The agent claims the task by doing so if nobody had.
   */
  public ConciergeTask message(long number, String agent, String text, boolean awaitReply) {
    String name = DeskArguments.agent(agent);
    String body = DeskArguments.text("message", text, MAX_MESSAGE);
    return change(number, task -> {
      requireOpen(task, "messaged about");
      TaskStatus next = awaitReply ? TaskStatus.WAITING_FOR_CUSTOMER : TaskStatus.CLAIMED;
      String assignee = task.assignee() == null ? name : task.assignee();
      return change(task, TaskEvent.agentActor(name), Change.MESSAGE_TO_CUSTOMER, next, assignee, body);
    }, task -> Message.text(ConciergeTexts.message(task, body)));
  }

  /**
   * Records that the customer wrote in the conversation of tasks waiting for them: each goes back to
   * CLAIMED with the customer's words in its history. Called by the bot for every customer message.
   *
   * @return the tasks that were waiting
   */
  public List<ConciergeTask> customerReplied(Recipient conversation, String text) {
    String customerId = conversations.findCustomer(conversation).map(c -> c.id()).orElse(null);
    if (customerId == null) {
      return List.of();
    }
    String words = text == null ? null : (text.length() > TaskSlots.MAX_NOTES ? text.substring(0, TaskSlots.MAX_NOTES) : text);
    return tasks.forCustomer(customerId, 200).stream()
        .filter(task -> task.status() == TaskStatus.WAITING_FOR_CUSTOMER && task.conversation().equals(conversation))
        .map(task -> change(task.number(), current -> current.status() != TaskStatus.WAITING_FOR_CUSTOMER ? null
            : change(current, "customer", Change.CUSTOMER_REPLIED, TaskStatus.CLAIMED, current.assignee(), words), null))
        .toList();
  }

  /** Updates what the task asks for (no message to the customer). */
  public ConciergeTask updateSlots(long number, String actor, TaskSlots slots) {
    Objects.requireNonNull(slots, "slots");
    return change(number, task -> {
      requireOpen(task, "changed");
      return new TaskChange(actor, Change.SLOTS_UPDATED, task.status(), task.assignee(), task.outcome(), slots, null,
          clock.instant());
    }, null);
  }

  /** Closes the task as done with {@code outcome}, which the customer reads. */
  public ConciergeTask complete(long number, String agent, String outcome) {
    String name = DeskArguments.agent(agent);
    String result = DeskArguments.text("outcome", outcome, MAX_MESSAGE);
    return change(number, task -> {
      requireOpen(task, "completed");
      String assignee = task.assignee() == null ? name : task.assignee();
      return new TaskChange(TaskEvent.agentActor(name), Change.DONE, TaskStatus.DONE, assignee, result, task.slots(),
          result, clock.instant());
    }, task -> Message.text(ConciergeTexts.done(task, result)));
  }

  /**
   * Cancels the task with {@code reason}, which the customer reads.
   *
   * @param actor {@code "customer"}, {@code "bot"} or {@code "agent:<name>"}
   */
  public ConciergeTask cancel(long number, String actor, String reason) {
    Objects.requireNonNull(actor, "actor");
    String why = DeskArguments.text("reason", reason, MAX_MESSAGE);
    return change(number, task -> {
      requireOpen(task, "cancelled");
      return new TaskChange(actor, Change.CANCELLED, TaskStatus.CANCELLED, task.assignee(), why, task.slots(), why,
          clock.instant());
    }, task -> Message.text(ConciergeTexts.cancelled(task, why)));
  }

  /**
   * Creates a payment link of {@code amount} for the task through the {@link PaymentDesk} and sends
   * it to the customer as a "Pay €42.00" button. Asking again for the same amount and description
   * gives the same link.
   */
  public ConciergeTask requestPayment(long number, String agent, Money amount, String description) {
    String name = DeskArguments.agent(agent);
    Objects.requireNonNull(amount, "amount");
    if (!amount.isPositive()) {
      throw new DeskException(Problem.INVALID, "payment amount " + amount + " must be more than zero");
    }
    String what = DeskArguments.text("description", description, 200);
    ConciergeTask task = get(number);
    requireOpen(task, "paid for");
    String key = "task-" + number + "-" + amount.currencyCode() + "-" + amount.minorUnits() + "-"
        + Integer.toHexString(what.hashCode());
    PaymentLink link = payments.createPaymentLink(task.conversation(), task.customerId(), amount, what, key, name);
    String summary = what + " — " + amount + " — " + link.url();
    return change(number, current -> {
      requireOpen(current, "paid for");
      String assignee = current.assignee() == null ? name : current.assignee();
      TaskStatus next = TaskStatus.WAITING_FOR_CUSTOMER;
      return change(current, TaskEvent.agentActor(name), Change.PAYMENT_REQUESTED, next, assignee, summary);
    }, current -> Buttons.of(ConciergeTexts.payment(current, what, amount),
        new UrlButton(ConciergeTexts.payButton(current.language(), amount), link.url())));
  }

  /** Adds an internal note to the history (the customer does not see it). */
  public ConciergeTask note(long number, String agent, String text) {
    String name = DeskArguments.agent(agent);
    String body = DeskArguments.text("note", text, TaskSlots.MAX_NOTES);
    return change(number, task -> change(task, TaskEvent.agentActor(name), Change.NOTE, task.status(), task.assignee(),
        body), null);
  }

  private TaskChange change(ConciergeTask task, String actor, Change change, TaskStatus next, String assignee, String text) {
    if (!task.status().canMoveTo(next) && next != task.status()) {
      throw new DeskException(Problem.CONFLICT, "task " + task.label() + " is " + task.status().wireName()
          + "; it cannot become " + next.wireName());
    }
    return new TaskChange(actor, change, next, assignee, task.outcome(), task.slots(), text, clock.instant());
  }

  /**
   * Applies the change {@code decide} makes of the current task (null: nothing to do), retrying on a
   * concurrent change, then tells the customer what {@code notice} says.
   */
  private ConciergeTask change(long number, Function<ConciergeTask, TaskChange> decide,
      Function<ConciergeTask, Message> notice) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      ConciergeTask current = get(number);
      TaskChange change = decide.apply(current);
      if (change == null) {
        return current;
      }
      Optional<ConciergeTask> changed = tasks.apply(number, current.version(), change);
      if (changed.isPresent()) {
        ConciergeTask task = changed.get();
        if (notice != null) {
          tell(task, notice.apply(task));
        }
        return task;
      }
    }
    throw new DeskException(Problem.CONFLICT, "task #" + number + " kept changing while being updated; try again");
  }

  private void tell(ConciergeTask task, Message message) {
    TaskEvent last = task.history().get(task.history().size() - 1);
    Notices.tell(outbox, conversations, task.conversation(), message,
        "concierge:" + task.number() + ":" + last.sequence(), clock.instant());
    changeListener.run();
  }

  private static void requireOpen(ConciergeTask task, String action) {
    if (task.status().isFinal()) {
      throw new DeskException(Problem.CONFLICT, "task " + task.label() + " is " + task.status().wireName()
          + "; it cannot be " + action + " any more");
    }
  }

  private static DeskException notFound(long number) {
    return new DeskException(Problem.NOT_FOUND, "no concierge task #" + number);
  }

  @Override
  public String toString() {
    return "ConciergeDesk[" + tasks.getClass().getSimpleName() + ", " + payments + "]";
  }

  /** Configures a {@link ConciergeDesk}. Not thread-safe. */
  public static final class Builder {
    private final TaskStore tasks;
    private DeskWiring wiring;

    private Builder(TaskStore tasks, ConversationStore conversations, Outbox outbox) {
      this.tasks = Objects.requireNonNull(tasks, "tasks");
      this.wiring = DeskWiring.of(conversations, outbox);
    }

    /** Where payment links come from; {@link PaymentDesk#none()} by default. */
    public Builder payments(PaymentDesk payments) {
      wiring = wiring.withPayments(payments);
      return this;
    }

    public Builder clock(Clock clock) {
      wiring = wiring.withClock(clock);
      return this;
    }

    /** Runs after every task change the customer hears of (the inbox's change feed). */
    public Builder onChange(Runnable listener) {
      wiring = wiring.withChangeListener(listener);
      return this;
    }

    public ConciergeDesk build() {
      return new ConciergeDesk(this);
    }
  }
}
