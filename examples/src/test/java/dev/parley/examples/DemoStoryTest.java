package dev.parley.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.parley.examples.demo.Demo;
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
  private static final String CAMILLE = "7001000000000001";
  private static final String LUCAS = "33612345678";
  private static Demo demo;
  private static final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  @BeforeAll
  static void tellTheStory() {
    demo = Demo.start(ConciergeBot::create, 0);
    demo.tell(new PrintStream(printed, true, StandardCharsets.UTF_8), false);
  }

  @AfterAll
  static void stop() {
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void theShippingUpdateAfterTheWindowGoesWithTheTagOnMessengerAndTheUtilityTemplateOnWhatsApp() {
    SentMessage messenger = only(m -> m.json().contains("PX1042FR"));
    assertEquals(SentMessage.Platform.MESSENGER, messenger.platform());
    assertEquals("POST_PURCHASE_UPDATE", messenger.tag());
    RecordedRequest request = demo.sandbox().requests("*/messages").stream()
        .filter(r -> r.responseStatus() == 200 && r.body().contains("PX1042FR")).findFirst().orElseThrow();
    assertTrue(request.body().contains("\"messaging_type\":\"MESSAGE_TAG\""), request.body());

    SentMessage whatsApp = only(m -> m.json().contains("PX1043FR"));
    assertEquals(SentMessage.Platform.WHATSAPP, whatsApp.platform());
    assertEquals("template", whatsApp.kind());
    assertEquals("order_shipped", whatsApp.tag());
  }

  @Test
  void eachCustomerPaysWithTheButtonAndGetsOneReceipt() {
    List<CheckoutSession> sessions = demo.sandbox().stripe().checkoutSessions();
    assertEquals(2, sessions.size());
    for (CheckoutSession session : sessions) {
      assertEquals("complete", session.status());
      assertEquals("paid", session.paymentStatus());
      assertEquals(8900, session.amountTotal());
      assertEquals("eur", session.currency());
    }
    assertEquals(2, deliveries("stripe.checkout.session.completed").size());
    deliveries("stripe.checkout.session.completed").forEach(d -> assertTrue(d.accepted(), d.toString()));

    List<SentMessage> camille = to(CAMILLE);
    assertEquals(2, camille.stream().filter(m -> m.kind().equals("receipt_template")).count(),
        "the receipt with the pay button, then the receipt once paid");
    List<SentMessage> lucas = to(LUCAS);
    int payButton = indexOf(lucas, m -> m.choices().contains("Pay €89.00"));
    int shipped = indexOf(lucas, m -> "order_shipped".equals(m.tag()));
    assertEquals(1, shipped - payButton - 1, "exactly one message, the receipt, between the pay button and shipping");
  }

  @Test
  void theAgentRefundsTwentyEurosOfEachOrderThroughStripe() {
    List<RecordedRequest> refunds = demo.sandbox().requests("/v1/refunds").stream()
        .filter(r -> r.method().equals("POST") && r.responseStatus() == 200).toList();
    assertEquals(2, refunds.size());
    refunds.forEach(r -> assertTrue(r.body().contains("amount=2000"), r.body()));
    demo.sandbox().stripe().checkoutSessions().forEach(s -> assertEquals(2000, s.amountRefunded()));
    assertFalse(deliveries("stripe.charge.refunded").isEmpty());
    deliveries("stripe.charge.refunded").forEach(d -> assertTrue(d.accepted(), d.toString()));
  }

  @Test
  void theBotHandsOffTheAgentAnswersAndHandsBackAndTheBotAnswersAgain() {
    for (String conversationId : List.of("messenger:1001:" + CAMILLE, "whatsapp:2002:" + LUCAS)) {
      List<String> actions = new ArrayList<>(AgentApi.actions(demo, conversationId));
      Collections.reverse(actions); // the API lists newest first
      actions.retainAll(List.of("claim", "reply", "refund", "hand_back"));
      assertEquals(List.of("claim", "reply", "refund", "hand_back"), actions);
      JsonObject conversation = AgentApi.get(demo, "conversations/" + conversationId);
      assertEquals("bot", conversation.getAsJsonObject("owner").get("kind").getAsString());

      List<SentMessage> received = to(conversationId.substring(conversationId.lastIndexOf(':') + 1));
      int agentReply = indexOf(received, m -> m.json().contains("je suis Claire"));
      assertTrue(agentReply > 0, "the agent's reply reached the customer");
      assertTrue(received.size() - 1 > agentReply + 1, "after the refund confirmation, the bot answered again");
    }
  }

  @Test
  void theBotsFlowOpensADeliveryProblemTaskThatTheAgentCompletes() {
    List<JsonObject> done = new ArrayList<>();
    AgentApi.get(demo, "tasks?status=done").getAsJsonArray("tasks").forEach(t -> done.add(t.getAsJsonObject()));
    assertEquals(2, done.size(), done.toString());
    for (JsonObject task : done) {
      assertEquals("delivery_problem", task.get("kind").getAsString());
      assertEquals("fr", task.get("language").getAsString());
      assertEquals("claire", task.get("assignee").getAsString());
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
    List<SentMessage> found = demo.sandbox().sentMessages().stream().filter(matching).toList();
    assertEquals(1, found.size(), () -> "expected exactly one message, got " + found);
    return found.get(0);
  }

  private static List<SentMessage> to(String recipientId) {
    return demo.sandbox().sentMessages().stream().filter(m -> m.recipientId().equals(recipientId)).toList();
  }

  private static List<WebhookDelivery> deliveries(String kind) {
    return demo.sandbox().webhookDeliveries().stream().filter(d -> d.kind().equals(kind)).toList();
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
