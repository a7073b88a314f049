package dev.parley.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import dev.parley.bot.testing.CustomerEvents;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.InMemoryConversationStore;
import dev.parley.core.outbox.Outbox;
import dev.parley.core.outbox.OutboxEntry;
import dev.parley.core.webhook.InboundEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RuntimeOrderingTest {
  private static final Instant T0 = Instant.parse("2025-01-06T09:00:00Z");

  /** Each turn appends the message's text to the conversation's memory "seen" and echoes the count so far. */
  private static Bot.Builder echoBot(InMemoryConversationStore store, RecordingSender sender) {
    return Bot.builder()
        .store(store)
        .sender(sender)
        .workers(8)
        .fallback(turn -> {
          Slots memory = turn.memory();
          String seen = memory.string("seen", "");
          memory.put("seen", seen.isEmpty() ? turn.text() : seen + "," + turn.text());
          turn.reply("echo " + turn.text());
        });
  }

  private static Recipient customer(int i) {
    return Recipient.messenger("1000000001", "9" + String.format("%06d", i));
  }

  @Test
  void aThousandConversationsOfTenMessagesKeepTheirOrderAndLoseNoTurn() throws Exception {
    InMemoryConversationStore store = new InMemoryConversationStore();
    RecordingSender sender = new RecordingSender();
    int conversations = 1000;
    int messages = 10;
    List<CompletableFuture<TurnOutcome>> turns = java.util.Collections.synchronizedList(new ArrayList<>());
    try (Bot bot = echoBot(store, sender).build()) {
      ExecutorService submitters = Executors.newFixedThreadPool(8);
      CountDownLatch go = new CountDownLatch(1);
      for (int s = 0; s < 8; s++) {
        int slice = s;
        submitters.execute(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          // each submitter interleaves its conversations: message 0 of all, then message 1 of all, ...
          for (int m = 0; m < messages; m++) {
            for (int c = slice; c < conversations; c += 8) {
              InboundEvent event = CustomerEvents.text(customer(c), Integer.toString(m), "m_" + c + "_" + m, T0);
              turns.add(bot.handle(event));
            }
          }
        });
      }
      go.countDown();
      submitters.shutdown();
      assertTrue(submitters.awaitTermination(60, TimeUnit.SECONDS));
      CompletableFuture.allOf(turns.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      assertEquals(conversations * messages, turns.size());
      assertTrue(turns.stream().allMatch(t -> t.join() == TurnOutcome.HANDLED));
      for (int c = 0; c < conversations; c++) {
        assertEquals("0,1,2,3,4,5,6,7,8,9", bot.view(customer(c)).memory().get("seen"), "conversation " + c);
      }
      assertEquals(conversations * messages, store.outbox().counts().pending());
    }
  }

  @Test
  void repliesOfOneConversationAreDeliveredInTheOrderOfItsTurns() throws Exception {
    InMemoryConversationStore store = new InMemoryConversationStore();
    RecordingSender sender = new RecordingSender();
    Outbox outbox = Outbox.builder(store.outbox(), sender).build();
    List<CompletableFuture<TurnOutcome>> turns = new ArrayList<>();
    try (Bot bot = echoBot(store, sender).outbox(outbox).build()) {
      for (int m = 0; m < 20; m++) {
        for (int c = 0; c < 5; c++) {
          turns.add(bot.handle(CustomerEvents.text(customer(c), "msg" + m, "m_" + c + "_" + m, T0)));
        }
      }
      CompletableFuture.allOf(turns.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      while (outbox.deliverDue() > 0) {
        // drain
      }
    }
    for (int c = 0; c < 5; c++) {
      List<String> expected = new ArrayList<>();
      for (int m = 0; m < 20; m++) {
        expected.add("echo msg" + m);
      }
      assertEquals(expected, sender.textsTo(customer(c)));
    }
  }

  @Test
  void aSlowTurnHoldsUpOnlyItsOwnConversation() throws Exception {
    InMemoryConversationStore store = new InMemoryConversationStore();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch slowStarted = new CountDownLatch(1);
    Recipient slow = customer(1);
    Bot.Builder builder = Bot.builder().store(store).sender(new RecordingSender()).workers(2)
        .fallback(turn -> {
          if (turn.recipient().equals(slow) && "wait".equals(turn.text())) {
            slowStarted.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          turn.reply("done " + turn.text());
        });
    try (Bot bot = builder.build()) {
      CompletableFuture<TurnOutcome> stuck = bot.handle(CustomerEvents.text(slow, "wait", "m_slow_1", T0));
      CompletableFuture<TurnOutcome> queuedBehind = bot.handle(CustomerEvents.text(slow, "after", "m_slow_2", T0));
      assertTrue(slowStarted.await(10, TimeUnit.SECONDS));
      List<CompletableFuture<TurnOutcome>> others = new ArrayList<>();
      for (int c = 2; c < 40; c++) {
        others.add(bot.handle(CustomerEvents.text(customer(c), "hi", "m_other_" + c, T0)));
      }
      CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      assertFalse(stuck.isDone());
      assertFalse(queuedBehind.isDone(), "the slow conversation's next message waits for its turn");
      release.countDown();
      assertEquals(TurnOutcome.HANDLED, queuedBehind.get(10, TimeUnit.SECONDS));
      assertEquals(List.of("done wait", "done after"), outboxTexts(store, slow));
    }
  }

  @Test
  void aRedeliveredEventIsNotHandledTwice() {
    InMemoryConversationStore store = new InMemoryConversationStore();
    Recipient ada = customer(1);
    try (Bot bot = echoBot(store, new RecordingSender()).build()) {
      InboundEvent hello = CustomerEvents.text(ada, "hello", "m_1", T0);
      assertEquals(TurnOutcome.HANDLED, bot.handle(hello).join());
      assertEquals(TurnOutcome.DUPLICATE, bot.handle(hello).join());
      assertEquals(TurnOutcome.DUPLICATE, bot.handle(CustomerEvents.text(ada, "hello", "m_1", T0)).join());
      assertEquals("hello", bot.view(ada).memory().get("seen"));
      assertEquals(1, store.outbox().counts().pending());
    }
  }

  @Test
  void concurrentDuplicatesOfOneEventRunOneTurn() throws Exception {
    InMemoryConversationStore store = new InMemoryConversationStore();
    Recipient ada = customer(1);
    AtomicInteger runs = new AtomicInteger();
    Bot.Builder builder = Bot.builder().store(store).sender(new RecordingSender())
        .fallback(turn -> {
          runs.incrementAndGet();
          turn.reply("once");
        });
    try (Bot bot = builder.build()) {
      List<CompletableFuture<TurnOutcome>> copies = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        copies.add(bot.handle(CustomerEvents.text(ada, "hello", "m_dup", T0)));
      }
      CompletableFuture.allOf(copies.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
      assertEquals(1, copies.stream().filter(c -> c.join() == TurnOutcome.HANDLED).count());
      assertEquals(1, runs.get());
    }
  }

  @Test
  void receiptsEchoesAndAccountNoticesRunNoTurn() {
    InMemoryConversationStore store = new InMemoryConversationStore();
    String read = "{\"object\":\"page\",\"entry\":[{\"id\":\"1000000001\",\"time\":1,\"messaging\":[{\"sender\":{\"id\":"
        + "\"9000001\"},\"recipient\":{\"id\":\"1000000001\"},\"timestamp\":1736154000000,\"read\":{\"watermark\":"
        + "1736154000000}}]}]}";
    AtomicInteger runs = new AtomicInteger();
    try (Bot bot = Bot.builder().store(store).sender(new RecordingSender()).fallback(turn -> runs.incrementAndGet())
        .build()) {
      assertEquals(TurnOutcome.IGNORED, bot.handle(InboundEvent.parse(read).get(0)).join());
    }
    assertEquals(0, runs.get());
  }

  @Test
  void aClosedBotRefusesNewEvents() {
    Bot bot = echoBot(new InMemoryConversationStore(), new RecordingSender()).build();
    bot.close();
    CompletableFuture<TurnOutcome> refused = bot.handle(CustomerEvents.text(customer(1), "hi", "m_1", T0));
    assertTrue(refused.isCompletedExceptionally());
  }

  @Test
  void closeLetsQueuedTurnsFinish() {
    InMemoryConversationStore store = new InMemoryConversationStore();
    CountDownLatch firstTurnStarted = new CountDownLatch(1);
    Bot bot = echoBot(store, new RecordingSender()).workers(1)
        .use(chain -> {
          firstTurnStarted.countDown();
          pause(2); // turns that take a little while: close() returning at once would leave most queued
          chain.proceed(chain.turn());
        })
        .build();
    List<CompletableFuture<TurnOutcome>> turns = new ArrayList<>();
    for (int m = 0; m < 50; m++) {
      turns.add(bot.handle(CustomerEvents.text(customer(m % 3), "x" + m, "m_close_" + m, T0)));
    }
    await(firstTurnStarted);

    bot.close();

    List<CompletableFuture<TurnOutcome>> unfinished = turns.stream().filter(t -> !t.isDone()).toList();
    assertEquals(0, unfinished.size(), "turns still queued or running when close() returned");
    assertTrue(turns.stream().allMatch(t -> t.getNow(null) == TurnOutcome.HANDLED));
    assertEquals(50, store.outbox().counts().pending());
  }

  @Test
  void closeGivesUpOnAStuckTurnAfterTheShutdownGrace() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Bot bot = echoBot(new InMemoryConversationStore(), new RecordingSender())
        .shutdownGrace(Duration.ofMillis(200))
        .use(chain -> {
          started.countDown();
          await(release); // a handler stuck on a call that never answers
          chain.proceed(chain.turn());
        })
        .build();
    try {
      CompletableFuture<TurnOutcome> stuck = bot.handle(CustomerEvents.text(customer(1), "hi", "m_stuck", T0));
      await(started);

      // with the default grace of 10 s this would still be waiting
      CompletableFuture.runAsync(bot::close).get(5, TimeUnit.SECONDS);

      assertFalse(stuck.isDone(), "close() returned because the grace ran out, not because the turn ended");
    } finally {
      release.countDown();
    }
  }

  @Test
  void aShutdownGraceOutsideItsRangeIsRefusedByName() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> Bot.builder().shutdownGrace(Duration.ofMinutes(6)));
    assertEquals("shutdownGrace must be from PT0S to PT5M, got PT6M", error.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Bot.builder().shutdownGrace(Duration.ofMillis(-1)));
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void eachConversationsQueueGoesAwayWhenItIsDrained() throws Exception {
    ConcurrentHashMap<String, Integer> seen = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      ConversationQueues queues = new ConversationQueues(pool);
      List<CompletableFuture<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        int n = i;
        Recipient who = customer(i % 10);
        results.add(queues.submit(who, () -> seen.merge(who.userId(), 1, Integer::sum) + n * 0));
      }
      CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
      // A worker drops a drained lane just after completing its last future: wait for the workers.
      pool.shutdown();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
      assertEquals(0, queues.activeConversations());
      assertEquals(10, seen.size());
      assertTrue(seen.values().stream().allMatch(count -> count == 10));
      for (int i = 0; i < 100; i++) {
        assertEquals(i / 10 + 1, results.get(i).join(), "task " + i + " ran in its conversation's order");
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void aTaskThatThrowsFailsItsFutureAndTheQueueGoesOn() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      ConversationQueues queues = new ConversationQueues(pool);
      CompletableFuture<Integer> failing = queues.submit(customer(1), () -> {
        throw new IllegalStateException("boom");
      });
      CompletableFuture<Integer> next = queues.submit(customer(1), () -> 42);
      assertEquals(42, next.get(10, TimeUnit.SECONDS));
      assertTrue(failing.isCompletedExceptionally());
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void whatFollowsATaskRunsOnlyOnceItsCallerHasTheResult() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      ConversationQueues queues = new ConversationQueues(pool);
      CountDownLatch submitted = new CountDownLatch(1);
      CountDownLatch followed = new CountDownLatch(1);
      AtomicReference<CompletableFuture<Integer>> result = new AtomicReference<>();
      AtomicReference<String> seenByFollowUp = new AtomicReference<>();
      result.set(queues.submit(customer(1), () -> {
        await(submitted);
        return 7;
      }, value -> {
        seenByFollowUp.set(value + " done=" + result.get().isDone());
        followed.countDown();
      }));
      submitted.countDown();

      await(followed);
      assertEquals("7 done=true", seenByFollowUp.get(), "the caller (the outbox's wake-up) comes second");
      assertEquals(7, result.get().get(10, TimeUnit.SECONDS));
    } finally {
      pool.shutdown();
    }
  }

  private static List<String> outboxTexts(InMemoryConversationStore store, Recipient recipient) {
    List<String> texts = new ArrayList<>();
    for (long id = 1; id < 1000; id++) {
      store.outbox().find(id).filter(e -> e.recipient().equals(recipient)).map(OutboxEntry::payload)
          .ifPresent(payload -> texts.add(dev.parley.core.message.Message.class.cast(
              dev.parley.core.internal.MessageJson.fromJson(payload)) instanceof dev.parley.core.message.Text t
              ? t.text() : payload));
    }
    return texts;
  }
}
