package dev.parley.core.send;

import static dev.parley.core.send.GraphTestServer.MESSENGER_CUSTOMER;
import static dev.parley.core.send.GraphTestServer.NOW;
import static dev.parley.core.send.GraphTestServer.WHATSAPP_CUSTOMER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.parley.core.Channel;
import dev.parley.core.InMemoryLastInboundTimes;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.OutsideWindowException;
import dev.parley.core.Parley;
import dev.parley.core.Recipient;
import dev.parley.core.SendOptions;
import dev.parley.core.UtilityTemplates;
import dev.parley.core.message.Message;
import dev.parley.core.message.RawMessage;
import dev.parley.core.message.TemplateParameter;
import dev.parley.core.message.WhatsAppTemplate;
import java.time.Duration;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The messaging policy as a decision table: channel × kind × time since the customer's last
 * message × human agent → how the message goes out, or refused before any HTTP request.
 */
class MessagingPolicyTest {
  private static final SendOptions AGENT = SendOptions.humanAgentReply();
  private static final SendOptions PROACTIVE = SendOptions.builder().proactive(true).build();
  private static final SendOptions NONE = SendOptions.DEFAULT;
  private static final Duration NEVER = null;

  @StartStop
  final MockWebServer server = new MockWebServer();

  static Stream<Arguments> table() {
    Message text = Message.text("Hello");
    Message update = TestMessages.orderUpdate();
    Message receipt = TestMessages.receipt();
    Message template = TestMessages.template();
    return Stream.of(
        row(Channel.MESSENGER, text, hours(1), NONE, "RESPONSE"),
        row(Channel.MESSENGER, text, hours(1), PROACTIVE, "UPDATE"),
        row(Channel.MESSENGER, text, Duration.ofHours(24).minusSeconds(1), NONE, "RESPONSE"),
        row(Channel.MESSENGER, text, Duration.ofHours(24), NONE, "refused"),
        row(Channel.MESSENGER, text, NEVER, NONE, "refused"),
        row(Channel.MESSENGER, update, Duration.ofDays(30), NONE, "MESSAGE_TAG/POST_PURCHASE_UPDATE"),
        row(Channel.MESSENGER, receipt, NEVER, NONE, "MESSAGE_TAG/POST_PURCHASE_UPDATE"),
        row(Channel.MESSENGER, update, hours(2), NONE, "RESPONSE"),
        row(Channel.MESSENGER, text, Duration.ofDays(6), AGENT, "MESSAGE_TAG/HUMAN_AGENT"),
        row(Channel.MESSENGER, text, Duration.ofDays(8), AGENT, "refused"),
        row(Channel.MESSENGER, text, NEVER, AGENT, "refused"),
        row(Channel.MESSENGER, text, hours(1), AGENT, "RESPONSE"),
        row(Channel.WHATSAPP, text, hours(1), NONE, "free-form"),
        row(Channel.WHATSAPP, text, hours(25), NONE, "refused"),
        row(Channel.WHATSAPP, text, Duration.ofDays(2), AGENT, "refused"),
        row(Channel.WHATSAPP, update, hours(25), NONE, "template order_update"),
        row(Channel.WHATSAPP, update, NEVER, NONE, "template order_update"),
        row(Channel.WHATSAPP, update, hours(3), NONE, "free-form"),
        row(Channel.WHATSAPP, receipt, hours(25), NONE, "template receipt_ready"),
        row(Channel.WHATSAPP, template, NEVER, NONE, "template payment_due"),
        row(Channel.WHATSAPP, TestMessages.raw(), hours(30), NONE, "refused"),
        row(Channel.WHATSAPP, RawMessage.whatsApp("{\"type\":\"template\",\"template\":{\"name\":\"raw_hello\","
            + "\"language\":{\"code\":\"en\"}}}"), NEVER, NONE, "template raw_hello"));
  }

