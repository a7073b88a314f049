package dev.parley.bot;

import dev.parley.core.Recipient;
import dev.parley.core.conversation.ConversationState;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.ConversationTimer;
import dev.parley.core.conversation.Owner;
import dev.parley.core.outbox.Outbox;
import dev.parley.core.webhook.InboundEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a bot's turns: per-conversation queues on a bounded pool (or on the caller's thread, for a
 * caller that waits), the reminder poller, the outbox it built.
 */
final class BotRuntime implements AutoCloseable {
  private static final int CLAIM_BATCH = 100;
  /**
   * How long a claimed reminder is held before another poll (of any node) may take it again: it only
   * matters when the claiming node died or its turn failed, and it must outlast a turn waiting for its
   * conversation.
   */
  static final Duration REMINDER_LEASE = Duration.ofMinutes(5);
  private static final Logger log = LoggerFactory.getLogger(BotRuntime.class);

  private final BotSettings settings;
  private final ConversationStore store;
  private final Outbox outbox;
  private final boolean ownsOutbox;
  private final ThreadPoolExecutor workers;
  private final ConversationQueues queues;
  private final TurnRunner runner;
  private final Object lifecycle = new Object();
  private ScheduledExecutorService poller;
  private volatile boolean closed;

  BotRuntime(BotSettings settings) {
    this.settings = settings;
    this.store = settings.store();
    if (settings.givenOutbox() != null) {
      this.outbox = settings.givenOutbox();
      this.ownsOutbox = false;
    } else {
      this.outbox = Outbox.builder(store.outbox(), settings.sender())
          .clock(settings.clock())
          .pollInterval(settings.outboxPollInterval())
          .shutdownGrace(settings.shutdownGrace())
          .build();
      this.ownsOutbox = true;
    }
    this.workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), threads("parley-bot-turn"));
    this.workers.allowCoreThreadTimeOut(true);
    this.queues = new ConversationQueues(workers, settings.workers(), () -> !closed);
    this.runner = new TurnRunner(settings, new TurnCommit(store), outbox::wakeUp);
  }

  Outbox outbox() {
    return outbox;
  }

  CompletableFuture<TurnOutcome> handle(InboundEvent event) {
    if (closed) {
      return CompletableFuture.failedFuture(new RejectedExecutionException("the bot is closed"));
    }
    if (TurnRunner.triggerOf(event) == null && !event.concernsCustomer()) {
      return CompletableFuture.completedFuture(TurnOutcome.IGNORED);
    }
    Recipient recipient = event.from();
    return runTurn(recipient, new TurnRunner.Source.Event(event));
  }

  /**
   * Runs {@code event}'s turn and waits for it, on the calling thread when its conversation is idle
   * and a worker slot is free (see {@link ConversationQueues#submitAndWait}); the outbox is woken, as
   * for a queued turn, once the turn's outcome is known, before this returns.
   */
  TurnOutcome handleAndWait(InboundEvent event) {
    if (closed) {
      throw new RejectedExecutionException("the bot is closed");
    }
    if (TurnRunner.triggerOf(event) == null && !event.concernsCustomer()) {
      return TurnOutcome.IGNORED;
    }
    Recipient recipient = event.from();
    TurnRunner.Source source = new TurnRunner.Source.Event(event);
    return queues.submitAndWait(recipient, () -> runner.run(recipient, source), this::wakeOutbox);
  }

  private void wakeOutbox(TurnOutcome outcome) {
    if (outcome == TurnOutcome.HANDLED) {
      outbox.wakeUp();
    }
  }

  /**
   * Queues a turn on its conversation. Its replies are written to the outbox table in the turn's
   * transaction, which the outbox worker cannot see before the commit: the outbox is woken once each
   * turn committed (an event's turn may first run earlier events of the conversation, each committed
   * on its own; the runner wakes it for those), so replies go out at once rather than at the worker's
   * next poll. For the turn at hand that happens after its future completed: on a busy machine the
   * woken outbox worker would otherwise take the core the turn's waiting caller needs next (measured
   * by P4).
   */
  private CompletableFuture<TurnOutcome> runTurn(Recipient conversation, TurnRunner.Source source) {
    return queues.submit(conversation, () -> runner.run(conversation, source), this::wakeOutbox);
  }

  void start() {
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException("the bot is closed");
      }
      if (poller != null) {
        return;
      }
      if (ownsOutbox) {
        outbox.start();
      }
      poller = Executors.newSingleThreadScheduledExecutor(threads("parley-bot-reminders"));
      long every = settings.reminderPollInterval().toMillis();
      poller.scheduleWithFixedDelay(this::pollQuietly, 0, every, TimeUnit.MILLISECONDS);
    }
  }

  private void pollQuietly() {
    try {
      fireDueReminders();
    } catch (RuntimeException e) {
      log.warn("reminder poll failed; trying again in {}", settings.reminderPollInterval(), e);
    }
  }

  int fireDueReminders() {
    int fired = 0;
    while (!closed) {
      Instant now = settings.clock().instant();
      List<ConversationTimer> due = store.claimDueTimers(now, REMINDER_LEASE, CLAIM_BATCH);
      if (due.isEmpty()) {
        break;
      }
      List<CompletableFuture<TurnOutcome>> turns = new ArrayList<>(due.size());
      for (ConversationTimer timer : due) {
        turns.add(fire(timer));
      }
      for (CompletableFuture<TurnOutcome> turn : turns) {
        try {
          if (turn.join() != TurnOutcome.DUPLICATE) {
            fired++;
          }
        } catch (CompletionException e) {
          // logged by fire()
        }
      }
      if (due.size() < CLAIM_BATCH) {
        break;
      }
    }
    return fired;
  }

  private CompletableFuture<TurnOutcome> fire(ConversationTimer timer) {
    Reminder reminder = Reminders.fromTimer(timer);
    TurnRunner.Source source = new TurnRunner.Source.Timer(reminder, timer.key(), timer.claimToken());
    return runTurn(timer.conversation(), source)
        .whenComplete((outcome, failure) -> {
          if (failure != null) {
            log.warn("reminder {} of {} could not run; it fires again when its claim expires in at most {}",
                timer.key(), timer.conversation().key(), REMINDER_LEASE, failure);
          }
        });
  }

  void remind(Recipient conversation, String name, Instant at, String data) {
    store.schedule(Reminders.timerKey(conversation, name), conversation, at, Reminders.payload(name, data));
  }

  boolean cancelReminder(Recipient conversation, String name) {
    return store.cancelTimer(Reminders.timerKey(conversation, name));
  }

  CompletableFuture<Void> changeOwner(Recipient conversation, Owner owner, String reason) {
    if (closed) {
      return CompletableFuture.failedFuture(new RejectedExecutionException("the bot is closed"));
    }
    TurnRunner.Source source = new TurnRunner.Source.OwnerChange(owner, reason, UUID.randomUUID().toString());
    return runTurn(conversation, source).thenApply(outcome -> null);
  }

  ConversationView view(Recipient conversation) {
    return store.withConversation(conversation, stored -> {
      ConversationState state = store.state(conversation);
      ConversationData data = ConversationData.parse(state);
      List<String> flows = new ArrayList<>();
      data.flows.forEach(frame -> flows.add(frame.flow));
      ConversationData.Frame top = data.top();
      String step = null;
      Map<String, Object> slots = Map.of();
      if (top != null) {
        Flow flow = settings.flows().get(top.flow);
        step = flow == null || top.step >= flow.steps().size() ? null : flow.steps().get(top.step).name();
        slots = new Slots(top.slots).asMap();
      }
      return new ConversationView(conversation, stored.owner(), flows, step, slots, new Slots(data.memory).asMap(),
          state.version());
    });
  }

  @Override
  public void close() {
    ScheduledExecutorService stoppedPoller;
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      stoppedPoller = poller;
    }
    if (stoppedPoller != null) {
      stoppedPoller.shutdownNow();
    }
    long deadline = System.currentTimeMillis() + settings.shutdownGrace().toMillis();
    while (queues.activeConversations() > 0 && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    workers.shutdown();
    try {
      workers.awaitTermination(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (ownsOutbox) {
      outbox.close();
    }
  }

  private static ThreadFactory threads(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
