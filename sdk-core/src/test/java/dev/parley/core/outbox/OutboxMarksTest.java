package dev.parley.core.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.Recipient;
import dev.parley.core.SendReceipt;
import dev.parley.core.conversation.InMemoryConversationStore;
import dev.parley.core.outbox.OutboxEntry.State;
import dev.parley.core.testing.ForwardingOutboxStore;
import dev.parley.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Delivered entries are marked in batches when deliveries finish together, and one at a time
 * otherwise; a mark the store refuses is tried again while the entry's claim lasts.
 */
class OutboxMarksTest {
  private static final Duration LEASE = Duration.ofMinutes(5);

  private final TestClock clock = new TestClock();
  private final GatedStore store = new GatedStore(new InMemoryConversationStore(clock).outbox());
  private final List<String> heard = Collections.synchronizedList(new ArrayList<>());
  private final UnrecordedOutcomes unrecorded = new UnrecordedOutcomes(settings());
  private final OutboxMarks marks = new OutboxMarks(store, settings(), unrecorded);

  private OutboxSettings settings() {
    OutboxSettings.Mutable settings = new OutboxSettings.Mutable();
    settings.clock = clock;
    settings.listener = new OutboxListener() {
      @Override
      public void delivered(OutboxEntry entry, SendReceipt receipt) {
        heard.add(entry.dedupKey());
      }
    };
    return settings.freeze();
  }

  @Test
  void deliveriesThatFinishWhileAMarkIsWrittenGoTogetherInTheNextBatch() throws Exception {
    List<OutboxEntry> claimed = enqueueAndClaim(4);
    CountDownLatch allDone = new CountDownLatch(4);
    store.holdSingleMarks();

    CompletableFuture<Void> first = CompletableFuture.runAsync(
        () -> marks.delivered(claimed.get(0), null, allDone::countDown));
    assertTrue(store.singleMarkStarted.await(60, TimeUnit.SECONDS));
    for (OutboxEntry entry : claimed.subList(1, 4)) {
      marks.delivered(entry, null, allDone::countDown); // queued: returns at once, marked by the first thread
    }
    assertEquals(4, allDone.getCount(), "nothing is done before its mark is written");
    store.releaseSingleMarks();
    first.get(60, TimeUnit.SECONDS);

    assertTrue(allDone.await(60, TimeUnit.SECONDS));
    assertEquals(List.of(List.of(claimed.get(1).id(), claimed.get(2).id(), claimed.get(3).id())), store.batches);
    assertEquals(List.of("k0", "k1", "k2", "k3"), heard);
    assertEquals(new OutboxCounts(0, 0, 0, 4), store.counts());
  }

  @Test
  void aBatchTheStoreRefusesIsMarkedOneAtATime() throws Exception {
    List<OutboxEntry> claimed = enqueueAndClaim(3);
    CountDownLatch allDone = new CountDownLatch(3);
    store.holdSingleMarks();
    store.refuseBatches = true;

    CompletableFuture<Void> first = CompletableFuture.runAsync(
        () -> marks.delivered(claimed.get(0), null, allDone::countDown));
    assertTrue(store.singleMarkStarted.await(60, TimeUnit.SECONDS));
    marks.delivered(claimed.get(1), null, allDone::countDown);
    marks.delivered(claimed.get(2), null, allDone::countDown);
    store.releaseSingleMarks();
    first.get(60, TimeUnit.SECONDS);

    assertTrue(allDone.await(60, TimeUnit.SECONDS));
    assertEquals(1, store.batches.size(), "the batch was tried");
    assertEquals(new OutboxCounts(0, 0, 0, 3), store.counts(), "then each entry was marked on its own");
    assertEquals(3, heard.size());
  }

