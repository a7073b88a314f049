package dev.parley.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import dev.parley.core.Parley;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole story on the wire: an order becomes a Stripe page, Stripe's signed event comes back
 * (three times), and the customer gets one Messenger receipt through sdk-core's send path.
 */
class CheckoutToReceiptTest {
  private final MockWebServer graph = new MockWebServer();
  private final List<String> dedupKeys = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    graph.close();
  }

  @Test
  void aPaidOrderEndsInOneReceiptOnMessenger() throws Exception {
    graph.start();
    Parley parley = Parley.builder()
        .messengerPage("1001", "EAAB-page-token")
        .graphApiBase(graph.url("/").toString())
        .build();
    // Stands where the outbox will: it drops a message whose dedup key it has seen, then sends.
    CustomerNotifier.MessageSink outbox = (recipient, message, dedupKey) -> {
      if (!dedupKeys.contains(dedupKey)) {
        dedupKeys.add(dedupKey);
        parley.send(recipient, message);
      }
    };
    try (Harness h = new Harness()) {
      StripeWebhookHandler webhook = h.checkout.webhookHandler()
          .signingSecret(Harness.SECRET)
          .listener(h.checkout.notifyCustomers(CustomerNotifier.toConversation(PaymentMessages.defaults(), outbox)))
          .build();
      PaymentLink link = h.open(Harness.order(), "cs_test_1");
      assertEquals("Pay €42.00", link.button().title());
      graph.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
          .body("{\"recipient_id\":\"psid_42\",\"message_id\":\"m_receipt\"}").build());

      String paid = Fixtures.event("event_checkout_session_completed.json", "evt_paid", o -> o.addProperty("id", "cs_test_1"));
      for (int i = 0; i < 3; i++) {
        assertEquals(200, webhook.handle(h.signer.headers(paid, h.clock.instant()),
            paid.getBytes(java.nio.charset.StandardCharsets.UTF_8)).status());
      }

      assertEquals(List.of("paid:cs_test_1"), dedupKeys);
      assertEquals(1, graph.getRequestCount());
      RecordedRequest request = graph.takeRequest(5, TimeUnit.SECONDS);
      JsonObject payload = Fixtures.parse(request.getBody().utf8()).getAsJsonObject()
          .getAsJsonObject("message").getAsJsonObject("attachment").getAsJsonObject("payload");
      assertEquals("receipt", payload.get("template_type").getAsString());
      assertEquals("ord_1001", payload.get("order_number").getAsString());
      assertEquals(42.0, payload.getAsJsonObject("summary").get("total_cost").getAsDouble());
      assertEquals("Ada Lovelace", payload.get("recipient_name").getAsString());
    }
  }
}
