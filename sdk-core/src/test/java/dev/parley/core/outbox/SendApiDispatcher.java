package dev.parley.core.outbox;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.parley.core.Parley;
import dev.parley.core.RateLimits;
import dev.parley.core.Recipient;
import dev.parley.core.RetryPolicy;
import dev.parley.core.conversation.ConversationStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Plays the Messenger Send API and the WhatsApp Cloud API for outbox tests, behind a MockWebServer:
 * answers each send with a fresh message id and records who got which text, in arrival order. A text
 * starting with {@code "reject"} gets Graph's permanent error (#100) until {@link #stopRejecting()}; a text starting with
 * {@code "flaky"} gets a transient 503 the first time it is sent. Thread-safe.
 */
final class SendApiDispatcher extends Dispatcher {
  static final String PAGE_ID = "1000000001";
  static final String PHONE_NUMBER_ID = "2000000002";

  /** One text received by one customer. */
  record Delivery(String userId, String text) {}

  private final List<Delivery> deliveries = new ArrayList<>();
  private final Map<String, Integer> flakyAttempts = new LinkedHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile boolean rejecting = true;

  static Recipient messengerCustomer(int n) {
    return Recipient.messenger(PAGE_ID, "psid" + n);
  }

  static Recipient whatsAppCustomer(int n) {
    return Recipient.whatsApp(PHONE_NUMBER_ID, "1555000" + String.format("%04d", n));
  }

  /** The real client, against {@code baseUrl}, without its own retries: the outbox retries. */
  static Parley parley(String baseUrl, Clock clock, ConversationStore windows) {
    return Parley.builder()
        .messengerPage(PAGE_ID, "EAAGpageTokenForOutboxTests")
        .whatsAppNumber(PHONE_NUMBER_ID, "EAAGwhatsAppTokenForOutboxTests")
        .graphApiBase(baseUrl)
        .clock(clock)
        .lastInboundTimes(windows)
        .retryPolicy(RetryPolicy.none())
        .rateLimits(RateLimits.none())
        .build();
  }

  /** Opens every customer's messaging window, so texts go out as responses. */
  static void openWindows(ConversationStore store, Clock clock, List<Recipient> customers) {
    customers.forEach(c -> store.recordInbound(c, clock.instant().minus(Duration.ofMinutes(10))));
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    JsonObject body = JsonParser.parseString(request.getBody().utf8()).getAsJsonObject();
    boolean messenger = body.has("recipient");
    String userId = messenger ? body.getAsJsonObject("recipient").get("id").getAsString() : body.get("to").getAsString();
    String text = messenger
        ? body.getAsJsonObject("message").get("text").getAsString()
        : body.getAsJsonObject("text").get("body").getAsString();
    if (text.startsWith("reject") && rejecting) {
      return json(400, "{\"error\":{\"message\":\"(#100) Invalid parameter\",\"type\":\"OAuthException\",\"code\":100,"
          + "\"fbtrace_id\":\"AtraceReject\"}}");
    }
    synchronized (this) {
      if (text.startsWith("flaky") && flakyAttempts.merge(text, 1, Integer::sum) == 1) {
        return json(503, "{\"error\":{\"message\":\"Service temporarily unavailable\",\"type\":\"OAuthException\","
            + "\"code\":2,\"is_transient\":true,\"fbtrace_id\":\"AtraceFlaky\"}}");
      }
      deliveries.add(new Delivery(userId, text));
    }
    String id = (messenger ? "m_" : "wamid.") + ids.incrementAndGet();
    return messenger
        ? json(200, "{\"recipient_id\":\"" + userId + "\",\"message_id\":\"" + id + "\"}")
        : json(200, "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + userId + "\",\"wa_id\":\""
            + userId + "\"}],\"messages\":[{\"id\":\"" + id + "\"}]}");
  }

  /** From now on, texts starting with "reject" are accepted like any other (the merchant fixed the cause). */
  void stopRejecting() {
    rejecting = false;
  }

  synchronized List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  /** The texts each customer received, in the order they arrived. */
  synchronized Map<String, List<String>> textsByCustomer() {
    Map<String, List<String>> result = new LinkedHashMap<>();
    deliveries.forEach(d -> result.computeIfAbsent(d.userId(), k -> new ArrayList<>()).add(d.text()));
    return result;
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }
}
