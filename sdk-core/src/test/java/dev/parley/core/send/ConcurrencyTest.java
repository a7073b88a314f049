package dev.parley.core.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.InMemoryLastInboundTimes;
import dev.parley.core.Parley;
import dev.parley.core.RateLimits;
import dev.parley.core.Recipient;
import dev.parley.core.RetryPolicy;
import dev.parley.core.SendReceipt;
import dev.parley.core.message.Message;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many sends at once on few threads, and cancellation reaching the HTTP call. */
class ConcurrencyTest {
  @StartStop
  final MockWebServer server = new MockWebServer();
  final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseHeldAnswers() {
    release.countDown();
  }

  @Test
  void aThousandConcurrentSendsCompleteOnABoundedNumberOfThreads() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    AtomicInteger ids = new AtomicInteger();
    CountDownLatch tenAtOnce = new CountDownLatch(10);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
          tenAtOnce.countDown();
          tenAtOnce.await(10, TimeUnit.SECONDS); // the first ten answer only once ten are in flight together
          return GraphTestServer.messengerOk("m_" + ids.incrementAndGet());
        } finally {
          inFlight.decrementAndGet();
        }
      }
    });
    Parley parley = Parley.builder()
        .messengerPage(GraphTestServer.PAGE_ID, GraphTestServer.PAGE_TOKEN)
        .graphApiBase(server.url("/").toString())
        .rateLimits(RateLimits.none())
        .maxConcurrentRequests(16)
        .build();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int before = threads.getThreadCount();
    threads.resetPeakThreadCount();

    List<CompletableFuture<SendReceipt>> futures = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      futures.add(parley.sendAsync(Recipient.messenger(GraphTestServer.PAGE_ID, "psid" + i), TestMessages.orderUpdate()));
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

    Set<String> messageIds = new HashSet<>();
    for (CompletableFuture<SendReceipt> future : futures) {
      messageIds.add(future.get().messageId());
    }
    assertEquals(1000, messageIds.size(), "one distinct receipt per send");
    assertEquals(1000, server.getRequestCount());
    assertTrue(maxInFlight.get() >= 10, "more than OkHttp's default 5 per host in flight: " + maxInFlight.get());
    assertTrue(maxInFlight.get() <= 16, "never more than maxConcurrentRequests: " + maxInFlight.get());
    int grown = threads.getPeakThreadCount() - before;
    assertTrue(grown < 80, "threads grew by " + grown + " for 1,000 sends");
  }

  @Test
  void cancellingTheFutureCancelsTheCallInFlight() throws Exception {
    CountDownLatch received = new CountDownLatch(1);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        if (request.getBody().utf8().contains("first")) {
          received.countDown();
          release.await(); // held until the test ends
        }
        return GraphTestServer.messengerOk("m_second");
      }
    });
    InMemoryLastInboundTimes times = new InMemoryLastInboundTimes();
    times.record(GraphTestServer.MESSENGER_CUSTOMER, java.time.Instant.now());
    Parley parley = Parley.builder()
        .messengerPage(GraphTestServer.PAGE_ID, GraphTestServer.PAGE_TOKEN)
        .graphApiBase(server.url("/").toString())
        .lastInboundTimes(times)
        .maxConcurrentRequests(1)
        .build();
    CompletableFuture<SendReceipt> first = parley.sendAsync(GraphTestServer.MESSENGER_CUSTOMER, Message.text("first"));
    assertTrue(received.await(10, TimeUnit.SECONDS));

    assertTrue(first.cancel(true));
    // with one request allowed in flight, the second send can only go once the first call is cancelled
    SendReceipt second = parley.sendAsync(GraphTestServer.MESSENGER_CUSTOMER, Message.text("second")).get(20, TimeUnit.SECONDS);
    assertEquals("m_second", second.messageId());
    assertTrue(first.isCancelled());
    org.junit.jupiter.api.Assertions.assertThrows(CancellationException.class, first::join);
  }

  @Test
  void cancellingTheFutureCancelsTheRetrysCallInFlight() throws Exception {
    AtomicInteger firstAttempts = new AtomicInteger();
    CountDownLatch retried = new CountDownLatch(1);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        if (request.getBody().utf8().contains("first")) {
          if (firstAttempts.incrementAndGet() == 1) {
            return GraphTestServer.json(503, "");
          }
          retried.countDown();
          release.await(); // the retry's answer is held until the test ends
        }
        return GraphTestServer.messengerOk("m_second");
      }
    });
    VirtualTime time = new VirtualTime(GraphTestServer.NOW);
    Parley parley = GraphTestServer.parley(server, time, GraphTestServer.insideWindow()).maxConcurrentRequests(1).build();
    CompletableFuture<SendReceipt> first = parley.sendAsync(GraphTestServer.MESSENGER_CUSTOMER, Message.text("first"));
    while (time.pending() == 0) {
      Thread.onSpinWait(); // the 503 is answered and the retry scheduled
    }
    time.advance(java.time.Duration.ofMinutes(1));
    assertTrue(retried.await(10, TimeUnit.SECONDS));

    assertTrue(first.cancel(true));
    // one request allowed in flight: the second send can only go once the retry's call is cancelled
    CompletableFuture<SendReceipt> second = parley.sendAsync(GraphTestServer.MESSENGER_CUSTOMER, Message.text("second"));
    assertEquals("m_second", second.get(20, TimeUnit.SECONDS).messageId());
    assertEquals(2, firstAttempts.get());
    org.junit.jupiter.api.Assertions.assertThrows(CancellationException.class, first::join);
  }

  @Test
  void cancellingDuringBackoffStopsTheRetry() throws Exception {
    server.enqueue(GraphTestServer.json(503, ""));
    server.enqueue(GraphTestServer.messengerOk("m_never"));
    VirtualTime time = new VirtualTime(GraphTestServer.NOW);
    Parley parley = GraphTestServer.parley(server, time, GraphTestServer.insideWindow())
        .retryPolicy(RetryPolicy.builder().jitter(0).build()).build();
    CompletableFuture<SendReceipt> future = parley.sendAsync(GraphTestServer.MESSENGER_CUSTOMER, Message.text("Hi"));
    server.takeRequest(10, TimeUnit.SECONDS);
    while (time.pending() == 0) {
      Thread.onSpinWait(); // the 503 is answered and the retry scheduled
    }
    future.cancel(true);
    time.advance(java.time.Duration.ofMinutes(5));
    assertTrue(future.isCancelled());
    assertEquals(1, server.getRequestCount(), "no retry after cancellation");
    assertFalse(future.isCompletedExceptionally() && !future.isCancelled());
  }
}
