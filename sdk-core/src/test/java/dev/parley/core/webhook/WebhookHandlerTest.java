package dev.parley.core.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.InMemoryConversationStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Size limit, bad bodies, dedup, durability before the 200, and work off the request thread. */
class WebhookHandlerTest {

  private final WebhookHarness harness = new WebhookHarness();

  @Test
  void bodyOverTheLimitIsRefusedWith413BeforeAnythingElse() {
    WebhookHarness small = new WebhookHarness(new InMemoryJournal(), b -> b.maxBodyBytes(2048));
    byte[] big = new byte[2049];

    assertEquals(413, small.handler.handle(WebhookRequest.builder("POST").body(big).build()).status());
    assertEquals(413, small.handler.handle(WebhookHarness.SIGNER.signedPost(big)).status());
    assertEquals(0, small.journal.size());
  }

  @Test
  void bodyOfExactlyTheLimitIsAccepted() {
    WebhookHarness small = new WebhookHarness(new InMemoryJournal(), b -> b.maxBodyBytes(2048));
    String text = WebhookFixtures.text("messenger-text.json").trim();
    String padded = text + " ".repeat(2048 - text.getBytes(StandardCharsets.UTF_8).length);

    assertEquals(200, small.postSignedAndRun(padded).status());
    assertEquals(1, small.received.size());
  }

