package dev.parley.core.send;

import dev.parley.core.InMemoryLastInboundTimes;
import dev.parley.core.Parley;
import dev.parley.core.RateLimits;
import dev.parley.core.Recipient;
import dev.parley.core.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** The accounts, customers and canned Graph answers the send tests share, around one MockWebServer. */
public final class GraphTestServer {
  public static final String PAGE_ID = "1000000001";
  public static final String PAGE_TOKEN = "EAAGmessengerPageTokenSecret0001";
  public static final String PHONE_NUMBER_ID = "2000000002";
  public static final String WHATSAPP_TOKEN = "EAAGwhatsAppTokenSecret0002";
  public static final Recipient MESSENGER_CUSTOMER = Recipient.messenger(PAGE_ID, "24680");
  public static final Recipient WHATSAPP_CUSTOMER = Recipient.whatsApp(PHONE_NUMBER_ID, "15551234567");
  public static final Instant NOW = Instant.parse("2026-07-10T12:00:00Z");

  private GraphTestServer() {}

  /** A client for both test accounts against {@code server}, without retries' real waits or rate limits. */
  public static Parley.Builder parley(MockWebServer server, VirtualTime time, InMemoryLastInboundTimes times) {
    return Parley.builder()
        .messengerPage(PAGE_ID, PAGE_TOKEN)
        .whatsAppNumber(PHONE_NUMBER_ID, WHATSAPP_TOKEN)
        .graphApiBase(server.url("/").toString())
        .clock(time)
        .scheduler(time)
        .lastInboundTimes(times)
        .retryPolicy(RetryPolicy.builder().jitter(0).build())
        .rateLimits(RateLimits.none());
  }

  /** A last-inbound store where both test customers wrote an hour before {@link #NOW}. */
  public static InMemoryLastInboundTimes insideWindow() {
    InMemoryLastInboundTimes times = new InMemoryLastInboundTimes();
    times.record(MESSENGER_CUSTOMER, NOW.minus(Duration.ofHours(1)));
    times.record(WHATSAPP_CUSTOMER, NOW.minus(Duration.ofHours(1)));
    return times;
  }

  public static MockResponse messengerOk(String messageId) {
    return json(200, "{\"recipient_id\":\"24680\",\"message_id\":\"" + messageId + "\"}");
  }

  public static MockResponse whatsAppOk(String messageId) {
    return json(200, "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"15551234567\",\"wa_id\":\"15551234567\"}],"
        + "\"messages\":[{\"id\":\"" + messageId + "\",\"message_status\":\"accepted\"}]}");
  }

  public static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  /** A Graph error body as Meta sends it. */
  public static MockResponse graphError(int status, int code, Integer subcode, String message, boolean isTransient) {
    return json(status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":" + code
        + (subcode == null ? "" : ",\"error_subcode\":" + subcode) + ",\"is_transient\":" + isTransient
        + ",\"fbtrace_id\":\"AbCdEfGh123\"}}");
  }

  /** The bodies of the next {@code count} requests. */
  public static List<String> bodies(MockWebServer server, int count) throws InterruptedException {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
      if (request == null) {
        throw new AssertionError("expected " + count + " requests, got " + i);
      }
      bodies.add(request.getBody().utf8());
    }
    return bodies;
  }
}
