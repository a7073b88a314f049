package dev.parley.core.send;

import static dev.parley.core.send.GraphTestServer.MESSENGER_CUSTOMER;
import static dev.parley.core.send.GraphTestServer.NOW;
import static dev.parley.core.send.GraphTestServer.WHATSAPP_CUSTOMER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.parley.core.Channel;
import dev.parley.core.InMemoryLastInboundTimes;
import dev.parley.core.Parley;
import dev.parley.core.Recipient;
import dev.parley.core.SendOptions;
import dev.parley.core.SendReceipt;
import dev.parley.core.SenderAction;
import dev.parley.core.UtilityTemplates;
import dev.parley.core.message.Message;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What goes on the wire for every message kind on every channel, against golden fixtures shaped after Meta's documentation. */
class GoldenFixtureTest {
  @StartStop
  final MockWebServer server = new MockWebServer();
  final VirtualTime time = new VirtualTime(NOW);

  static Stream<Arguments> insideWindow() {
    return Stream.of(
        "text", "media_url", "media_uploaded", "media_caption", "buttons", "quick_replies", "quick_replies_list",
        "carousel", "receipt", "receipt_with_button", "order_update", "whatsapp_template", "raw")
        .flatMap(name -> Stream.of(Arguments.of(Channel.MESSENGER, name), Arguments.of(Channel.WHATSAPP, name)))
        .filter(arguments -> !(arguments.get()[0] == Channel.MESSENGER
            && List.of("whatsapp_template", "quick_replies_list").contains(arguments.get()[1])));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("insideWindow")
  void everyKindRendersAsItsFixtureInsideTheWindow(Channel channel, String name) throws Exception {
    Message message = TestMessages.all().get(name);
    List<String> bodies = send(channel, message, GraphTestServer.insideWindow(), SendOptions.DEFAULT);
    JsonFixtures.assertMatches(channel.name().toLowerCase() + "/" + name + ".json", bodies);
  }

  @Test
  void messengerOrderUpdateOutsideTheWindowCarriesThePostPurchaseTag() throws Exception {
    List<String> bodies = send(Channel.MESSENGER, TestMessages.orderUpdate(), new InMemoryLastInboundTimes(), SendOptions.DEFAULT);
    JsonFixtures.assertMatches("messenger/order_update_outside_window.json", bodies);
  }

  @Test
  void whatsAppOrderUpdateOutsideTheWindowBecomesTheUtilityTemplate() throws Exception {
    List<String> bodies = send(Channel.WHATSAPP, TestMessages.orderUpdate(), new InMemoryLastInboundTimes(), SendOptions.DEFAULT);
    JsonFixtures.assertMatches("whatsapp/order_update_outside_window.json", bodies);
  }

  @Test
  void humanAgentReplyAfterThreeDaysCarriesTheHumanAgentTag() throws Exception {
    InMemoryLastInboundTimes times = new InMemoryLastInboundTimes();
    times.record(MESSENGER_CUSTOMER, NOW.minus(Duration.ofDays(3)));
    List<String> bodies = send(Channel.MESSENGER, Message.text("Sorry for the wait: your parcel left today."), times,
        SendOptions.humanAgentReply());
    JsonFixtures.assertMatches("messenger/human_agent_reply.json", bodies);
  }

  static Stream<Arguments> senderActions() {
    String wamid = "wamid.HBgLMTU1NTEyMzQ1NjcVAgARGBI";
    return Stream.of(
        Arguments.of(Channel.MESSENGER, "typing_on", SenderAction.typingOn()),
        Arguments.of(Channel.MESSENGER, "mark_seen", SenderAction.markSeen()),
        Arguments.of(Channel.WHATSAPP, "typing_on", SenderAction.typingOn(wamid)),
        Arguments.of(Channel.WHATSAPP, "mark_read", SenderAction.markRead(wamid)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("senderActions")
  void senderActionsRenderAsTheirFixtures(Channel channel, String name, SenderAction action) throws Exception {
    server.enqueue(channel == Channel.MESSENGER
        ? GraphTestServer.json(200, "{\"recipient_id\":\"24680\"}") : GraphTestServer.json(200, "{\"success\":true}"));
    Parley parley = GraphTestServer.parley(server, time, GraphTestServer.insideWindow()).build();
    parley.senderAction(customer(channel), action);
    JsonFixtures.assertMatches(channel.name().toLowerCase() + "/" + name + ".json", GraphTestServer.bodies(server, 1));
  }

  @Test
  void aRawRequestBodyIsPostedAsItIsWithoutThePolicy() throws Exception {
    server.enqueue(GraphTestServer.whatsAppOk("wamid.raw"));
    Parley parley = GraphTestServer.parley(server, time, new InMemoryLastInboundTimes()).build();
    String body = "{\"messaging_product\":\"whatsapp\",\"to\":\"15551234567\",\"type\":\"reaction\","
        + "\"reaction\":{\"message_id\":\"wamid.HBgL\",\"emoji\":\"\\uD83D\\uDC4D\"}}";
    SendReceipt receipt = parley.sendRaw(WHATSAPP_CUSTOMER, body);
    assertEquals("wamid.raw", receipt.messageId());
    assertEquals(com.google.gson.JsonParser.parseString(body),
        com.google.gson.JsonParser.parseString(GraphTestServer.bodies(server, 1).get(0)));
  }

  @Test
  void whatsAppTypingOffNeedsNoRequest() {
    Parley parley = GraphTestServer.parley(server, time, GraphTestServer.insideWindow()).build();
    parley.senderAction(WHATSAPP_CUSTOMER, SenderAction.typingOff());
    assertEquals(0, server.getRequestCount());
  }

  private List<String> send(Channel channel, Message message, InMemoryLastInboundTimes times, SendOptions options)
      throws Exception {
    Parley parley = GraphTestServer.parley(server, time, times)
        .utilityTemplates(UtilityTemplates.orderUpdates("order_update", "en_US"))
        .build();
    Recipient customer = customer(channel);
    for (int i = 0; i < 2; i++) {
      server.enqueue(channel == Channel.MESSENGER ? GraphTestServer.messengerOk("m_" + i) : GraphTestServer.whatsAppOk("wamid." + i));
    }
    SendReceipt receipt = parley.send(customer, message, options);
    int parts = receipt.messageIds().size();
    List<String> bodies = new java.util.ArrayList<>();
    for (int i = 0; i < parts; i++) {
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      String businessId = customer.businessId();
      assertEquals("/v25.0/" + businessId + "/messages", request.getUrl().encodedPath());
      assertEquals("Bearer " + (channel == Channel.MESSENGER ? GraphTestServer.PAGE_TOKEN : GraphTestServer.WHATSAPP_TOKEN),
          request.getHeaders().get("Authorization"));
      assertFalse(request.getUrl().toString().contains("EAAG"), "no token in the URL");
      bodies.add(request.getBody().utf8());
    }
    assertEquals(channel == Channel.MESSENGER ? "m_0" : "wamid.0", receipt.messageId());
    return bodies;
  }

  private static Recipient customer(Channel channel) {
    return channel == Channel.MESSENGER ? MESSENGER_CUSTOMER : WHATSAPP_CUSTOMER;
  }
}