  @Test
  void defaultLimitIsOneMebibyte() {
    assertEquals(1024 * 1024, harness.handler.maxBodyBytes());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "[]", "\"page\"", "42", "{\"object\":\"page\",\"entry\":[]} {}", "{'object':'page'}",
      "{object:\"page\"}", "{\"entry\":[]}", "{\"object\":{\"x\":1}}", "{\"object\":\"page\",\"entry\":[}"})
  void malformedSignedJsonIs400AndNothingRecorded(String body) {
    WebhookResponse response = harness.postSignedAndRun(body);

    assertEquals(400, response.status());
    assertEquals(0, harness.journal.size());
    assertTrue(harness.received.isEmpty());
  }

  @Test
  void deeplyNestedJsonIsRefusedNotCrashed() {
    String nested = "{\"object\":\"page\",\"entry\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}";

    WebhookResponse response = harness.postSignedAndRun(nested);

    assertEquals(400, response.status());
    assertEquals(0, harness.journal.size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"instagram", "user", "permissions"})
  void unknownObjectIsAcknowledgedAndIgnored(String object) {
    String json = WebhookFixtures.edited("messenger-text.json", root -> root.addProperty("object", object));

    WebhookResponse response = harness.postSignedAndRun(json);

    assertEquals(200, response.status());
    assertEquals(0, harness.journal.size());
    assertTrue(harness.received.isEmpty());
  }

  @Test
  void redeliveredPayloadIsAcknowledgedButNotHandledAgain() {
    byte[] body = WebhookFixtures.bytes("whatsapp-statuses.json");

    assertEquals(200, harness.postSignedAndRun(body).status());
    assertEquals(200, harness.postSignedAndRun(body).status());

    assertEquals(5, harness.received.size());
    assertEquals(5, harness.journal.size());
  }

  @Test
  void redeliveryInsideOneBatchIsHandledOnce() {
    String body = WebhookFixtures.edited("messenger-text.json", root -> {
      JsonArray entries = root.getAsJsonArray("entry");
      entries.add(entries.get(0).deepCopy());
    });

    assertEquals(200, harness.postSignedAndRun(body).status());

    assertEquals(1, harness.received.size());
    assertEquals("Where is my order 4711?", ((MessageReceived) harness.received.get(0)).text());
  }

  @Test
  void statusesOfOneMessageAreDistinctEventsButEachOnlyOnce() {
    harness.postSignedAndRun(WebhookFixtures.bytes("whatsapp-statuses.json"));

    List<String> keys = harness.received.stream().map(InboundEvent::dedupKey).toList();
    assertEquals(List.of("status:wamid.OUT_0001:sent", "status:wamid.OUT_0001:delivered", "status:wamid.OUT_0001:read",
        "status:wamid.OUT_0002:failed", "status:wamid.OUT_0003:held_for_quality_assessment"), keys);
  }

  @Test
  void oneBadItemNeverCostsTheOthersOfTheBatch() {
    WebhookResponse response = harness.postSignedAndRun(WebhookFixtures.bytes("messenger-bad-item.json"));

    assertEquals(200, response.status());
    List<String> texts = harness.received.stream()
        .filter(MessageReceived.class::isInstance)
        .map(e -> ((MessageReceived) e).text())
        .toList();
    assertEquals(List.of("before", "after"), texts);
    assertEquals(2, harness.received.stream().filter(UnknownEvent.class::isInstance).count(), "bad items kept as unknown");
  }

  @Test
  void everyEventIsDurablyRecordedBeforeTheAnswerAndHandledOnlyAfterIt() {
    WebhookResponse response = harness.handler.handle(WebhookHarness.SIGNER.signedPost(WebhookFixtures.bytes("messenger-batch.json")));

    assertEquals(200, response.status());
    assertEquals(6, harness.journal.size(), "all recorded when the 200 is given");
    assertTrue(harness.received.isEmpty(), "no work ran on the request thread");
    assertEquals(6, harness.journal.unhandled(100).size());

    harness.executor.runAll();

    assertEquals(6, harness.received.size());
    assertEquals(0, harness.journal.unhandled(100).size());
  }

  @Test
  void journalEntriesCarryTheCustomerTimeAndParseableRawJson() {
    harness.postSignedAndRun(WebhookFixtures.bytes("whatsapp-text.json"));
    InboundEvent event = harness.received.get(0);

    InboundJournal.Entry entry = harness.journal.entry(event.dedupKey());

    assertEquals(Recipient.whatsApp("109876543210987", "16505551234"), entry.from());
    assertEquals(Instant.ofEpochSecond(1749416383L), entry.occurredAt());
    assertEquals(event, InboundEvent.fromJournal(entry));
  }

  @Test
  void listenerRunsOnTheExecutorNotOnTheRequestThread() throws Exception {
    ExecutorService workers = Executors.newSingleThreadExecutor(r -> new Thread(r, "parley-webhook-worker"));
    try {
      List<String> threads = new CopyOnWriteArrayList<>();
      CountDownLatch done = new CountDownLatch(1);
      InMemoryJournal journal = new InMemoryJournal();
      WebhookHandler handler = WebhookHarness.builder(journal, e -> {
        threads.add(Thread.currentThread().getName());
        done.countDown();
      }, workers).build();

      assertEquals(200, handler.handle(WebhookHarness.SIGNER.signedPost(WebhookFixtures.bytes("messenger-text.json"))).status());

      assertTrue(done.await(10, TimeUnit.SECONDS));
      assertEquals(List.of("parley-webhook-worker"), threads);
      assertEquals(List.of(Thread.currentThread().getName()), journal.recordThreads, "recorded on the request thread");
    } finally {
      workers.shutdownNow();
    }
  }

  @Test
  void listenerThatThrowsLeavesItsEventUnhandledAndTheRestGoesOn() {
    InMemoryJournal journal = new InMemoryJournal();
    QueuedExecutor executor = new QueuedExecutor();
    List<InboundEvent> handled = new CopyOnWriteArrayList<>();
    WebhookHandler handler = WebhookHarness.builder(journal, e -> {
      if (e.dedupKey().equals("mid:m_batch_0001")) {
        throw new IllegalStateException("bot crashed on the first message");
      }
      handled.add(e);
    }, executor).build();

    WebhookResponse first = handler.handle(WebhookHarness.SIGNER.signedPost(WebhookFixtures.bytes("messenger-batch.json")));
    executor.runAll();
    WebhookResponse second = handler.handle(WebhookHarness.SIGNER.signedPost(WebhookFixtures.bytes("messenger-text.json")));
    executor.runAll();

    assertEquals(200, first.status());
    assertEquals(200, second.status());
    assertEquals(6, handled.size(), "five other events of the batch and the next request");
    assertFalse(journal.isHandled("mid:m_batch_0001"));
    assertEquals(List.of("mid:m_batch_0001"), journal.unhandled(10).stream().map(InboundJournal.Entry::eventKey).toList());
  }

  @Test
  void journalFailureAnswers503SoMetaRetriesAndRecordedEventsStillRun() {
    harness.journal.failOnRecord = new IllegalStateException("database is down");
    harness.journal.failAfterRecords = 2;

    WebhookResponse response = harness.postSignedAndRun(WebhookFixtures.bytes("messenger-batch.json"));

    assertEquals(503, response.status());
    assertEquals(2, harness.received.size(), "the two recorded events would be dropped as redeliveries, so they run now");

    harness.journal.failOnRecord = null;
    assertEquals(200, harness.postSignedAndRun(WebhookFixtures.bytes("messenger-batch.json")).status());
    assertEquals(6, harness.received.size(), "the redelivery brings the other four, once");
  }

  @Test
  void executorThatRefusesWorkStillAcknowledgesAndTheEventsWaitInTheJournal() {
    InMemoryJournal journal = new InMemoryJournal();
    List<InboundEvent> received = new CopyOnWriteArrayList<>();
    WebhookHandler refusing = WebhookHarness.builder(journal, received::add, task -> {
      throw new RejectedExecutionException("shutting down");
    }).build();

    assertEquals(200, refusing.handle(WebhookHarness.SIGNER.signedPost(WebhookFixtures.bytes("messenger-standby.json"))).status());
    assertEquals(2, journal.unhandled(10).size());

    WebhookHandler restarted = WebhookHarness.builder(journal, received::add, Runnable::run).build();
    assertEquals(2, restarted.redispatchUnhandled());
    assertEquals(2, received.size());
    assertTrue(received.stream().allMatch(InboundEvent::standby));
    assertEquals(0, journal.unhandled(10).size());
  }

  @Test
  void eventsRecordedButNotHandledBeforeACrashAreRedispatchedEqualAndInOrder() {
    WebhookHarness beforeCrash = new WebhookHarness();
    beforeCrash.handler.handle(WebhookHarness.SIGNER.signedPost(WebhookFixtures.bytes("whatsapp-order-reaction.json")));
    beforeCrash.handler.handle(WebhookHarness.SIGNER.signedPost(WebhookFixtures.bytes("messenger-postback.json")));
    List<InboundEvent> original = new PayloadParserView().parse("whatsapp-order-reaction.json", "messenger-postback.json");
    // the process dies here: the queued work never runs

    WebhookHarness afterRestart = new WebhookHarness(beforeCrash.journal, b -> {});
    int dispatched = afterRestart.handler.redispatchUnhandled();
    afterRestart.executor.runAll();

    assertEquals(4, dispatched);
    assertEquals(original, afterRestart.received);
    assertEquals(0, beforeCrash.journal.unhandled(10).size());
    assertEquals(0, afterRestart.handler.redispatchUnhandled(), "nothing twice");
  }

  @Test
  void redispatchHonoursTheLimit() {
    WebhookHarness beforeCrash = new WebhookHarness();
    beforeCrash.handler.handle(WebhookHarness.SIGNER.signedPost(WebhookFixtures.bytes("whatsapp-statuses.json")));

    WebhookHarness afterRestart = new WebhookHarness(beforeCrash.journal, b -> {});
    assertEquals(2, afterRestart.handler.redispatchUnhandled(2));
    afterRestart.executor.runAll();

    assertEquals(List.of("status:wamid.OUT_0001:sent", "status:wamid.OUT_0001:delivered"),
        afterRestart.received.stream().map(InboundEvent::dedupKey).toList());
    assertThrows(IllegalArgumentException.class, () -> afterRestart.handler.redispatchUnhandled(0));
  }

  @Test
  void redispatchPagesThroughMoreUnhandledEventsThanAStoreReturnsPerCall() {
    InMemoryConversationStore store = new InMemoryConversationStore(WebhookHarness.CLOCK);
    Recipient customer = Recipient.messenger("106234567890123", "7301234567890123");
    Instant start = Instant.parse("2024-05-01T00:00:00Z");
    for (int i = 0; i < 1500; i++) {
      // every tenth at the same instant: pages must continue by key, not by time alone
      store.record("mid:m_" + i, customer, start.plusSeconds(i - i % 10), "{\"mid\":\"m_" + i + "\"}");
    }
    QueuedExecutor executor = new QueuedExecutor();
    List<InboundEvent> received = new CopyOnWriteArrayList<>();
    WebhookHandler afterRestart = WebhookHarness.builder(store, received::add, executor).build();

    assertEquals(1500, afterRestart.redispatchUnhandled());
    executor.runAll();

    assertEquals(1500, received.stream().map(InboundEvent::dedupKey).distinct().count());
    assertEquals(List.of(), store.unhandled(10));
    assertEquals(0, afterRestart.redispatchUnhandled(), "nothing twice");
  }

  @Test
  void aPeriodicRedispatchTakesOnlyEventsOlderThanItsCutOff() {
    InMemoryConversationStore store = new InMemoryConversationStore(WebhookHarness.CLOCK);
    Recipient customer = Recipient.messenger("106234567890123", "7301234567890123");
    Instant now = Instant.parse("2024-05-01T12:00:00Z");
    for (int i = 0; i < 6; i++) {
      // m_0..m_2 failed minutes ago; m_3..m_5 arrived just now and may still be in a turn
      store.record("mid:m_" + i, customer, now.minusSeconds(i < 3 ? 300 - i : 5 - i), "{\"mid\":\"m_" + i + "\"}");
    }
    QueuedExecutor executor = new QueuedExecutor();
    List<InboundEvent> received = new CopyOnWriteArrayList<>();
    WebhookHandler handler = WebhookHarness.builder(store, received::add, executor).build();

    assertEquals(3, handler.redispatchUnhandled(1000, now.minusSeconds(60)));
    executor.runAll();

    assertEquals(List.of("mid:m_0", "mid:m_1", "mid:m_2"), received.stream().map(InboundEvent::dedupKey).toList());
    assertEquals(3, store.unhandled(10).size(), "the recent ones are left to the turns handling them");
  }

  @Test
  void journalEntryWhoseJsonNoLongerParsesIsRedispatchedAsUnknownAndMarkedHandled() {
    Recipient customer = Recipient.messenger("106234567890123", "7301234567890123");
    harness.journal.record("mid:m_legacy", customer, Instant.parse("2024-01-01T00:00:00Z"), "{not json");

    assertEquals(1, harness.handler.redispatchUnhandled());
    harness.executor.runAll();

    UnknownEvent unknown = assertInstanceOf(UnknownEvent.class, harness.received.get(0));
    assertEquals("mid:m_legacy", unknown.dedupKey());
    assertEquals(customer, unknown.from());
    assertEquals("{not json", unknown.rawJson());
    assertTrue(harness.journal.isHandled("mid:m_legacy"));
  }

  @Test
  void builderNamesTheMissingSetting() {
    IllegalStateException missingExecutor = assertThrows(IllegalStateException.class, () -> WebhookHandler.builder()
        .appSecret("s").verifyToken("t").journal(new InMemoryJournal()).listener(e -> {}).build());
    IllegalStateException missingSecret = assertThrows(IllegalStateException.class, () -> WebhookHandler.builder().build());

    assertTrue(missingExecutor.getMessage().contains("executor"), missingExecutor.getMessage());
    assertTrue(missingSecret.getMessage().contains("appSecret"), missingSecret.getMessage());
  }

  @Test
  void builderRejectsBadValuesWithoutEchoingSecrets() {
    IllegalArgumentException tooSmall = assertThrows(IllegalArgumentException.class, () -> WebhookHandler.builder().maxBodyBytes(10));
    IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> WebhookHandler.builder().appSecret("  "));

    assertTrue(tooSmall.getMessage().contains("10"), tooSmall.getMessage());
    assertTrue(blank.getMessage().contains("appSecret"), blank.getMessage());
  }

  @Test
  void executorFailingInAnyWayNeitherEscapesNorLosesTheEvents() {
    InMemoryJournal journal = new InMemoryJournal();
    WebhookHandler handler = WebhookHarness.builder(journal, e -> {}, task -> {
      throw new IllegalStateException("pool misconfigured");
    }).build();

    WebhookResponse response = handler.handle(WebhookHarness.SIGNER.signedPost(WebhookFixtures.bytes("messenger-read.json")));

    assertEquals(200, response.status(), "recorded durably, so acknowledged");
    assertEquals(List.of("read:7301234567890123:1717000390000"),
        journal.unhandled(10).stream().map(InboundJournal.Entry::eventKey).toList());
  }

  /** Parses fixtures the way the handler does, to compare redispatched events with the originals. */
  private static final class PayloadParserView {
    List<InboundEvent> parse(String... fixtures) {
      List<InboundEvent> events = new java.util.ArrayList<>();
      for (String fixture : fixtures) {
        events.addAll(new dev.parley.core.internal.webhook.PayloadParser(WebhookHarness.CLOCK).parse(WebhookFixtures.text(fixture)));
      }
      return events;
    }
  }
}