  @Test
  void aClaimTakenOverIsNotReportedDelivered() {
    OutboxEntry entry = enqueueAndClaim(1).get(0);
    OutboxEntry stale = new OutboxEntry(entry.id(), entry.recipient(), entry.payload(), entry.dedupKey(),
        State.IN_FLIGHT, entry.attempts(), entry.createdAt(), entry.availableAt(), "a claim taken over", null);
    List<String> done = new ArrayList<>();

    marks.delivered(stale, null, () -> done.add("done"));

    assertEquals(List.of("done"), done);
    assertEquals(List.of(), heard);
    assertEquals(State.IN_FLIGHT, store.find(entry.id()).orElseThrow().state());
  }

  @Test
  void aMarkTheStoreRefusedIsWrittenOnceTheStoreIsBackSoTheEntryIsNotSentAgain() {
    OutboxEntry entry = enqueueAndClaim(1).get(0);
    List<String> done = new ArrayList<>();
    store.unreachable = true;

    marks.delivered(entry, null, () -> done.add("done"));
    unrecorded.retry(); // still unreachable: kept for the next try

    assertEquals(List.of("done"), done, "the delivery itself is finished");
    assertEquals(State.IN_FLIGHT, store.find(entry.id()).orElseThrow().state());
    assertEquals(List.of(), heard);
    assertEquals(1, unrecorded.size());

    store.unreachable = false;
    clock.advance(LEASE.minusSeconds(1));
    unrecorded.retry();

    assertEquals(State.DELIVERED, store.find(entry.id()).orElseThrow().state());
    assertEquals(List.of("k0"), heard);
    assertEquals(0, unrecorded.size());
  }

  @Test
  void aMarkStillRefusedWhenItsClaimHasExpiredIsGivenUp() {
    OutboxEntry entry = enqueueAndClaim(1).get(0);
    store.unreachable = true;
    marks.delivered(entry, null, () -> {});

    clock.advance(LEASE.plusSeconds(1));
    store.unreachable = false;
    unrecorded.retry();

    assertEquals(0, unrecorded.size());
    assertEquals(State.IN_FLIGHT, store.find(entry.id()).orElseThrow().state(),
        "left for the next claim after the lease, which delivers it again");
    assertEquals(List.of(), heard);
  }

  private List<OutboxEntry> enqueueAndClaim(int count) {
    for (int i = 0; i < count; i++) {
      store.enqueue(Recipient.messenger("1001", "psid-" + i), "{}", "k" + i, clock.instant());
    }
    List<OutboxEntry> claimed = store.claim(clock.instant(), LEASE, count);
    assertEquals(count, claimed.size());
    return claimed;
  }

  /**
   * The in-memory outbox, with single marks that can be held at a gate (to let other deliveries
   * finish meanwhile) and batch marks that are recorded and can be refused.
   */
  private static final class GatedStore extends ForwardingOutboxStore {
    final List<List<Long>> batches = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch singleMarkStarted = new CountDownLatch(1);
    private volatile CountDownLatch gate = new CountDownLatch(0);
    volatile boolean refuseBatches;
    /** Every mark fails, as when the database cannot be reached. */
    volatile boolean unreachable;

    GatedStore(OutboxStore store) {
      super(store);
    }

    void holdSingleMarks() {
      gate = new CountDownLatch(1);
    }

    void releaseSingleMarks() {
      gate.countDown();
    }

    @Override
    public boolean markDelivered(long id, String claimToken, String platformMessageId, Instant now) {
      singleMarkStarted.countDown();
      if (unreachable) {
        throw new IllegalStateException("connection refused");
      }
      try {
        if (!gate.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the test never opened the gate");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return store.markDelivered(id, claimToken, platformMessageId, now);
    }

    @Override
    public Set<Long> markDelivered(List<Delivered> delivered, Instant now) {
      batches.add(delivered.stream().map(Delivered::id).toList());
      if (refuseBatches || unreachable) {
        throw new IllegalStateException("connection lost");
      }
      return store.markDelivered(delivered, now);
    }
  }
}