  @ParameterizedTest(name = "{0} {1} after {2}, {3} -> {4}")
  @MethodSource("table")
  void decides(Channel channel, Message message, Duration sinceLastInbound, SendOptions options, String expected)
      throws Exception {
    Recipient customer = channel == Channel.MESSENGER ? MESSENGER_CUSTOMER : WHATSAPP_CUSTOMER;
    InMemoryLastInboundTimes times = new InMemoryLastInboundTimes();
    if (sinceLastInbound != null) {
      times.record(customer, NOW.minus(sinceLastInbound));
    }
    UtilityTemplates templates = UtilityTemplates.of(
        update -> WhatsAppTemplate.of("order_update", "en_US", TemplateParameter.text(update.orderNumber()),
            TemplateParameter.text(update.status().label())),
        receipt -> WhatsAppTemplate.of("receipt_ready", "en_US", TemplateParameter.text(receipt.orderNumber())));
    Parley parley = GraphTestServer.parley(server, new VirtualTime(NOW), times).utilityTemplates(templates).build();

    if (expected.equals("refused")) {
      OutsideWindowException asked = assertThrows(OutsideWindowException.class,
          () -> parley.requireAllowed(customer, message, options));
      OutsideWindowException refused = assertThrows(OutsideWindowException.class, () -> parley.send(customer, message, options));
      assertEquals(refused.getMessage(), asked.getMessage(), "asking first gives the refusal the send would give");
      assertTrue(refused.getMessage().contains("Allowed now:"), refused.getMessage());
      assertEquals(0, server.getRequestCount(), "nothing reached the platform");
      return;
    }
    parley.requireAllowed(customer, message, options);
    assertEquals(0, server.getRequestCount(), "asking sends nothing");
    server.enqueue(channel == Channel.MESSENGER ? GraphTestServer.messengerOk("m_1") : GraphTestServer.whatsAppOk("wamid.1"));
    parley.send(customer, message, options);
    JsonObject body = JsonParser.parseString(GraphTestServer.bodies(server, 1).get(0)).getAsJsonObject();
    if (channel == Channel.MESSENGER) {
      String how = body.get("messaging_type").getAsString() + (body.has("tag") ? "/" + body.get("tag").getAsString() : "");
      assertEquals(expected, how);
    } else if (expected.startsWith("template ")) {
      assertEquals("template", body.get("type").getAsString());
      assertEquals(expected.substring("template ".length()), body.getAsJsonObject("template").get("name").getAsString());
    } else {
      assertTrue(!body.get("type").getAsString().equals("template"), "free-form, not a template: " + body);
    }
  }

  @Test
  void messengerRefusalSaysWhyAndWhatWouldBeAllowed() {
    InMemoryLastInboundTimes times = new InMemoryLastInboundTimes();
    times.record(MESSENGER_CUSTOMER, NOW.minus(Duration.ofDays(3)));
    Parley parley = GraphTestServer.parley(server, new VirtualTime(NOW), times).build();
    OutsideWindowException refused = assertThrows(OutsideWindowException.class,
        () -> parley.send(MESSENGER_CUSTOMER, Message.text("Back in stock!")));
    assertEquals("Cannot send a Text on Messenger: customer 24680 last wrote 3 days ago, so the 24-hour window is"
        + " closed. Allowed now: an OrderUpdate or a Receipt (sent with the POST_PURCHASE_UPDATE tag), or a human"
        + " agent's reply (SendOptions.humanAgentReply(), HUMAN_AGENT tag) until 4 days from now; anything else once"
        + " the customer writes again.", refused.getMessage());
  }

  @Test
  void whatsAppRefusalOfAnOrderUpdateNamesTheMissingTemplateSetting() {
    Parley parley = GraphTestServer.parley(server, new VirtualTime(NOW), new InMemoryLastInboundTimes()).build();
    OutsideWindowException refused = assertThrows(OutsideWindowException.class,
        () -> parley.send(WHATSAPP_CUSTOMER, TestMessages.orderUpdate()));
    assertTrue(refused.getMessage().contains("has never written"), refused.getMessage());
    assertTrue(refused.getMessage().contains("No UTILITY template is configured for OrderUpdate messages"), refused.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void theWindowReopensWhenTheCustomerWritesAgain() throws Exception {
    InMemoryLastInboundTimes times = new InMemoryLastInboundTimes();
    times.record(WHATSAPP_CUSTOMER, NOW.minus(Duration.ofDays(2)));
    Parley parley = GraphTestServer.parley(server, new VirtualTime(NOW), times).build();
    assertThrows(OutsideWindowException.class, () -> parley.send(WHATSAPP_CUSTOMER, Message.text("Hi")));
    times.record(WHATSAPP_CUSTOMER, NOW.minusSeconds(10));
    times.record(WHATSAPP_CUSTOMER, NOW.minus(Duration.ofDays(5)));
    server.enqueue(GraphTestServer.whatsAppOk("wamid.ok"));
    assertEquals("wamid.ok", parley.send(WHATSAPP_CUSTOMER, Message.text("Hi")).messageId());
  }

  @Test
  void askingBeforeQueueingNamesAMissingAccountAndAnUnrenderableMessage() {
    InMemoryLastInboundTimes times = new InMemoryLastInboundTimes();
    Recipient otherPage = Recipient.messenger("999", "24680");
    times.record(otherPage, NOW.minusSeconds(60));
    times.record(MESSENGER_CUSTOMER, NOW.minusSeconds(60));
    Parley parley = GraphTestServer.parley(server, new VirtualTime(NOW), times).build();
    InvalidRequestException noAccount = assertThrows(InvalidRequestException.class,
        () -> parley.requireAllowed(otherPage, Message.text("Hi"), SendOptions.DEFAULT));
    assertTrue(noAccount.getMessage().contains("no MESSENGER account '999'"), noAccount.getMessage());
    assertThrows(InvalidRequestException.class, () -> parley.requireAllowed(MESSENGER_CUSTOMER,
        Message.text("x".repeat(2001)), SendOptions.humanAgentReply()));
    assertEquals(0, server.getRequestCount(), "nothing reached the platform");
  }

  private static Arguments row(Channel channel, Message message, Duration since, SendOptions options, String expected) {
    return Arguments.of(channel, message, since, options, expected);
  }

  private static Duration hours(int hours) {
    return Duration.ofHours(hours);
  }
}
