package dev.parley.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.Recipient;
import dev.parley.core.webhook.InboundJournal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The contract on the bot's state, holding a conversation, durable timers and the webhook journal. */
abstract class StateTimersJournalContract extends HistoryContract {
  static final Duration LEASE = Duration.ofSeconds(30);

  @Test
  void stateIsWrittenOnlyOverTheVersionTheWriterRead() {
    assertEquals(ConversationState.NONE, store.state(ADA_MESSENGER));

    ConversationState first = store.compareAndSetState(ADA_MESSENGER, 0, "{\"flow\":\"order\"}").orElseThrow();
    assertEquals(new ConversationState(1, "{\"flow\":\"order\"}"), first);

    assertEquals(Optional.empty(), store.compareAndSetState(ADA_MESSENGER, 0, "{\"flow\":\"stale\"}"));
    assertEquals(first, store.state(ADA_MESSENGER));

    ConversationState second = store.compareAndSetState(ADA_MESSENGER, 1, "{\"flow\":\"pay\"}").orElseThrow();
    assertEquals(2, second.version());
    assertEquals(second, store.state(ADA_MESSENGER));
    assertEquals(ConversationState.NONE, store.state(BOB));
  }

  @Test
  void ofConcurrentWritersOverOneVersionExactlyOneWins() throws Exception {
    store.compareAndSetState(ADA_MESSENGER, 0, "{}");
    AtomicInteger writer = new AtomicInteger();

    List<Boolean> won = onThreads(8, () ->
        store.compareAndSetState(ADA_MESSENGER, 1, "{\"writer\":" + writer.incrementAndGet() + "}").isPresent());

    assertEquals(1, won.stream().filter(w -> w).count());
    assertEquals(2, store.state(ADA_MESSENGER).version());
  }

  @Test
  void turnsHoldingAConversationNeverOverlap() throws Exception {
    int threads = 4;
    int turnsEach = 15;
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();

    onThreads(threads, () -> {
      for (int i = 0; i < turnsEach; i++) {
        store.withConversation(ADA_MESSENGER, conversation -> {
          if (inside.incrementAndGet() > 1) {
            overlaps.incrementAndGet();
          }
          ConversationState read = store.state(ADA_MESSENGER);
          int count = read.isEmpty() ? 0 : Integer.parseInt(read.data());
          Thread.yield();
          store.compareAndSetState(ADA_MESSENGER, read.version(), Integer.toString(count + 1)).orElseThrow(() ->
              new AssertionError("another turn wrote while this one held the conversation"));
          inside.decrementAndGet();
          return null;
        });
      }
      return null;
    });

    assertEquals(0, overlaps.get());
    assertEquals(new ConversationState(threads * turnsEach, Integer.toString(threads * turnsEach)),
        store.state(ADA_MESSENGER));
  }

