package dev.parley.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.parley.testkit.CheckoutSession;
import dev.parley.testkit.RecordedRequest;
import dev.parley.testkit.SentMessage;
import dev.parley.testkit.WebhookDelivery;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's story, told once on both channels against the sandbox; each test checks one of its key
 * events in what the platforms received (the sandbox's records) and what the agents' record says,
 * never in the transcript's wording.
 */
class DemoStoryTest {
  private static DemoStage stage;
  private static final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  @BeforeAll
  static void tellTheStory() {
    stage = DemoStage.start(DemoBot::build);
    new DemoStory(stage, new Transcript(new PrintStream(printed, true, StandardCharsets.UTF_8), false)).tell();
  }

  @AfterAll
  static void stop() {
    if (stage != null) {
      stage.close();
    }
  }

  @Test
  void theShippingUpdateAfterTheWindowGoesWithTheTagOnMessengerAndTheUtilityTemplateOnWhatsApp() {
    SentMessage messenger = only(m -> m.json().contains("PX1042FR"));
    assertEquals(SentMessage.Platform.MESSENGER, messenger.platform());
    assertEquals("POST_PURCHASE_UPDATE", messenger.tag());
    RecordedRequest request = stage.sandbox.requests("*/messages").stream()
        .filter(r -> r.responseStatus() == 200 && r.body().contains("PX1042FR")).findFirst().orElseThrow();
    assertTrue(request.body().contains("\"messaging_type\":\"MESSAGE_TAG\""), request.body());

    SentMessage whatsApp = only(m -> m.json().contains("PX1043FR"));
    assertEquals(SentMessage.Platform.WHATSAPP, whatsApp.platform());
    assertEquals("template", whatsApp.kind());
    assertEquals("order_shipped", whatsApp.tag());
  }

  @Test
  void eachCustomerPaysWithTheButtonAndGetsOneReceipt() {
    List<CheckoutSession> sessions = stage.sandbox.stripe().checkoutSessions();
    assertEquals(2, sessions.size());
    for (CheckoutSession session : sessions) {
      assertEquals("complete", session.status());
      assertEquals("paid", session.paymentStatus());
      assertEquals(8900, session.amountTotal());
      assertEquals("eur", session.currency());
    }
    assertEquals(2, deliveries("stripe.checkout.session.completed").size());
    deliveries("stripe.checkout.session.completed").forEach(d -> assertTrue(d.accepted(), d.toString()));

    List<SentMessage> camille = to("7001000000000001");
    assertEquals(2, camille.stream().filter(m -> m.kind().equals("receipt_template")).count(),
        "the receipt with the pay button, then the receipt once paid");
    List<SentMessage> lucas = to("33612345678");
    int payButton = indexOf(lucas, m -> m.choices().contains("Pay €89.00"));
    int shipped = indexOf(lucas, m -> "order_shipped".equals(m.tag()));
    assertEquals(1, shipped - payButton - 1, "exactly one message, the receipt, between the pay button and shipping");
  }

  @Test
  void theAgentRefundsTwentyEurosOfEachOrderThroughStripe() {
    List<RecordedRequest> refunds = stage.sandbox.requests("/v1/refunds").stream()
        .filter(r -> r.method().equals("POST") && r.responseStatus() == 200).toList();
    assertEquals(2, refunds.size());
    refunds.forEach(r -> assertTrue(r.body().contains("amount=2000"), r.body()));
    stage.sandbox.stripe().checkoutSessions().forEach(s -> assertEquals(2000, s.amountRefunded()));
    assertFalse(deliveries("stripe.charge.refunded").isEmpty());
    deliveries("stripe.charge.refunded").forEach(d -> assertTrue(d.accepted(), d.toString()));
  }

  @Test
  void theBotHandsOffTheAgentAnswersAndHandsBackAndTheBotAnswersAgain() {
    for (DemoCustomer customer : List.of(DemoCustomer.camilleOnMessenger(stage.sandbox),
        DemoCustomer.lucasOnWhatsApp(stage.sandbox))) {
      List<String> actions = new ArrayList<>(AgentApi.actions(stage, customer.conversationId()));
      Collections.reverse(actions); // the API lists newest first
      actions.retainAll(List.of("claim", "reply", "refund", "hand_back"));
      assertEquals(List.of("claim", "reply", "refund", "hand_back"), actions);
      JsonObject conversation = AgentApi.get(stage, "conversations/" + customer.conversationId());
      assertEquals("bot", conversation.getAsJsonObject("owner").get("kind").getAsString());

      List<SentMessage> received = to(customer.recipient().userId());
      int agentReply = indexOf(received, m -> m.json().contains("je suis Claire"));
      assertTrue(agentReply > 0, "the agent's reply reached the customer");
      assertTrue(received.size() - 1 > agentReply + 1, "after the refund confirmation, the bot answered again");
    }
  }

  @Test
  void theTranscriptSaysWhoSaidWhatOnWhichChannelWithoutColourWhenNotATerminal() {
    String transcript = printed.toString(StandardCharsets.UTF_8);
    assertTrue(transcript.contains("Messenger  Camille Martin"), transcript);
    assertTrue(transcript.contains("WhatsApp   Claire (agent)"), transcript);
    assertFalse(transcript.contains("\u001b["), "no ANSI escape when colour is off");
  }

  private static SentMessage only(java.util.function.Predicate<SentMessage> matching) {
    List<SentMessage> found = stage.sandbox.sentMessages().stream().filter(matching).toList();
    assertEquals(1, found.size(), () -> "expected exactly one message, got " + found);
    return found.get(0);
  }

  private static List<SentMessage> to(String recipientId) {
    return stage.sandbox.sentMessages().stream().filter(m -> m.recipientId().equals(recipientId)).toList();
  }

  private static List<WebhookDelivery> deliveries(String kind) {
    return stage.sandbox.webhookDeliveries().stream().filter(d -> d.kind().equals(kind)).toList();
  }

  private static int indexOf(List<SentMessage> messages, java.util.function.Predicate<SentMessage> matching) {
    for (int i = 0; i < messages.size(); i++) {
      if (matching.test(messages.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
