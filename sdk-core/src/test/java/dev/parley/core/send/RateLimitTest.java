package dev.parley.core.send;

import static dev.parley.core.send.GraphTestServer.NOW;
import static dev.parley.core.send.GraphTestServer.WHATSAPP_CUSTOMER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.parley.core.Parley;
import dev.parley.core.RateLimits;
import dev.parley.core.Recipient;
import dev.parley.core.SendReceipt;
import dev.parley.core.message.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Client-side rate limits through the public API, in virtual time: queued on the scheduler, never failed. */
class RateLimitTest {
  @StartStop
  final MockWebServer server = new MockWebServer();
  final VirtualTime time = new VirtualTime(NOW);

  private Parley parley() {
    AtomicInteger ids = new AtomicInteger();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return request.getUrl().encodedPath().contains(GraphTestServer.PAGE_ID)
            ? GraphTestServer.messengerOk("m_" + ids.incrementAndGet())
            : GraphTestServer.whatsAppOk("wamid." + ids.incrementAndGet());
      }
    });
    return GraphTestServer.parley(server, time, GraphTestServer.insideWindow()).rateLimits(RateLimits.DEFAULT).build();
  }

  @Test
  void messagesToOneWhatsAppCustomerGoAsABurstOfThreeThenQueueSixSecondsApartInOrder() throws Exception {
    Parley parley = parley();
    List<CompletableFuture<SendReceipt>> futures = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      futures.add(parley.sendAsync(WHATSAPP_CUSTOMER, Message.text("update " + i)));
    }
    assertEquals(List.of(Duration.ofSeconds(6), Duration.ofSeconds(12), Duration.ofSeconds(18)), time.delays());
    for (int i = 0; i < 6; i++) {
      long slot = Math.max(0, i - 2) * 6L;
      if (slot > 0) {
        time.advanceTo(NOW.plusSeconds(slot).minusMillis(1));
        assertTrue(!futures.get(i).isDone(), "message " + (i + 1) + " waits for its slot");
      }
      time.advanceTo(NOW.plusSeconds(slot));
      assertEquals(1, futures.get(i).get(10, TimeUnit.SECONDS).attempts());
    }
    List<String> texts = GraphTestServer.bodies(server, 6).stream()
        .map(body -> JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("text").get("body").getAsString())
        .toList();
    // the burst's three calls are in flight together, so the platform may see them in any order
    // (ordered delivery to one customer is the outbox's promise); the queued ones follow in order
    assertEquals(java.util.Set.of("update 1", "update 2", "update 3"), java.util.Set.copyOf(texts.subList(0, 3)));
    assertEquals(List.of("update 4", "update 5", "update 6"), texts.subList(3, 6));
  }

  @Test
  void anotherCustomerIsNotHeldBehindAQueuedOne() throws Exception {
    Parley parley = parley();
    for (int i = 1; i <= 3; i++) {
      parley.sendAsync(WHATSAPP_CUSTOMER, Message.text("burst " + i));
    }
    CompletableFuture<SendReceipt> queued = parley.sendAsync(WHATSAPP_CUSTOMER, Message.text("after the burst"));
    Recipient other = Recipient.whatsApp(GraphTestServer.PHONE_NUMBER_ID, "15557654321");
    dev.parley.core.InMemoryLastInboundTimes times = GraphTestServer.insideWindow();
    times.record(other, NOW);
    Parley withOther = parley.newBuilder().lastInboundTimes(times).build();
    CompletableFuture<SendReceipt> hello = withOther.sendAsync(other, Message.text("hello"));
    time.advance(Duration.ofSeconds(1)); // the number's pace, far from the first customer's six seconds
    SendReceipt receipt = hello.get(10, TimeUnit.SECONDS);
    assertEquals(1, receipt.attempts());
    assertTrue(!queued.isDone(), "the fourth message to the first customer still waits for its slot");
    time.drive(queued);
    assertEquals(1, queued.get().attempts());
  }

  @Test
  void aMessengerPageHoldsThreeHundredPerSecondInVirtualTime() throws Exception {
    Parley parley = parley();
    List<CompletableFuture<SendReceipt>> futures = new ArrayList<>();
    for (int i = 0; i < 700; i++) {
      futures.add(parley.sendAsync(Recipient.messenger(GraphTestServer.PAGE_ID, "psid" + i), TestMessages.orderUpdate()));
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
    time.drive(all);
    all.get();
    assertEquals(700, server.getRequestCount(), "every message went, none failed for being early");
    Duration took = Duration.between(NOW, time.instant());
    // 300 at once, 300 a window (1.03 s) later, the last 100 two windows later at the earliest; here
    // later, as virtual time runs ahead of the worker threads that claim released slots, which only
    // ever pushes the following slots back (the exact pace is SlidingWindowLimiterTest's)
    assertTrue(took.compareTo(Duration.ofMillis(2060)) >= 0, took.toString());
    assertTrue(futures.stream().allMatch(f -> f.join().attempts() == 1), "nothing was refused or retried");
  }

  @Test
  void aGraph613HoldsThePageForASecondNotOnlyTheRefusedMessage() throws Exception {
    assertPageHeld(GraphTestServer.graphError(429, 613, null, "(#613) Calls to this API have exceeded the rate limit.", true),
        Duration.ofSeconds(1));
  }

  @Test
  void aRetryAfterHoldsThePageThatLong() throws Exception {
    assertPageHeld(GraphTestServer.graphError(429, 613, null, "(#613) Calls to this API have exceeded the rate limit.", true)
        .newBuilder().setHeader("Retry-After", "3").build(), Duration.ofSeconds(3));
  }

  private void assertPageHeld(MockResponse refusal, Duration hold) throws Exception {
    List<java.time.Instant> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger requests = new AtomicInteger();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        seen.add(time.instant());
        return requests.incrementAndGet() == 1 ? refusal : GraphTestServer.messengerOk("m_" + requests.get());
      }
    });
    Parley parley = GraphTestServer.parley(server, time, GraphTestServer.insideWindow()).rateLimits(RateLimits.DEFAULT).build();
    CompletableFuture<SendReceipt> refused = parley.sendAsync(GraphTestServer.MESSENGER_CUSTOMER, Message.text("refused"));
    awaitPending(1); // the 613 is answered: the retry is scheduled, the page held
    CompletableFuture<SendReceipt> next = parley.sendAsync(GraphTestServer.MESSENGER_CUSTOMER, Message.text("next"));
    awaitPending(2); // the next message waits in the page's line: its release is scheduled too
    time.drive(CompletableFuture.allOf(refused, next));
    assertEquals(2, refused.get().attempts());
    assertEquals(1, next.get().attempts());
    assertEquals(3, seen.size());
    assertEquals(NOW, seen.get(0));
    assertTrue(seen.stream().skip(1).allMatch(at -> !at.isBefore(NOW.plus(hold))),
        "nothing from the page before the hold ends: " + seen);
  }

  private void awaitPending(int tasks) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (time.pending() < tasks) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + tasks + " scheduled tasks, got " + time.pending() + ": " + time.delays());
      }
      Thread.sleep(1);
    }
  }
}
