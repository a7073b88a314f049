package dev.parley.bot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.RetryPolicy;
import dev.parley.core.outbox.OutboxCounts;
import dev.parley.core.testing.TestClock;
import dev.parley.core.webhook.InboundEvent;
import dev.parley.core.webhook.MessageReceived;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the whole service while a turn is running and replies wait in the outbox (the Graph API
 * is down): the turn finishes and its reply is stored, nothing is sent twice or dropped, and the
 * next start delivers everything, including the webhook refused during the stop once Meta sends it
 * again.
 */
class BotServiceShutdownTest {
  @TempDir
  Path data;

  private final CountDownLatch turnStarted = new CountDownLatch(1);
  private final CountDownLatch turnMayFinish = new CountDownLatch(1);
  private final AtomicReference<Throwable> turnFailure = new AtomicReference<>();

  @Test
  void aStopDuringATurnWithRepliesQueuedLosesNothingAndSendsNothingTwice() throws Exception {
    TestClock clock = new TestClock(Instant.now());
    try (MockGraph graph = new MockGraph()) {
      String refused;
      ServerHarness first = ServerHarness.customized(graph, data, clock, builder -> builder
          .listener(desk -> slowWhenAsked(new EchoConcierge(desk)))
          .parley(parley -> parley.retryPolicy(RetryPolicy.none())));
      try {
        graph.failNextSends(503, "{\"error\":{\"message\":\"Service unavailable\",\"code\":2,\"fbtrace_id\":\"Shut\"}}");
        first.customerSays("hello");
        first.await(() -> graph.paths().stream().anyMatch(path -> path.endsWith("/messages"))
            && first.service.desk().outbox().counts().equals(new OutboxCounts(1, 0, 0, 0)));
        first.customerSays("slow please");
        assertTrue(turnStarted.await(10, TimeUnit.SECONDS));

        CompletableFuture<Void> closing = CompletableFuture.runAsync(first::close);
        first.await(() -> refusesRequests(first));
        refused = first.messengerText(first.customer, "are you closing?");
        assertTrue(refusesRequests(first, refused), "a webhook arriving during the stop is refused, so Meta sends it again");

        turnMayFinish.countDown();
        closing.get(60, TimeUnit.SECONDS);
        assertNull(turnFailure.get(), "the turn in flight finished before its store and outbox closed");
      } finally {
        turnMayFinish.countDown();
        first.close();
      }
      assertEquals(List.of(), graph.texts(), "the Graph API was down: nothing reached the customer yet");

      graph.succeed();
      try (ServerHarness second = new ServerHarness(graph, data, clock)) {
        clock.advance(Duration.ofMinutes(10)); // past the outbox's retry backoff
        assertEquals(List.of("You said: hello", "You said: slow please"), second.customerReads(2),
            "both replies were kept in the outbox across the stop");
        assertEquals(200, second.postWebhook(refused).statusCode());
        assertEquals(List.of("You said: hello", "You said: slow please", "You said: are you closing?"),
            second.customerReads(3));
        second.await(() -> second.service.desk().outbox().counts().equals(new OutboxCounts(0, 0, 0, 3)));
        String customerId = second.service.desk().store().conversation(second.customer).customerId();
        List<String> history = second.service.desk().store().history(customerId, Long.MAX_VALUE, 50).messages().stream()
            .map(message -> message.author().kind() + ": " + message.summary()).toList();
        assertEquals(List.of("CUSTOMER: hello", "BOT: You said: hello", "CUSTOMER: slow please",
            "BOT: You said: slow please", "CUSTOMER: are you closing?", "BOT: You said: are you closing?"), history,
            "every turn wrote its message and its reply, once");
      }
    }
  }

  @Test
  void aTurnStuckPastTheShutdownGraceDoesNotHoldUpTheStop() throws Exception {
    TestClock clock = new TestClock(Instant.now());
    try (MockGraph graph = new MockGraph()) {
      ServerHarness server = ServerHarness.customized(graph, data, clock, builder -> builder
          .listener(desk -> slowWhenAsked(new EchoConcierge(desk)))
          .shutdownGrace(Duration.ofMillis(200)));
      try {
        server.customerSays("slow please");
        assertTrue(turnStarted.await(10, TimeUnit.SECONDS));

        // with the default grace of 10 s the stop would still wait for the webhook turn
        CompletableFuture.runAsync(server::close).get(5, TimeUnit.SECONDS);

        assertEquals(1, turnMayFinish.getCount(), "the stop ended while the turn was still stuck");
      } finally {
        turnMayFinish.countDown();
        server.close();
      }
    }
  }

  @Test
  void aShutdownGraceOutsideItsRangeIsRefusedByName() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> BotService.builder(ServerConfig.fromEnvironment(java.util.Map.of("PARLEY_APP_SECRET", "s",
            "PARLEY_VERIFY_TOKEN", "t"), data)).shutdownGrace(Duration.ofMinutes(6)));
    assertEquals("shutdownGrace PT6M must be between 0 and 5 minutes", error.getMessage());
  }

  /** Runs {@code echo}, holding a turn whose text says "slow" until the test lets it finish. */
  private Consumer<InboundEvent> slowWhenAsked(EchoConcierge echo) {
    return event -> {
      if (event instanceof MessageReceived message && message.text() != null && message.text().contains("slow")) {
        turnStarted.countDown();
        try {
          turnMayFinish.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      try {
        echo.accept(event);
      } catch (RuntimeException | Error e) {
        turnFailure.compareAndSet(null, e);
        throw e;
      }
    };
  }

  private static boolean refusesRequests(ServerHarness server) {
    return refusesRequests(server, null);
  }

  /**
   * Whether the stopping server refuses {@code webhook} (or a health check): 503 while requests in
   * flight drain, a refused connection once the listener closed. Both make Meta deliver again.
   */
  private static boolean refusesRequests(ServerHarness server, String webhook) {
    try {
      HttpResponse<String> response = webhook == null ? server.get("/healthz", null) : server.postWebhook(webhook);
      return response.statusCode() == 503;
    } catch (IllegalStateException | UncheckedIOException e) {
      return e.getCause() instanceof ConnectException || e.getCause() instanceof java.io.IOException;
    }
  }
}
