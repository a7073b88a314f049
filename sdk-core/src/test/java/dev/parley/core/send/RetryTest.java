package dev.parley.core.send;

import static dev.parley.core.send.GraphTestServer.MESSENGER_CUSTOMER;
import static dev.parley.core.send.GraphTestServer.NOW;
import static dev.parley.core.send.GraphTestServer.WHATSAPP_CUSTOMER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.ConnectionException;
import dev.parley.core.Parley;
import dev.parley.core.PlatformUnavailableException;
import dev.parley.core.RateLimitedException;
import dev.parley.core.RetryPolicy;
import dev.parley.core.SendReceipt;
import dev.parley.core.message.Message;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Retries in virtual time: backoff, jitter, Retry-After, bounds in attempts and total time. */
class RetryTest {
  @StartStop
  final MockWebServer server = new MockWebServer();
  final VirtualTime time = new VirtualTime(NOW);

  private Parley parley(RetryPolicy policy) {
    return GraphTestServer.parley(server, time, GraphTestServer.insideWindow()).retryPolicy(policy).build();
  }

  private SendReceipt sendDriven(Parley parley, dev.parley.core.Recipient to) throws Exception {
    CompletableFuture<SendReceipt> future = parley.sendAsync(to, Message.text("Hello"));
    time.drive(future);
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  @Test
  void aServerErrorThenSuccessGivesOneReceiptAfterTwoAttempts() throws Exception {
    server.enqueue(GraphTestServer.json(503, ""));
    server.enqueue(GraphTestServer.whatsAppOk("wamid.second"));
    SendReceipt receipt = sendDriven(parley(RetryPolicy.builder().jitter(0).build()), WHATSAPP_CUSTOMER);
    assertEquals("wamid.second", receipt.messageId());
    assertEquals(2, receipt.attempts());
    assertEquals(2, server.getRequestCount());
    assertEquals(List.of(Duration.ofMillis(500)), time.delays());
  }

  @Test
  void backoffDoublesUpToItsCap() throws Exception {
    for (int i = 0; i < 4; i++) {
      server.enqueue(GraphTestServer.json(500, ""));
    }
    server.enqueue(GraphTestServer.messengerOk("m_5"));
    RetryPolicy policy = RetryPolicy.builder().maxAttempts(5).jitter(0).maxBackoff(Duration.ofMillis(1500)).build();
    SendReceipt receipt = sendDriven(parley(policy), MESSENGER_CUSTOMER);
    assertEquals(5, receipt.attempts());
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(1500), Duration.ofMillis(1500)),
        time.delays());
  }

  @Test
  void jitterOnlyShortensTheWaitWithinItsFraction() throws Exception {
    for (int i = 0; i < 9; i++) {
      server.enqueue(GraphTestServer.json(500, ""));
    }
    server.enqueue(GraphTestServer.messengerOk("m_10"));
    RetryPolicy policy = RetryPolicy.builder().maxAttempts(10).jitter(0.5).multiplier(1.0)
        .initialBackoff(Duration.ofSeconds(1)).build();
    sendDriven(parley(policy), MESSENGER_CUSTOMER);
    assertEquals(9, time.delays().size());
    for (Duration delay : time.delays()) {
      assertTrue(delay.compareTo(Duration.ofMillis(500)) >= 0 && delay.compareTo(Duration.ofSeconds(1)) <= 0, delay.toString());
    }
    assertTrue(time.delays().stream().distinct().count() > 1, "jitter varies the waits: " + time.delays());
  }

  @Test
  void tooManyRequestsWaitsAtLeastRetryAfter() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7")
        .body("{\"error\":{\"message\":\"(#130429) Rate limit hit\",\"code\":130429,\"fbtrace_id\":\"Tr4ce\"}}").build());
    server.enqueue(GraphTestServer.whatsAppOk("wamid.after"));
    SendReceipt receipt = sendDriven(parley(RetryPolicy.builder().jitter(0).build()), WHATSAPP_CUSTOMER);
    assertEquals(2, receipt.attempts());
    assertEquals(List.of(Duration.ofSeconds(7)), time.delays());
  }

  @Test
  void retryAfterAsAnHttpDateIsHonoured() throws Exception {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(30).atZone(ZoneOffset.UTC));
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", date).build());
    server.enqueue(GraphTestServer.messengerOk("m_2"));
    sendDriven(parley(RetryPolicy.builder().jitter(0).build()), MESSENGER_CUSTOMER);
    assertEquals(List.of(Duration.ofSeconds(30)), time.delays());
  }

  @Test
  void aRetryAfterBeyondTheTotalTimeGivesUpAtOnceWithIt() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "120")
        .body("{\"error\":{\"message\":\"(#4) Application request limit reached\",\"code\":4,\"is_transient\":true,"
            + "\"fbtrace_id\":\"Tr4ce\"}}").build());
    RateLimitedException limited = assertThrows(RateLimitedException.class,
        () -> sendDriven(parley(RetryPolicy.DEFAULT), MESSENGER_CUSTOMER));
    assertEquals(Duration.ofSeconds(120), limited.retryAfter());
    assertEquals(1, server.getRequestCount());
    assertEquals(4, limited.code());
  }

  @Test
  void givesUpAfterMaxAttempts() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(GraphTestServer.graphError(500, 2, null, "Service temporarily unavailable", true));
    }
    PlatformUnavailableException unavailable = assertThrows(PlatformUnavailableException.class,
        () -> sendDriven(parley(RetryPolicy.builder().maxAttempts(3).jitter(0).build()), MESSENGER_CUSTOMER));
    assertEquals(3, server.getRequestCount());
    assertTrue(unavailable.getMessage().endsWith("(gave up after 3 attempts)"), unavailable.getMessage());
    assertEquals(500, unavailable.httpStatus());
  }

  @Test
  void givesUpWhenTheNextWaitWouldPassTheTotalTime() {
    for (int i = 0; i < 5; i++) {
      server.enqueue(GraphTestServer.json(500, ""));
    }
    RetryPolicy policy = RetryPolicy.builder().maxAttempts(10).jitter(0).maxTotalTime(Duration.ofMillis(1600)).build();
    assertThrows(PlatformUnavailableException.class, () -> sendDriven(parley(policy), MESSENGER_CUSTOMER));
    // waits 0.5 s then 1 s (1.5 s in all); the next, 2 s, would end past 1.6 s
    assertEquals(3, server.getRequestCount());
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(1000)), time.delays());
  }

  @Test
  void aDroppedConnectionIsRetried() throws Exception {
    server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(GraphTestServer.messengerOk("m_ok"));
    SendReceipt receipt = sendDriven(parley(RetryPolicy.builder().jitter(0).build()), MESSENGER_CUSTOMER);
    assertEquals("m_ok", receipt.messageId());
    assertTrue(receipt.attempts() >= 2);
  }

  @Test
  void anUnreachableHostEndsInAConnectionExceptionAfterTheAttempts() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Parley parley = GraphTestServer.parley(server, time, GraphTestServer.insideWindow())
        .graphApiBase("http://127.0.0.1:" + closedPort)
        .retryPolicy(RetryPolicy.builder().maxAttempts(2).jitter(0).build())
        .build();
    ConnectionException failure = assertThrows(ConnectionException.class, () -> sendDriven(parley, MESSENGER_CUSTOMER));
    assertTrue(failure.getMessage().contains("no answer"), failure.getMessage());
    assertTrue(failure.getMessage().endsWith("(gave up after 2 attempts)"), failure.getMessage());
    assertInstanceOf(IOException.class, failure.getCause());
    assertEquals(0, failure.httpStatus());
  }

  @Test
  void aSlowAnswerTimesOutAsAConnectionException() {
    server.enqueue(new MockResponse.Builder().headersDelay(5, java.util.concurrent.TimeUnit.SECONDS)
        .body("{\"message_id\":\"late\"}").build());
    Parley parley = GraphTestServer.parley(server, time, GraphTestServer.insideWindow())
        .callTimeout(Duration.ofMillis(300))
        .retryPolicy(RetryPolicy.none())
        .build();
    ConnectionException timeout = assertThrows(ConnectionException.class, () -> sendDriven(parley, MESSENGER_CUSTOMER));
    assertTrue(timeout.getMessage().toLowerCase().contains("timeout") || timeout.getMessage().contains("timed out"),
        timeout.getMessage());
  }

  @Test
  void onlyTheFailedPartOfATwoPartMessageIsRetried() throws Exception {
    server.enqueue(GraphTestServer.messengerOk("m_receipt"));
    server.enqueue(GraphTestServer.json(502, ""));
    server.enqueue(GraphTestServer.messengerOk("m_button"));
    Parley parley = parley(RetryPolicy.builder().jitter(0).build());
    CompletableFuture<SendReceipt> future = parley.sendAsync(MESSENGER_CUSTOMER, TestMessages.receiptWithButton());
    time.drive(future);
    SendReceipt receipt = future.get();
    assertEquals(List.of("m_receipt", "m_button"), receipt.messageIds());
    assertEquals(3, receipt.attempts());
    List<String> bodies = GraphTestServer.bodies(server, 3);
    assertTrue(bodies.get(0).contains("\"receipt\""));
    assertEquals(bodies.get(1), bodies.get(2), "the button part is sent again, the receipt is not");
  }
}
