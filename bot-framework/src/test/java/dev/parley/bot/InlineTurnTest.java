package dev.parley.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.bot.testing.CustomerEvents;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.ConversationStoreException;
import dev.parley.core.conversation.InMemoryConversationStore;
import dev.parley.core.conversation.JdbcConversationStore;
import dev.parley.core.outbox.OutboxCounts;
import dev.parley.core.webhook.InboundEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Bot#handleAndWait}: an idle conversation's turn runs on the caller's thread, a busy one's
 * waits in its queue, and turns on callers' threads and on the pool together stay within {@code
 * workers}. The tests wait for threads to park rather than for time to pass; the class timeout only
 * turns a hang (a turn never run) into a failure.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InlineTurnTest {
  private static final Instant T0 = Instant.parse("2025-01-06T09:00:00Z");
  private static final Recipient ADA = Recipient.messenger("1000000001", "2000000001");
  private static final Recipient BOB = Recipient.messenger("1000000001", "2000000002");
  /** How the bot names its pool's threads. */
  private static final String POOL_THREAD = "parley-bot-turn";

  @TempDir
  Path dir;

  /** What the handlers saw: each turn's text and thread, in the order the turns ran. */
  private static final class Turns {
    final List<String> texts = new ArrayList<>();
    final Map<String, Thread> threads = new ConcurrentHashMap<>();
    /** Turns whose text starts with "wait" block on it until released. */
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch waiting;
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();

    Turns(int waiting) {
      this.waiting = new CountDownLatch(waiting);
    }

    void run(Turn turn) {
      int now = running.incrementAndGet();
      mostAtOnce.accumulateAndGet(now, Math::max);
      try {
        synchronized (this) {
          texts.add(turn.text());
        }
        threads.put(turn.text(), Thread.currentThread());
        if (turn.text().startsWith("wait")) {
          waiting.countDown();
          await(release);
        }
        turn.reply("ok " + turn.text());
      } finally {
        running.decrementAndGet();
      }
    }

    synchronized List<String> texts() {
      return List.copyOf(texts);
    }

    /** True if the turn with this text ran on one of the bot's pool threads, not on a caller's. */
    boolean ranOnThePool(String text) {
      return threads.get(text).getName().startsWith(POOL_THREAD);
    }
  }

  private static Bot bot(InMemoryConversationStore store, Turns turns, int workers) {
    return Bot.builder().store(store).sender(new RecordingSender()).workers(workers).fallback(turns::run).build();
  }

  private static InboundEvent text(Recipient from, String text) {
    return CustomerEvents.text(from, text, "m_" + from.key() + "_" + text, T0);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static long replies(OutboxCounts counts) {
    return counts.pending() + counts.inFlight() + counts.parked() + counts.delivered();
  }

  /** Starts a thread that hands {@code event} to {@code bot.handleAndWait} and keeps the outcome. */
  private static Thread caller(Bot bot, InboundEvent event, AtomicReference<Object> outcome) {
    Thread thread = new Thread(() -> {
      try {
        outcome.set(bot.handleAndWait(event));
      } catch (RuntimeException e) {
        outcome.set(e);
      }
    }, "caller-" + event.dedupKey());
    thread.start();
    return thread;
  }

  /** Waits until {@code thread} parks (in a join or a latch); fails if it ends first. */
  private static void awaitParked(Thread thread) throws InterruptedException {
    while (thread.getState() != Thread.State.WAITING) {
      if (!thread.isAlive()) {
        throw new AssertionError(thread.getName() + " ended instead of waiting");
      }
      Thread.sleep(1);
    }
  }

  /**
   * Starts closing {@code bot} on another thread, which sets {@code returned} to the next {@code order}
   * when close() returns; returns once close() is waiting for the turns still running.
   */
  private static Thread closeInBackground(Bot bot, AtomicInteger order, AtomicInteger returned)
      throws InterruptedException {
    Thread closer = new Thread(() -> {
      bot.close();
      returned.set(order.incrementAndGet());
    });
    closer.start();
    while (closer.getState() != Thread.State.TIMED_WAITING && closer.isAlive()) {
      Thread.sleep(1); // close() polls the running turns
    }
    return closer;
  }

  @Test
  void anIdleConversationsTurnRunsOnTheCallersThread() {
    Turns turns = new Turns(0);
    try (Bot bot = bot(new InMemoryConversationStore(), turns, 2)) {
      assertEquals(TurnOutcome.HANDLED, bot.handleAndWait(text(ADA, "hello")));
      assertSame(Thread.currentThread(), turns.threads.get("hello"));
      assertEquals(TurnOutcome.DUPLICATE, bot.handleAndWait(text(ADA, "hello")));
      bot.webhookListener().accept(text(ADA, "again"));
      assertSame(Thread.currentThread(), turns.threads.get("again"), "the webhook listener runs it in place too");
    }
  }

  @Test
  void aTurnForABusyConversationWaitsBehindTheRunningOneOnThePool() throws Exception {
    Turns turns = new Turns(1);
    try (Bot bot = bot(new InMemoryConversationStore(), turns, 2)) {
      CompletableFuture<TurnOutcome> first = bot.handle(text(ADA, "wait 1"));
      await(turns.waiting);
      AtomicReference<Object> second = new AtomicReference<>();
      Thread caller = caller(bot, text(ADA, "2"), second);
      awaitParked(caller);
      assertEquals(List.of("wait 1"), turns.texts(), "the second turn waits while the first runs");

      turns.release.countDown();
      caller.join();
      assertEquals(TurnOutcome.HANDLED, first.join());
      assertEquals(TurnOutcome.HANDLED, second.get());
      assertEquals(List.of("wait 1", "2"), turns.texts());
      assertNotSame(caller, turns.threads.get("2"), "queued behind a running turn, it runs on the pool");
      assertTrue(turns.ranOnThePool("2"));
    }
  }

  @Test
  void turnsQueuedBehindAnInlineTurnRunOnThePoolAfterIt() throws Exception {
    Turns turns = new Turns(1);
    try (Bot bot = bot(new InMemoryConversationStore(), turns, 2)) {
      AtomicReference<Object> first = new AtomicReference<>();
      Thread caller = caller(bot, text(ADA, "wait 1"), first);
      await(turns.waiting);
      assertSame(caller, turns.threads.get("wait 1"));
      CompletableFuture<TurnOutcome> second = bot.handle(text(ADA, "2"));
      CompletableFuture<TurnOutcome> third = bot.handle(text(ADA, "3"));
      CompletableFuture<TurnOutcome> other = bot.handle(text(BOB, "elsewhere"));
      assertEquals(TurnOutcome.HANDLED, other.get(30, TimeUnit.SECONDS), "another conversation is not held up");
      assertEquals(List.of("wait 1", "elsewhere"), turns.texts());

      turns.release.countDown();
      assertEquals(TurnOutcome.HANDLED, second.get(30, TimeUnit.SECONDS));
      assertEquals(TurnOutcome.HANDLED, third.get(30, TimeUnit.SECONDS));
      caller.join();
      assertEquals(TurnOutcome.HANDLED, first.get());
      assertEquals(List.of("wait 1", "elsewhere", "2", "3"), turns.texts());
      assertTrue(turns.ranOnThePool("2"));
      assertTrue(turns.ranOnThePool("3"));
    }
  }

  @Test
  void turnsOnCallersThreadsAndOnThePoolNeverExceedTheWorkers() throws Exception {
    Turns turns = new Turns(2);
    try (Bot bot = bot(new InMemoryConversationStore(), turns, 2)) {
      List<Thread> callers = new ArrayList<>();
      List<AtomicReference<Object>> outcomes = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        AtomicReference<Object> outcome = new AtomicReference<>();
        outcomes.add(outcome);
        callers.add(caller(bot, text(Recipient.messenger("1000000001", "300000000" + i), "wait " + i), outcome));
      }
      await(turns.waiting);
      for (Thread caller : callers) {
        awaitParked(caller); // in a turn's latch, or waiting for a queued turn
      }
      assertEquals(2, turns.running.get());

      turns.release.countDown();
      for (Thread caller : callers) {
        caller.join();
      }
      for (AtomicReference<Object> outcome : outcomes) {
        assertEquals(TurnOutcome.HANDLED, outcome.get());
      }
      assertEquals(6, turns.texts().size());
      assertEquals(2, turns.mostAtOnce.get(), "two workers: never more than two turns at once");
    }
  }

  @Test
  void aStoreFailureReachesTheCallerAsTheStoresExceptionAndTheEventStaysUnhandled() throws Exception {
    try (JdbcConversationStore store = JdbcConversationStore.create(JdbcConversationStore.h2FileUrl(dir.resolve("p")))) {
      try (Connection c = DriverManager.getConnection(JdbcConversationStore.h2FileUrl(dir.resolve("p")));
          Statement s = c.createStatement()) {
        s.execute("ALTER TABLE parley_conversation ADD CONSTRAINT bot_state_is_small"
            + " CHECK (state_data IS NULL OR LENGTH(state_data) < 2000)");
      }
      Turns turns = new Turns(1);
      Bot bot = Bot.builder().store(store).sender(new RecordingSender()).workers(1)
          .fallback(turn -> {
            if (turn.text().startsWith("remember")) {
              turn.memory().put("notes", "x".repeat(5000)); // breaks the constraint: the save fails
            }
            turns.run(turn);
          })
          .build();
      try (bot) {
        InboundEvent inline = text(ADA, "remember this");
        store.record(inline.dedupKey(), inline.from(), inline.occurredAt(), inline.rawJson());
        assertThrows(ConversationStoreException.class, () -> bot.handleAndWait(inline));
        assertThrows(ConversationStoreException.class, () -> bot.webhookListener().accept(inline));

        // The only worker slot is taken: the next failing turn runs on the pool, and fails the same way.
        AtomicReference<Object> blocker = new AtomicReference<>();
        Thread busy = caller(bot, text(BOB, "wait"), blocker);
        await(turns.waiting);
        InboundEvent queued = text(ADA, "remember that");
        store.record(queued.dedupKey(), queued.from(), queued.occurredAt(), queued.rawJson());
        AtomicReference<Object> failure = new AtomicReference<>();
        Thread caller = caller(bot, queued, failure);
        awaitParked(caller);
        turns.release.countDown();
        caller.join();
        busy.join();
        assertEquals(TurnOutcome.HANDLED, blocker.get());
        assertInstanceOf(ConversationStoreException.class, failure.get());
        assertTrue(turns.ranOnThePool("remember that"));

        assertEquals(Set.of(inline.dedupKey(), queued.dedupKey()),
            store.unhandled(10).stream().map(e -> e.eventKey()).collect(Collectors.toSet()));
        assertEquals(1, replies(store.outbox().counts()), "only the turn that saved sent its reply");
      }
    }
  }

  @Test
  void closeWaitsForATurnRunningOnACallersThread() throws Exception {
    InMemoryConversationStore store = new InMemoryConversationStore();
    Turns turns = new Turns(1);
    AtomicInteger order = new AtomicInteger();
    AtomicInteger turnEnded = new AtomicInteger();
    AtomicInteger closeReturned = new AtomicInteger();
    Bot bot = Bot.builder().store(store).sender(new RecordingSender()).workers(2)
        .fallback(turn -> {
          turns.run(turn);
          turnEnded.set(order.incrementAndGet());
        })
        .build();
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread caller = caller(bot, text(ADA, "wait"), outcome);
    await(turns.waiting);
    Thread closer = closeInBackground(bot, order, closeReturned);
    turns.release.countDown();
    closer.join();
    caller.join();
    assertEquals(TurnOutcome.HANDLED, outcome.get());
    assertTrue(turnEnded.get() < closeReturned.get(), "the turn ended before close() returned");
    assertEquals(1, replies(store.outbox().counts()), "its reply is in the outbox");
  }

  @Test
  void closeWaitsForAnInlineTurnAndTheTurnsQueuedBehindIt() throws Exception {
    InMemoryConversationStore store = new InMemoryConversationStore();
    Turns turns = new Turns(1);
    Bot bot = bot(store, turns, 2);
    AtomicReference<Object> first = new AtomicReference<>();
    Thread caller = caller(bot, text(ADA, "wait 1"), first);
    await(turns.waiting);
    CompletableFuture<TurnOutcome> second = bot.handle(text(ADA, "2"));
    AtomicInteger order = new AtomicInteger();
    AtomicInteger turnsEnded = new AtomicInteger();
    AtomicInteger closeReturned = new AtomicInteger();
    second.thenRun(() -> turnsEnded.set(order.incrementAndGet()));
    Thread closer = closeInBackground(bot, order, closeReturned);
    assertTrue(closer.isAlive(), "close() waits while a turn runs on a caller's thread");
    assertThrows(RejectedExecutionException.class, () -> bot.handleAndWait(text(BOB, "late")));

    turns.release.countDown();
    closer.join();
    caller.join();
    assertEquals(TurnOutcome.HANDLED, first.get());
    assertEquals(TurnOutcome.HANDLED, second.get(30, TimeUnit.SECONDS));
    assertTrue(turnsEnded.get() < closeReturned.get(), "both turns ended before close() returned");
    assertEquals(List.of("wait 1", "2"), turns.texts());
    assertEquals(2, replies(store.outbox().counts()), "both turns' replies are in the outbox");
  }

  @Test
  void aTurnHandedInFromInsideATurnOrByAnInterruptedThreadRunsOnThePool() {
    AtomicReference<Thread> inner = new AtomicReference<>();
    AtomicReference<Thread> outer = new AtomicReference<>();
    AtomicReference<Bot> self = new AtomicReference<>();
    try (Bot bot = Bot.builder().store(new InMemoryConversationStore()).sender(new RecordingSender()).workers(2)
        .fallback(turn -> {
          if (turn.text().equals("outer")) {
            outer.set(Thread.currentThread());
            self.get().handleAndWait(text(BOB, "inner"));
          } else {
            inner.set(Thread.currentThread());
          }
        })
        .build()) {
      self.set(bot);
      assertEquals(TurnOutcome.HANDLED, bot.handleAndWait(text(ADA, "outer")));
      assertSame(Thread.currentThread(), outer.get());
      assertNotSame(Thread.currentThread(), inner.get(), "not inside the outer turn's hold of the store");

      Thread.currentThread().interrupt();
      try {
        assertEquals(TurnOutcome.HANDLED, bot.handleAndWait(text(ADA, "interrupted")));
        assertTrue(Thread.currentThread().isInterrupted(), "the caller's interrupt is kept");
      } finally {
        Thread.interrupted();
      }
      assertTrue(inner.get().getName().startsWith(POOL_THREAD));
    }
  }

  @Test
  void aClosedBotRefusesAndEventsThatRunNoTurnAreIgnored() {
    String read = "{\"object\":\"page\",\"entry\":[{\"id\":\"1000000001\",\"time\":1,\"messaging\":[{\"sender\":{\"id\":"
        + "\"9000001\"},\"recipient\":{\"id\":\"1000000001\"},\"timestamp\":1736154000000,\"read\":{\"watermark\":"
        + "1736154000000}}]}]}";
    Turns turns = new Turns(0);
    Bot bot = bot(new InMemoryConversationStore(), turns, 2);
    assertEquals(TurnOutcome.IGNORED, bot.handleAndWait(InboundEvent.parse(read).get(0)));
    bot.close();
    assertThrows(RejectedExecutionException.class, () -> bot.handleAndWait(text(ADA, "hello")));
    assertEquals(List.of(), turns.texts());
  }
}
