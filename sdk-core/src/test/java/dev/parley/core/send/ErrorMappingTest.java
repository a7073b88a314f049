package dev.parley.core.send;

import static dev.parley.core.send.GraphTestServer.MESSENGER_CUSTOMER;
import static dev.parley.core.send.GraphTestServer.NOW;
import static dev.parley.core.send.GraphTestServer.WHATSAPP_CUSTOMER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.AuthenticationException;
import dev.parley.core.Channel;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.OutsideWindowException;
import dev.parley.core.Parley;
import dev.parley.core.ParleyException;
import dev.parley.core.PlatformUnavailableException;
import dev.parley.core.RateLimitedException;
import dev.parley.core.RecipientUnavailableException;
import dev.parley.core.RetryPolicy;
import dev.parley.core.SendReceipt;
import dev.parley.core.message.Message;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every error class from an error body shaped like Meta's (platforms.md §1.7 and §2.6): the type
 * tells the caller what to do, the fields keep status, code, subcode, trace id and transience, and
 * only what may succeed later is retried.
 */
class ErrorMappingTest {
  private static final int ATTEMPTS = 3;

  @StartStop
  final MockWebServer server = new MockWebServer();
  final VirtualTime time = new VirtualTime(NOW);

  static Stream<Arguments> errors() {
    return Stream.of(
        messenger(400, 10, 2018278, "(#10) This message is sent outside of allowed window.", OutsideWindowException.class, false),
        messenger(400, 551, 1545041, "This person isn't available right now.", RecipientUnavailableException.class, false),
        messenger(400, 100, 2018001, "(#100) No matching user found", RecipientUnavailableException.class, false),
        messenger(400, 100, null, "(#100) Param recipient[id] must be a valid ID string", InvalidRequestException.class, false),
        messenger(400, 10, 2018300, "(#10) Another app is controlling this thread now.", InvalidRequestException.class, false),
        messenger(401, 190, 463, "Error validating access token: Session has expired.", AuthenticationException.class, false),
        messenger(403, 200, 1545041, "(#200) This person isn't receiving messages from you right now.",
            RecipientUnavailableException.class, false),
        messenger(400, 4, 2018354, "(#4) Marketing message frequency limit reached.", RateLimitedException.class, false),
        messenger(400, 613, null, "Calls to this API have exceeded the rate limit.", RateLimitedException.class, true),
        messenger(500, 2, null, "An unexpected error has occurred. Please retry your request later.",
            PlatformUnavailableException.class, true),
        messenger(500, 1, 1200, "(#1200) Temporary send message failure. Please try again later.",
            PlatformUnavailableException.class, true),
        whatsApp(400, 131047, "Re-engagement message", "Message failed to send because more than 24 hours have passed"
            + " since the customer last replied to this number.", OutsideWindowException.class, false),
        whatsApp(400, 131026, "Message Undeliverable", "Unable to deliver message.", RecipientUnavailableException.class, false),
        whatsApp(404, 132001, "Template name does not exist in the translation", "template name (order_update) does not"
            + " exist in en_US", InvalidRequestException.class, false),
        whatsApp(400, 131009, "Parameter value is not valid", "Invalid phone number", InvalidRequestException.class, false),
        whatsApp(429, 130429, "Rate limit hit", "Cloud API message throughput has been reached.", RateLimitedException.class, true),
        whatsApp(400, 131056, "(Business Account, Consumer Account) pair rate limit hit", "Too many messages sent from"
            + " the sender phone number to the same recipient phone number in a short period of time.",
            RateLimitedException.class, true),
        whatsApp(400, 131048, "Spam rate limit hit", "Message failed to send because there are restrictions on how many"
            + " messages can be sent from this phone number.", RateLimitedException.class, false),
        whatsApp(401, 190, "Error validating access token", "Session has expired", AuthenticationException.class, false),
        whatsApp(500, 131000, "Something went wrong", "Message failed to send due to an unknown error.",
            PlatformUnavailableException.class, true),
        Arguments.of(Channel.WHATSAPP, new MockResponse.Builder().code(502).body("<html><body>Bad Gateway</body></html>").build(),
            PlatformUnavailableException.class, true, 502, null, null));
  }

  @ParameterizedTest(name = "{0} HTTP {4} code {5}/{6} -> {2}")
  @MethodSource("errors")
  void mapsTheErrorAndRetriesOnlyWhatMaySucceedLater(Channel channel, MockResponse error,
      Class<? extends ParleyException> expected, boolean retried, int status, Integer code, Integer subcode)
      throws Exception {
    for (int i = 0; i < ATTEMPTS; i++) {
      server.enqueue(error);
    }
    Parley parley = GraphTestServer.parley(server, time, GraphTestServer.insideWindow())
        .retryPolicy(RetryPolicy.builder().maxAttempts(ATTEMPTS).jitter(0).build())
        .build();
    CompletableFuture<SendReceipt> future = parley.sendAsync(
        channel == Channel.MESSENGER ? MESSENGER_CUSTOMER : WHATSAPP_CUSTOMER, Message.text("Hello"));
    time.drive(future);

    ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, future::get);
    ParleyException thrown = assertInstanceOf(expected, failure.getCause());
    assertEquals(retried ? ATTEMPTS : 1, server.getRequestCount(), "attempts made");
    assertEquals(status, thrown.httpStatus());
    assertEquals(code, thrown.code());
    assertEquals(subcode, thrown.subcode());
    assertEquals(retried, thrown.isTransient());
    if (code != null) {
      assertEquals("AbCdEfGh123", thrown.traceId());
      assertTrue(thrown.getMessage().contains("[fbtrace_id AbCdEfGh123]"), thrown.getMessage());
    }
    if (retried) {
      assertTrue(thrown.getMessage().endsWith("(gave up after 3 attempts)"), thrown.getMessage());
    }
  }

  private static Arguments messenger(int status, int code, Integer subcode, String message,
      Class<? extends ParleyException> expected, boolean retried) {
    return Arguments.of(Channel.MESSENGER, GraphTestServer.graphError(status, code, subcode, message, retried),
        expected, retried, status, code, subcode);
  }

  /** WhatsApp's shape: {@code error_data.details} explains, {@code error_subcode} absent. */
  private static Arguments whatsApp(int status, int code, String title, String details,
      Class<? extends ParleyException> expected, boolean retried) {
    String body = "{\"error\":{\"message\":\"(#" + code + ") " + title + "\",\"type\":\"OAuthException\",\"code\":" + code
        + ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"" + details + "\"},"
        + "\"fbtrace_id\":\"AbCdEfGh123\"}}";
    return Arguments.of(Channel.WHATSAPP, GraphTestServer.json(status, body), expected, retried, status, code, null);
  }
}
