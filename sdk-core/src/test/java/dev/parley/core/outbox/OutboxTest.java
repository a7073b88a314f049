package dev.parley.core.outbox;

import static dev.parley.core.outbox.SendApiDispatcher.messengerCustomer;
import static dev.parley.core.outbox.SendApiDispatcher.whatsAppCustomer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.ConnectionException;
import dev.parley.core.Parley;
import dev.parley.core.ParleyException;
import dev.parley.core.RateLimitedException;
import dev.parley.core.Recipient;
import dev.parley.core.SendReceipt;
import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.DeliveryStatus;
import dev.parley.core.conversation.InMemoryConversationStore;
import dev.parley.core.conversation.NewMessage;
import dev.parley.core.conversation.StoredMessage;
import dev.parley.core.internal.MessageJson;
import dev.parley.core.message.Message;
import dev.parley.core.outbox.OutboxEntry.State;
import dev.parley.core.testing.ForwardingOutboxStore;
import dev.parley.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox delivering through the real Parley client to a MockWebServer playing the Graph API. */
class OutboxTest {
  private static final Recipient ADA = messengerCustomer(1);
  private static final Recipient BOB = whatsAppCustomer(2);

  private final TestClock clock = new TestClock();
  private final InMemoryConversationStore store = new InMemoryConversationStore(clock);
  private final SendApiDispatcher graph = new SendApiDispatcher();
  private final MockWebServer server = new MockWebServer();
  private Parley parley;
  private Outbox outbox;

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(graph);
    server.start();
    parley = SendApiDispatcher.parley(server.url("/").toString(), clock, store);
    SendApiDispatcher.openWindows(store, clock, List.of(ADA, BOB));
    outbox = outbox(Outbox.builder(store.outbox(), parley::sendAsync));
  }

  private Outbox outbox(Outbox.Builder builder) {
    return builder.clock(clock).backoff(Duration.ofSeconds(1), Duration.ofMinutes(1)).maxAttempts(4)
        .pollInterval(Duration.ofMillis(20)).build();
  }

  @AfterEach
  void stop() throws Exception {
    outbox.close();
    server.close();
  }

  @Test
  void aThousandEnqueuesWithDuplicatesDeliverExactlyTheUniqueSetInOrderPerCustomer() throws Exception {
    List<Recipient> customers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      customers.add(i % 2 == 0 ? messengerCustomer(100 + i) : whatsAppCustomer(100 + i));
    }
    SendApiDispatcher.openWindows(store, clock, customers);
    Map<String, List<String>> expected = new LinkedHashMap<>();
    outbox.start();

    for (int i = 0; i < 1000; i++) {
      int order = i < 600 ? i : (i * 7) % 600;
      Recipient customer = customers.get(order % 10);
      outbox.enqueue(customer, Message.text("order " + order + " shipped"), "order-" + order + ":shipped");
      if (i < 600) {
        expected.computeIfAbsent(customer.userId(), k -> new ArrayList<>()).add("order " + order + " shipped");
      }
    }
    awaitDelivered(600);

    assertEquals(600, graph.deliveries().size());
    assertEquals(expected, graph.textsByCustomer());
    assertEquals(new OutboxCounts(0, 0, 0, 600), outbox.counts());
  }

  @Test
  void aPermanentErrorParksTheEntryWithItsReasonAndTheCustomersQueueMovesOn() {
    OutboxEntry rejected = outbox.enqueue(ADA, Message.text("reject me"), "k1");
    outbox.enqueue(ADA, Message.text("next one"), "k2");

    outbox.deliverDue();
    outbox.deliverDue();

    List<OutboxEntry> parked = outbox.parked(10);
    assertEquals(List.of(rejected.id()), parked.stream().map(OutboxEntry::id).toList());
    assertTrue(parked.get(0).lastError().contains("(#100) Invalid parameter"), parked.get(0).lastError());
    assertTrue(parked.get(0).lastError().contains("code 100"), parked.get(0).lastError());
    assertEquals(1, parked.get(0).attempts(), "a permanent error is not retried");
    assertEquals(List.of(new SendApiDispatcher.Delivery(ADA.userId(), "next one")), graph.deliveries());
    assertEquals(new OutboxCounts(0, 0, 1, 1), outbox.counts());
  }

  @Test
  void aDeliveryTheStoreCouldNotRecordIsRecordedOnTheNextPassNotSentAgainAndTheQueueMovesOn() {
    boolean[] unreachable = {false};
    OutboxStore flaky = new ForwardingOutboxStore(store.outbox()) {
      @Override
      public boolean markDelivered(long id, String claimToken, String platformMessageId, Instant now) {
        if (unreachable[0]) {
          throw new IllegalStateException("connection refused");
        }
        return super.markDelivered(id, claimToken, platformMessageId, now);
      }
    };
    outbox.close();
    outbox = outbox(Outbox.builder(flaky, parley::sendAsync));
    OutboxEntry first = outbox.enqueue(ADA, Message.text("first"), "k1");
    outbox.enqueue(ADA, Message.text("second"), "k2");

    unreachable[0] = true;
    outbox.deliverDue();
    assertEquals(State.IN_FLIGHT, store.outbox().find(first.id()).orElseThrow().state(), "sent, not yet recorded");
    unreachable[0] = false;
    outbox.deliverDue();
    outbox.deliverDue();

    assertEquals(List.of(new SendApiDispatcher.Delivery(ADA.userId(), "first"),
        new SendApiDispatcher.Delivery(ADA.userId(), "second")), graph.deliveries(), "each once, in order");
    assertEquals(new OutboxCounts(0, 0, 0, 2), outbox.counts());
  }

  @Test
  void aParkedEntryRetriedByHandIsDelivered() {
    OutboxEntry rejected = outbox.enqueue(BOB, Message.text("reject until fixed"), "k1");
    outbox.deliverDue();
    graph.stopRejecting();

    assertTrue(outbox.retryParked(rejected.id()));
    assertFalse(outbox.retryParked(rejected.id()), "it is no longer parked");
    outbox.deliverDue();

    assertEquals(List.of(new SendApiDispatcher.Delivery(BOB.userId(), "reject until fixed")), graph.deliveries());
    assertEquals(State.DELIVERED, store.outbox().find(rejected.id()).orElseThrow().state());
  }

  @Test
  void aTransientErrorIsRetriedAfterBackoffAndDeliveredOnce() {
    OutboxEntry flaky = outbox.enqueue(ADA, Message.text("flaky hello"), "k1");
    outbox.enqueue(ADA, Message.text("after the flaky one"), "k2");

    assertEquals(1, outbox.deliverDue());
    OutboxEntry waiting = store.outbox().find(flaky.id()).orElseThrow();
    assertEquals(State.PENDING, waiting.state());
    assertTrue(waiting.lastError().contains("PlatformUnavailable") || waiting.lastError().contains("503")
        || waiting.lastError().contains("temporarily"), waiting.lastError());
    assertTrue(waiting.availableAt().isAfter(clock.instant()), "the retry waits for its backoff");
    assertEquals(0, outbox.deliverDue(), "nothing is ready: the later entry waits behind the retry");

    clock.advance(Duration.ofSeconds(2));
    outbox.deliverDue();
    outbox.deliverDue();

    assertEquals(List.of("flaky hello", "after the flaky one"), graph.textsByCustomer().get(ADA.userId()));
  }

  @Test
  void aRateLimitWaitsAtLeastAsLongAsThePlatformAsked() {
    Outbox limited = outbox(Outbox.builder(store.outbox(), (recipient, message) -> CompletableFuture.failedFuture(
        new RateLimitedException("slow down", Duration.ofMinutes(10), ParleyException.PlatformError.NONE, null))));
    OutboxEntry entry = limited.enqueue(ADA, Message.text("hi"), "k1");

    limited.deliverDue();

    OutboxEntry waiting = store.outbox().find(entry.id()).orElseThrow();
    assertEquals(State.PENDING, waiting.state());
    assertEquals(clock.instant().plus(Duration.ofMinutes(10)), waiting.availableAt());
  }

  @Test
  void anEntryThatKeepsFailingIsParkedAfterMaxAttempts() {
    AtomicInteger calls = new AtomicInteger();
    Outbox failing = outbox(Outbox.builder(store.outbox(), (recipient, message) -> {
      calls.incrementAndGet();
      return CompletableFuture.failedFuture(new ConnectionException("connection reset"));
    }));
    OutboxEntry entry = failing.enqueue(ADA, Message.text("hi"), "k1");

    for (int i = 0; i < 10; i++) {
      failing.deliverDue();
      clock.advance(Duration.ofMinutes(2));
    }

    assertEquals(4, calls.get());
    OutboxEntry parked = store.outbox().find(entry.id()).orElseThrow();
    assertEquals(State.PARKED, parked.state());
    assertEquals("gave up after 4 attempts: ConnectionException: connection reset", parked.lastError());
  }

  @Test
  void aDeliveryThatThrowsIsRetriedLikeAFailedOne() {
    AtomicInteger calls = new AtomicInteger();
    Outbox throwing = outbox(Outbox.builder(store.outbox(), (recipient, message) -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("delivery bug");
      }
      return CompletableFuture.completedFuture(new SendReceipt("m_ok", recipient.channel(), recipient, 1));
    }));
    OutboxEntry entry = throwing.enqueue(ADA, Message.text("hi"), "k1");

    throwing.deliverDue();
    clock.advance(Duration.ofSeconds(2));
    throwing.deliverDue();

    assertEquals(2, calls.get());
    assertEquals(State.DELIVERED, store.outbox().find(entry.id()).orElseThrow().state());
  }

  @Test
  void abandonedClaimsAreTakenAgainAndDeliveredOnce() {
    for (int i = 0; i < 5; i++) {
      outbox.enqueue(i % 2 == 0 ? ADA : BOB, Message.text("message " + i), "k" + i);
    }
    List<OutboxEntry> abandoned = store.outbox().claim(clock.instant(), Duration.ofMinutes(5), 10);
    assertEquals(2, abandoned.size(), "a worker took the head of each queue, then died");

    assertEquals(0, outbox.deliverDue(), "live claims are respected");
    clock.advance(Duration.ofMinutes(6));
    for (int i = 0; i < 5; i++) {
      outbox.deliverDue();
    }

    assertEquals(List.of("message 0", "message 2", "message 4"), graph.textsByCustomer().get(ADA.userId()));
    assertEquals(List.of("message 1", "message 3"), graph.textsByCustomer().get(BOB.userId()));
    assertFalse(store.outbox().markDelivered(abandoned.get(0).id(), abandoned.get(0).claimToken(), clock.instant()),
        "the dead worker's claim cannot finish the entry");
  }

  @Test
  void enqueueingTheSameKeyAgainSendsOnce() {
    OutboxEntry first = outbox.enqueue(ADA, Message.text("your order shipped"), "order-1:shipped");
    OutboxEntry again = outbox.enqueue(ADA, Message.text("your order shipped!!"), "order-1:shipped");
    outbox.deliverDue();
    OutboxEntry afterDelivery = outbox.enqueue(ADA, Message.text("your order shipped"), "order-1:shipped");
    outbox.deliverDue();

    assertEquals(first, again);
    assertEquals(first.id(), afterDelivery.id());
    assertEquals(State.DELIVERED, afterDelivery.state());
    assertEquals(1, graph.deliveries().size());
    assertEquals(Message.text("your order shipped"), outbox.message(first));
  }

  @Test
  void aMessageEnqueuedWithItsHistoryLineMakesItSentWithThePlatformsIdOnceDelivered() {
    StoredMessage line = store.append(NewMessage.outbound(ADA, Author.agent("alice"), "Hello, I'm Alice", null, null,
        clock.instant()));
    outbox.enqueue(ADA, Message.text("Hello, I'm Alice"), "agent-reply:1", line.id());
    assertEquals(DeliveryStatus.PENDING, lineNow(line).status(), "pending while queued");

    outbox.deliverDue();

    StoredMessage sent = lineNow(line);
    assertEquals(DeliveryStatus.SENT, sent.status());
    assertEquals(sent, store.findMessage(sent.platformMessageId()).orElseThrow(), "status webhooks find it by its id");
  }

  private StoredMessage lineNow(StoredMessage line) {
    return store.history(line.customerId(), line.id() + 1, 1).messages().get(0);
  }

  @Test
  void aFullOutboxRefusesNewEntriesButNotDuplicates() {
    Outbox small = outbox(Outbox.builder(store.outbox(), parley::sendAsync).capacity(2));
    small.enqueue(ADA, Message.text("one"), "k1");
    small.enqueue(BOB, Message.text("two"), "k2");

    OutboxFullException full = assertThrows(OutboxFullException.class,
        () -> small.enqueue(ADA, Message.text("three"), "k3"));

    assertTrue(full.isTransient());
    assertTrue(full.getMessage().contains("capacity is 2"), full.getMessage());
    assertEquals("k1", small.enqueue(ADA, Message.text("one"), "k1").dedupKey());
    small.deliverDue();
    assertEquals("k3", small.enqueue(ADA, Message.text("three"), "k3").dedupKey(), "room again once delivered");
  }

  @Test
  void anUnreadablePayloadIsParkedNotRetried() {
    OutboxEntry broken = store.outbox().enqueue(ADA, "{\"kind\":\"hologram\"}", "broken", clock.instant());

    outbox.deliverDue();

    OutboxEntry parked = store.outbox().find(broken.id()).orElseThrow();
    assertEquals(State.PARKED, parked.state());
    assertTrue(parked.lastError().startsWith("payload is not a message Parley can read"), parked.lastError());
    assertTrue(graph.deliveries().isEmpty());
  }

  @Test
  void theListenerHearsDeliveriesWithTheirReceiptsAndParkedEntries() {
    List<String> heard = new ArrayList<>();
    Outbox listened = outbox(Outbox.builder(store.outbox(), parley::sendAsync).listener(new OutboxListener() {
      @Override
      public void delivered(OutboxEntry entry, SendReceipt receipt) {
        heard.add("delivered " + entry.dedupKey() + " as " + receipt.messageId());
      }

      @Override
      public void parked(OutboxEntry entry, String reason) {
        heard.add("parked " + entry.dedupKey());
      }
    }));
    listened.enqueue(BOB, Message.text("hello"), "k1");
    listened.enqueue(ADA, Message.text("reject"), "k2");

    listened.deliverDue();

    assertEquals(2, heard.size());
    assertTrue(heard.contains("parked k2"), heard.toString());
    assertTrue(heard.stream().anyMatch(h -> h.matches("delivered k1 as wamid\\.\\d+")), heard.toString());
  }

  @Test
  void theBackgroundWorkerStopsWhenClosed() throws Exception {
    outbox.start();
    outbox.enqueue(ADA, Message.text("before close"), "k1");
    awaitDelivered(1);

    outbox.close();
    assertFalse(outbox.workerAlive(), "close returns once the worker has stopped");
    outbox.enqueue(ADA, Message.text("after close"), "k2");

    assertEquals(1, graph.deliveries().size());
    assertThrows(IllegalStateException.class, outbox::start);
    assertEquals(1, outbox.counts().pending(), "the entry waits for the next worker");
  }

  @Test
  void entriesCommittedByOthersGoOutWhenTheWorkerIsWokenNotAtItsNextPoll() throws Exception {
    outbox.close();
    outbox = outbox(Outbox.builder(store.outbox(), parley::sendAsync).pollInterval(Duration.ofMinutes(10)));
    outbox.start();
    awaitIdleWorker(outbox);

    // what a bot turn does: the entry is written in the turn's transaction, not through enqueue
    store.outbox().enqueue(ADA, MessageJson.toJson(Message.text("your table is ready")), "turn-1:0",
        clock.instant());
    outbox.wakeUp();
    awaitDelivered(1);

    assertEquals(List.of("your table is ready"), graph.textsByCustomer().get(ADA.userId()));
  }

  @Test
  void aDeliveryThatLeavesNothingReadyBehindDoesNotMakeTheWorkerClaimAgain() {
    outbox.enqueue(ADA, Message.text("one"), "k1");
    outbox.enqueue(BOB, Message.text("two"), "k2");
    assertTrue(outbox.takeWakeUps(), "an enqueue wakes the worker");

    assertEquals(2, outbox.deliverDue());

    assertFalse(outbox.takeWakeUps(), "a claim now would come back empty: new entries wake the worker themselves");
    assertEquals(new OutboxCounts(0, 0, 0, 2), outbox.counts());
  }

  @Test
  void aDeliveryWithTheRecipientsNextEntryHeldBackBehindItMakesTheWorkerClaimAgain() {
    outbox.enqueue(ADA, Message.text("first"), "k1");
    outbox.enqueue(ADA, Message.text("second"), "k2");
    outbox.takeWakeUps();

    assertEquals(1, outbox.deliverDue());
    assertTrue(outbox.takeWakeUps(), "Ada's second waited behind her first");
    assertEquals(1, outbox.deliverDue());
    assertFalse(outbox.takeWakeUps());
    assertEquals(List.of("first", "second"), graph.textsByCustomer().get(ADA.userId()));
  }

  @Test
  void aFullClaimOrAFailedDeliveryMakesTheWorkerClaimAgain() {
    outbox.close();
    outbox = outbox(Outbox.builder(store.outbox(), parley::sendAsync).batchSize(1));
    outbox.enqueue(BOB, Message.text("reject me"), "k1");
    outbox.enqueue(ADA, Message.text("hello"), "k2");
    outbox.takeWakeUps();

    assertEquals(1, outbox.deliverDue());
    assertTrue(outbox.takeWakeUps(), "the failed entry is parked, and the claim was full: more may be ready");
    assertEquals(1, outbox.deliverDue());
    assertTrue(outbox.takeWakeUps(), "a full claim (of one) says nothing about what it left");
    assertEquals(0, outbox.deliverDue());
    assertFalse(outbox.takeWakeUps(), "an empty claim wakes nobody");
  }

  @Test
  void entriesToOneRecipientGoOutOneAfterAnotherWithoutWaitingForThePoll() throws Exception {
    outbox.close();
    // not through outbox(...), which polls every 20 ms
    outbox = Outbox.builder(store.outbox(), parley::sendAsync).clock(clock).pollInterval(Duration.ofMinutes(10)).build();
    for (int i = 1; i <= 3; i++) {
      outbox.enqueue(ADA, Message.text("part " + i), "k" + i);
    }
    outbox.takeWakeUps();
    outbox.start(); // its first claim takes part 1; nothing wakes it after that but the deliveries

    awaitDelivered(3);

    assertEquals(List.of("part 1", "part 2", "part 3"), graph.textsByCustomer().get(ADA.userId()),
        "each delivery made the worker claim the next one; a ten-minute poll would have failed this test");
  }

  /**
   * Waits until the started worker has made its first, empty pass and gone to wait for its poll
   * interval: only a wake-up brings it back before then.
   */
  private static void awaitIdleWorker(Outbox outbox) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (outbox.workerWaits() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertEquals(1, outbox.workerWaits(), "the worker waits after its first, empty pass");
  }

  @Test
  void settingsOutOfRangeAreRefusedWithTheValue() {
    Outbox.Builder builder = Outbox.builder(store.outbox(), parley::sendAsync);
    IllegalArgumentException lease = assertThrows(IllegalArgumentException.class,
        () -> builder.lease(Duration.ofMillis(10)));
    assertTrue(lease.getMessage().contains("lease") && lease.getMessage().contains("PT0.01S"), lease.getMessage());
    assertThrows(IllegalArgumentException.class, () -> builder.maxAttempts(0));
    assertThrows(IllegalArgumentException.class, () -> builder.backoff(Duration.ofMinutes(5), Duration.ofMinutes(1)));
    assertThrows(IllegalArgumentException.class, () -> builder.capacity(0));
    assertThrows(ParleyException.class, () -> outbox.enqueue(ADA, Message.text("x"), " "));
  }

  private void awaitDelivered(long count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (outbox.counts().delivered() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }
}