  @Test
  void twoConversationsAreHeldAtTheSameTime() throws Exception {
    CountDownLatch adaHeld = new CountDownLatch(1);
    CountDownLatch bobHeld = new CountDownLatch(1);
    AtomicBoolean adaSawBobHeld = new AtomicBoolean();
    Thread ada = new Thread(() -> store.withConversation(ADA_MESSENGER, c -> {
      adaHeld.countDown();
      adaSawBobHeld.set(await(bobHeld));
      return null;
    }));
    ada.start();
    assertTrue(adaHeld.await(10, TimeUnit.SECONDS));

    store.withConversation(BOB, c -> {
      bobHeld.countDown();
      return null;
    });

    ada.join(10_000);
    assertTrue(adaSawBobHeld.get(), "Bob's conversation was held while Ada's was: it was not blocked by Ada's");
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void holdingAConversationIsReentrantAndSeesItsOwnWrites() {
    String result = store.withConversation(ADA_MESSENGER, outer -> {
      assertEquals(ADA_MESSENGER, outer.recipient());
      store.compareAndSetState(ADA_MESSENGER, 0, "step-1").orElseThrow();
      customerSays(ADA_MESSENGER, "hi", "m_turn", minutesAgo(1));
      return store.withConversation(ADA_MESSENGER, inner -> store.state(ADA_MESSENGER).data());
    });

    assertEquals("step-1", result);
    assertTrue(store.findMessage("m_turn").isPresent());
  }

  @Test
  void theConversationReadInsideAHoldShowsTheHoldsOwnTimesAndOwner() {
    customerSays(ADA_MESSENGER, "hi", "m_first", minutesAgo(9));
    Conversation inside = store.withConversation(ADA_MESSENGER, held -> {
      customerSays(ADA_MESSENGER, "later", "m_later", minutesAgo(3));
      store.append(NewMessage.outbound(ADA_MESSENGER, Author.bot(), "answer", "{}", null, minutesAgo(2)));
      store.recordInbound(ADA_MESSENGER, minutesAgo(1));
      store.recordInbound(ADA_MESSENGER, minutesAgo(8));
      store.assignOwner(ADA_MESSENGER, Owner.agent("grace"), "asked for a person", minutesAgo(1));
      return store.conversation(ADA_MESSENGER);
    });

    assertEquals(store.conversation(ADA_MESSENGER), inside);
    assertEquals(minutesAgo(1), inside.lastInboundAt());
    assertEquals(minutesAgo(2), inside.lastMessageAt());
    assertEquals(Owner.agent("grace"), inside.ownership().owner());
  }

  @Test
  void anEnqueuedEntryIsTheOneStoredAndARepeatOfItsKeyReturnsItUnchanged() {
    var entry = store.outbox().enqueue(ADA_MESSENGER, "{\"text\":\"hi\"}", "k:1", minutesAgo(1));

    assertEquals(store.outbox().find(entry.id()).orElseThrow(), entry);
    assertEquals(entry, store.outbox().enqueue(ADA_MESSENGER, "{\"text\":\"other\"}", "k:1", minutesAgo(0)));
  }

  @Test
  void storeCallsInsideAHoldSeeCustomersLinkedAndStatesWrittenThere() {
    customerSays(ADA_MESSENGER, "hi", "m_before", minutesAgo(3));
    StoredMessage inside = store.withConversation(ADA_WHATSAPP, held -> {
      store.compareAndSetState(ADA_WHATSAPP, 0, "outer").orElseThrow();
      store.withConversation(BOB, bob -> store.compareAndSetState(BOB, 0, "bob").orElseThrow());
      assertEquals("outer", store.state(ADA_WHATSAPP).data());
      store.link(ADA_MESSENGER, ADA_WHATSAPP);
      return customerSays(ADA_WHATSAPP, "still me", "m_after_link", minutesAgo(1));
    });

    String linked = store.conversation(ADA_MESSENGER).customerId();
    assertEquals(linked, store.conversation(ADA_WHATSAPP).customerId());
    assertEquals(linked, inside.customerId());
    assertEquals(linked, store.findMessage("m_after_link").orElseThrow().customerId());
    assertEquals("outer", store.state(ADA_WHATSAPP).data());
    assertEquals("bob", store.state(BOB).data());
  }

  @Test
  void aTimerIsScheduledFoundReplacedAndCancelled() {
    ConversationTimer timer = store.schedule("remind:ada", ADA_MESSENGER, clock.instant().plusSeconds(60), "{\"n\":1}");

    assertEquals(Optional.of(timer), store.findTimer("remind:ada"));

    ConversationTimer moved = store.schedule("remind:ada", ADA_MESSENGER, clock.instant().plusSeconds(600), "{\"n\":2}");
    assertEquals(Optional.of(moved), store.findTimer("remind:ada"));

    assertTrue(store.cancelTimer("remind:ada"));
    assertFalse(store.cancelTimer("remind:ada"));
    assertEquals(Optional.empty(), store.findTimer("remind:ada"));
  }

  @Test
  void dueTimersAreClaimedEarliestFirstAndOnlyOnce() {
    store.schedule("late", ADA_MESSENGER, clock.instant().plusSeconds(300), null);
    store.schedule("second", BOB, clock.instant().plusSeconds(20), "b");
    store.schedule("first", ADA_MESSENGER, clock.instant().plusSeconds(10), "a");

    assertEquals(List.of(), store.claimDueTimers(clock.instant(), LEASE, 10));
    clock.advance(Duration.ofSeconds(30));

    List<ConversationTimer> due = store.claimDueTimers(clock.instant(), LEASE, 10);

    assertEquals(List.of("first", "second"), due.stream().map(ConversationTimer::key).toList());
    assertEquals(BOB, due.get(1).conversation());
    assertEquals("b", due.get(1).payload());
    assertEquals(List.of(), store.claimDueTimers(clock.instant(), LEASE, 10));
    assertTrue(store.findTimer("late").isPresent());
  }

  @Test
  void aCompletedClaimDeletesTheTimerForGood() {
    ConversationTimer claimed = claimedReminder("{}");

    assertFalse(store.completeTimer("remind:ada", "not-the-token"));
    assertEquals(Optional.of(claimed), store.findTimer("remind:ada"), "a claimed timer stays until completed");
    assertTrue(store.completeTimer("remind:ada", claimed.claimToken()));
    assertFalse(store.completeTimer("remind:ada", claimed.claimToken()));

    clock.advance(LEASE.multipliedBy(2));
    assertEquals(Optional.empty(), store.findTimer("remind:ada"));
    assertEquals(List.of(), store.claimDueTimers(clock.instant(), LEASE, 10));
  }

  @Test
  void aClaimNotCompletedWithinItsLeaseIsClaimedAgainOnce() {
    ConversationTimer abandoned = claimedReminder("{\"n\":1}");

    clock.advance(LEASE.minusSeconds(1));
    assertEquals(List.of(), store.claimDueTimers(clock.instant(), LEASE, 10), "the lease still holds");
    clock.advance(Duration.ofSeconds(1));
    List<ConversationTimer> retaken = store.claimDueTimers(clock.instant(), LEASE, 10);

    assertEquals(List.of("remind:ada"), retaken.stream().map(ConversationTimer::key).toList());
    assertEquals("{\"n\":1}", retaken.get(0).payload());
    assertNotEquals(abandoned.claimToken(), retaken.get(0).claimToken());
    assertEquals(List.of(), store.claimDueTimers(clock.instant(), LEASE, 10));
    assertFalse(store.completeTimer("remind:ada", abandoned.claimToken()), "the dead claim completes nothing");
    assertTrue(store.completeTimer("remind:ada", retaken.get(0).claimToken()));
  }

  @Test
  void aTimerRescheduledWhileClaimedOutlivesTheOldClaim() {
    ConversationTimer claimed = claimedReminder("{\"n\":1}");

    ConversationTimer rescheduled = store.schedule("remind:ada", ADA_MESSENGER, clock.instant().plusSeconds(60),
        "{\"n\":2}");

    assertFalse(store.completeTimer("remind:ada", claimed.claimToken()));
    assertEquals(Optional.of(rescheduled), store.findTimer("remind:ada"));
    assertEquals(null, rescheduled.claimToken());
    clock.advance(Duration.ofSeconds(60));
    assertEquals(List.of("{\"n\":2}"), store.claimDueTimers(clock.instant(), LEASE, 10).stream()
        .map(ConversationTimer::payload).toList());
  }

  /** Ada's reminder {@code remind:ada}, scheduled due now with {@code payload} and claimed for a {@link #LEASE}. */
  private ConversationTimer claimedReminder(String payload) {
    store.schedule("remind:ada", ADA_MESSENGER, clock.instant(), payload);
    return store.claimDueTimers(clock.instant(), LEASE, 10).get(0);
  }

  @Test
  void concurrentClaimersNeverGetTheSameTimer() throws Exception {
    for (int i = 0; i < 60; i++) {
      store.schedule("t" + i, i % 2 == 0 ? ADA_MESSENGER : BOB, clock.instant().minusSeconds(i), null);
    }
    List<String> claimed = Collections.synchronizedList(new ArrayList<>());

    onThreads(4, () -> {
      List<ConversationTimer> batch;
      while (!(batch = store.claimDueTimers(clock.instant(), LEASE, 7)).isEmpty()) {
        batch.forEach(t -> claimed.add(t.key()));
      }
      return null;
    });

    assertEquals(60, claimed.size());
    assertEquals(60, new HashSet<>(claimed).size());
  }

  @Test
  void theJournalRecordsAnEventOnceAndReportsRedeliveries() {
    assertTrue(store.record("mid:m_1", ADA_MESSENGER, minutesAgo(2), "{\"mid\":\"m_1\"}"));
    assertFalse(store.record("mid:m_1", ADA_MESSENGER, minutesAgo(2), "{\"mid\":\"m_1\"}"));

    assertEquals(List.of(new InboundJournal.Entry("mid:m_1", ADA_MESSENGER, minutesAgo(2), "{\"mid\":\"m_1\"}")),
        store.unhandled(10));
  }

  @Test
  void unhandledEventsComeBackOldestFirstUntilHandled() {
    store.record("wamid:2", ADA_WHATSAPP, minutesAgo(1), "{}");
    store.record("wamid:1", ADA_WHATSAPP, minutesAgo(3), "{}");
    store.record("status:wamid.9:read", null, minutesAgo(2), "{}");

    assertEquals(List.of("wamid:1", "status:wamid.9:read", "wamid:2"), keys(store.unhandled(10)));

    store.markHandled("wamid:1");
    store.markHandled("unknown-key");

    assertEquals(List.of("status:wamid.9:read", "wamid:2"), keys(store.unhandled(10)));
    assertEquals(List.of("status:wamid.9:read"), keys(store.unhandled(1)));
    assertTrue(store.isHandled("wamid:1"));
    assertFalse(store.isHandled("wamid:2"), "recorded, not handled");
    assertFalse(store.isHandled("unknown-key"), "marked, never recorded");
    assertFalse(store.record("wamid:1", ADA_WHATSAPP, minutesAgo(3), "{}"), "a handled event stays deduplicated");
  }

  @Test
  void unhandledEventsArePagedAfterTheLastEntryOfThePreviousPage() {
    store.record("wamid:b", ADA_WHATSAPP, minutesAgo(2), "{}");
    store.record("wamid:a", ADA_WHATSAPP, minutesAgo(2), "{}");
    store.record("wamid:c", ADA_WHATSAPP, minutesAgo(1), "{}");
    store.record("wamid:old", ADA_WHATSAPP, minutesAgo(5), "{}");
    store.markHandled("wamid:old");

    List<InboundJournal.Entry> first = store.unhandled(1);
    List<InboundJournal.Entry> second = store.unhandledAfter(first.get(0), 1);
    List<InboundJournal.Entry> rest = store.unhandledAfter(second.get(0), 10);

    assertEquals(List.of("wamid:a"), keys(first));
    assertEquals(List.of("wamid:b"), keys(second), "a tie in time continues by key");
    assertEquals(List.of("wamid:c"), keys(rest));
    assertEquals(List.of(), store.unhandledAfter(rest.get(0), 10));
  }

  @Test
  void aConversationsEarlierUnhandledEventsComeOldestFirstWithoutTheOthers() {
    store.record("mid:a3", ADA_MESSENGER, minutesAgo(1), "{\"n\":3}");
    store.record("mid:a1", ADA_MESSENGER, minutesAgo(3), "{\"n\":1}");
    store.record("mid:a2", ADA_MESSENGER, minutesAgo(2), "{\"n\":2}");
    store.record("mid:a0", ADA_MESSENGER, minutesAgo(4), "{\"n\":0}");
    store.markHandled("mid:a0");
    store.record("mid:bob", BOB, minutesAgo(4), "{}");
    store.record("wamid:ada", ADA_WHATSAPP, minutesAgo(4), "{}");
    InboundJournal.Entry third = new InboundJournal.Entry("mid:a3", ADA_MESSENGER, minutesAgo(1), "{\"n\":3}");

    assertEquals(List.of(new InboundJournal.Entry("mid:a1", ADA_MESSENGER, minutesAgo(3), "{\"n\":1}"),
        new InboundJournal.Entry("mid:a2", ADA_MESSENGER, minutesAgo(2), "{\"n\":2}")),
        store.unhandledBefore(third, 10));
    assertEquals(List.of("mid:a1"), keys(store.unhandledBefore(third, 1)));
    assertEquals(List.of(), store.unhandledBefore(store.unhandledBefore(third, 1).get(0), 10), "none before the first");

    store.markHandled("mid:a1");
    assertEquals(List.of("mid:a2"), keys(store.unhandledBefore(third, 10)));
    InboundJournal.Entry later = new InboundJournal.Entry("mid:not-recorded", ADA_MESSENGER, clock.instant(), "{}");
    assertEquals(List.of("mid:a2", "mid:a3"), keys(store.unhandledBefore(later, 10)), "an event not recorded yet");
  }

  @Test
  void eventsOfOneInstantComeInTheOrderTheyWereRecorded() {
    store.record("mid:z", ADA_MESSENGER, minutesAgo(1), "{}");
    store.record("mid:a", ADA_MESSENGER, minutesAgo(1), "{}");
    store.record("mid:m", ADA_MESSENGER, minutesAgo(1), "{}");

    assertEquals(List.of("mid:z", "mid:a"), keys(store.unhandledBefore(entry("mid:m", minutesAgo(1)), 10)));
    assertEquals(List.of("mid:z"), keys(store.unhandledBefore(entry("mid:a", minutesAgo(1)), 10)));
    assertEquals(List.of(), store.unhandledBefore(entry("mid:z", minutesAgo(1)), 10));
    assertEquals(List.of("mid:z", "mid:a", "mid:m"),
        keys(store.unhandledBefore(entry("mid:not-recorded", minutesAgo(1)), 10)),
        "an event not recorded counts as recorded after those of its instant");
  }

  @Test
  void anEventsStandingTellsWhetherItWasHandledAndTheFirstEventItsConversationOwesBeforeIt() {
    store.record("mid:s1", ADA_MESSENGER, minutesAgo(3), "{\"n\":1}");
    store.record("mid:s2", ADA_MESSENGER, minutesAgo(2), "{\"n\":2}");
    store.record("mid:s3", ADA_MESSENGER, minutesAgo(1), "{\"n\":3}");
    store.record("mid:bob", BOB, minutesAgo(4), "{}");
    InboundJournal.Entry third = entry("mid:s3", minutesAgo(1));

    assertEquals(new InboundJournal.Standing(false,
        new InboundJournal.Entry("mid:s1", ADA_MESSENGER, minutesAgo(3), "{\"n\":1}")), store.standing(third));
    store.markHandled("mid:s1");
    store.markHandled("mid:s2");
    assertEquals(new InboundJournal.Standing(false, null), store.standing(third), "owes nothing; not handled yet");
    store.markHandled("mid:s3");
    assertEquals(new InboundJournal.Standing(true, null), store.standing(third));
    assertEquals(new InboundJournal.Standing(false, null), store.standing(entry("mid:none", minutesAgo(9))),
        "an event not recorded, before everything");

    store.record("mid:z", ADA_MESSENGER, minutesAgo(0), "{}");
    store.record("mid:a", ADA_MESSENGER, minutesAgo(0), "{}");
    assertEquals("mid:z", store.standing(entry("mid:a", minutesAgo(0))).firstUnhandledBefore().eventKey(),
        "of one instant, the one recorded first");
    assertEquals(null, store.standing(entry("mid:z", minutesAgo(0))).firstUnhandledBefore());
    assertThrows(IllegalArgumentException.class,
        () -> store.standing(new InboundJournal.Entry("mid:m", null, minutesAgo(1), "{}")));
  }

  @Test
  void earlierUnhandledEventsNeedASenderATimeAndALimitInRange() {
    InboundJournal.Entry event = entry("mid:m", minutesAgo(1));

    IllegalArgumentException noSender = assertThrows(IllegalArgumentException.class,
        () -> store.unhandledBefore(new InboundJournal.Entry("mid:m", null, minutesAgo(1), "{}"), 10));
    assertTrue(noSender.getMessage().contains("sender null"), noSender.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> store.unhandledBefore(new InboundJournal.Entry("mid:m", ADA_MESSENGER, null, "{}"), 10));
    IllegalArgumentException noLimit = assertThrows(IllegalArgumentException.class,
        () -> store.unhandledBefore(event, 0));
    assertTrue(noLimit.getMessage().contains("got 0"), noLimit.getMessage());
    assertThrows(IllegalArgumentException.class, () -> store.unhandledBefore(event, 1001));
  }

  private static InboundJournal.Entry entry(String key, java.time.Instant at) {
    return new InboundJournal.Entry(key, ADA_MESSENGER, at, "{}");
  }

  private static List<String> keys(List<InboundJournal.Entry> entries) {
    return entries.stream().map(InboundJournal.Entry::eventKey).toList();
  }

  @Test
  void ofConcurrentRecordsOfOneEventExactlyOneIsNew() throws Exception {
    Recipient from = ADA_MESSENGER;
    List<Boolean> results = onThreads(8, () -> store.record("mid:race", from, minutesAgo(1), "{}"));

    assertEquals(1, results.stream().filter(r -> r).count());
    Set<String> unhandled = new HashSet<>(keys(store.unhandled(10)));
    assertEquals(Set.of("mid:race"), unhandled);
  }
}
