package dev.parley.core.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.Recipient;
import dev.parley.core.internal.webhook.PayloadParser;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lenient parsing: golden payloads with one thing changed, as new platform versions change them. */
class InboundEventParsingTest {

  private final PayloadParser parser = new PayloadParser(WebhookHarness.CLOCK);

  private List<InboundEvent> parse(String json) {
    return parser.parse(json);
  }

  @Test
  void unknownFieldsAtEveryLevelAreIgnored() {
    String json = WebhookFixtures.edited("whatsapp-text.json", root -> {
      root.addProperty("api_version", "v99.0");
      root.getAsJsonArray("entry").get(0).getAsJsonObject().addProperty("brand_new", true);
      JsonObject value = WebhookFixtures.firstValue(root);
      value.add("group_info", new JsonObject());
      value.getAsJsonArray("messages").get(0).getAsJsonObject().addProperty("identity_key_hash", "abc");
      value.getAsJsonArray("contacts").get(0).getAsJsonObject().add("user_id", new JsonArray());
    });

    assertEquals(WebhookFixtures.json("whatsapp-text.expected.json"), WebhookFixtures.describe(parse(json)));
  }

  @Test
  void fieldOfAnUnexpectedTypeCostsOnlyThatField() {
    String json = WebhookFixtures.edited("messenger-quick-reply.json", root -> {
      JsonObject message = WebhookFixtures.firstMessagingItem(root).getAsJsonObject("message");
      message.add("text", new JsonObject());
      message.addProperty("attachments", "should be an array");
    });

    MessageReceived message = assertInstanceOf(MessageReceived.class, parse(json).get(0));
    assertNull(message.text());
    assertEquals(List.of(), message.attachments());
    assertEquals("TRACK_ORDER:4711", message.quickReplyPayload());
  }

  @Test
  void messengerEventWithoutTimestampTakesTheEntryTimeThenTheClock() {
    String noItemTime = WebhookFixtures.edited("messenger-read.json", root -> WebhookFixtures.firstMessagingItem(root).remove("timestamp"));
    String noTimeAtAll = WebhookFixtures.edited("messenger-read.json", root -> {
      WebhookFixtures.firstMessagingItem(root).remove("timestamp");
      root.getAsJsonArray("entry").get(0).getAsJsonObject().remove("time");
    });

    assertEquals(Instant.ofEpochMilli(1717000500000L), parse(noItemTime).get(0).occurredAt());
    assertEquals(WebhookHarness.CLOCK.instant(), parse(noTimeAtAll).get(0).occurredAt());
  }

  @Test
  void whatsAppTimestampIsEpochSecondsSentAsText() {
    assertEquals(Instant.parse("2025-06-08T20:59:43Z"), parse(WebhookFixtures.text("whatsapp-text.json")).get(0).occurredAt());
  }

  @Test
  void unknownWhatsAppMessageTypeKeepsItsIdNameAndRawJson() {
    String json = WebhookFixtures.edited("whatsapp-text.json", root -> {
      JsonObject message = WebhookFixtures.firstValue(root).getAsJsonArray("messages").get(0).getAsJsonObject();
      message.addProperty("type", "poll_vote");
      message.remove("text");
      JsonObject vote = new JsonObject();
      vote.addProperty("option", "blue");
      message.add("poll_vote", vote);
    });

    UnknownEvent unknown = assertInstanceOf(UnknownEvent.class, parse(json).get(0));
    assertEquals("poll_vote", unknown.kind());
    assertEquals("wamid:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=", unknown.dedupKey());
    assertEquals("Sheena Nelson", unknown.customerName());
    assertEquals(Recipient.whatsApp("109876543210987", "16505551234"), unknown.from());
    assertTrue(unknown.rawJson().contains("\"option\":\"blue\""), unknown.rawJson());
  }

  @Test
  void unknownInteractiveReplyIsKeptAsUnknown() {
    String json = WebhookFixtures.edited("whatsapp-interactive.json", root -> {
      JsonObject interactive = WebhookFixtures.firstValue(root).getAsJsonArray("messages").get(0).getAsJsonObject()
          .getAsJsonObject("interactive");
      interactive.addProperty("type", "nfm_reply");
    });

    List<InboundEvent> events = parse(json);
    assertEquals("interactive:nfm_reply", assertInstanceOf(UnknownEvent.class, events.get(0)).kind());
    assertInstanceOf(ListReply.class, events.get(1));
  }

  @Test
  void whatsAppMessageWithoutSenderBecomesAnAccountLevelUnknown() {
    String json = WebhookFixtures.edited("whatsapp-text.json",
        root -> WebhookFixtures.firstValue(root).getAsJsonArray("messages").get(0).getAsJsonObject().remove("from"));

    InboundEvent event = parse(json).get(0);
    assertInstanceOf(UnknownEvent.class, event);
    assertFalse(event.concernsCustomer());
    assertEquals("109876543210987", event.from().businessId());
  }

  @Test
  void eachMessageOfAValueGetsItsOwnContactNameAndOnlyItsOwnContactInRawJson() {
    String json = WebhookFixtures.edited("whatsapp-text.json", root -> {
      JsonObject value = WebhookFixtures.firstValue(root);
      JsonObject other = JsonParser.parseString("{\"profile\":{\"name\":\"Ana Lima\"},\"wa_id\":\"5511987654321\"}").getAsJsonObject();
      value.getAsJsonArray("contacts").add(other);
      JsonObject second = value.getAsJsonArray("messages").get(0).getAsJsonObject().deepCopy();
      second.addProperty("from", "5511987654321");
      second.addProperty("id", "wamid.SECOND");
      value.getAsJsonArray("messages").add(second);
    });

    List<InboundEvent> events = parse(json);

    assertEquals(List.of("Sheena Nelson", "Ana Lima"), events.stream().map(InboundEvent::customerName).toList());
    assertFalse(events.get(1).rawJson().contains("Sheena"), events.get(1).rawJson());
    assertFalse(events.get(1).rawJson().contains("wamid.HBgL"), "only its own message");
  }

  @Test
  void deliveryAndReadUpToTheSameMomentAreDifferentEvents() {
    String delivery = WebhookFixtures.text("messenger-delivery.json");
    String read = WebhookFixtures.text("messenger-read.json");

    InboundEvent delivered = parse(delivery).get(0);
    InboundEvent seen = parse(read).get(0);

    assertEquals(((DeliveryReceipt) delivered).watermark(), ((ReadReceipt) seen).watermark());
    assertNotEquals(delivered.dedupKey(), seen.dedupKey());
  }

  @Test
  void echoIsAboutTheCustomerItWasSentTo() {
    MessageEcho echo = (MessageEcho) parse(WebhookFixtures.text("messenger-batch.json")).get(2);

    assertEquals(Recipient.messenger("106234567890123", "7301234567890123"), echo.from());
    assertEquals("263902037430900", echo.appId());
  }

  @Test
  void accountLevelEventsSayTheyConcernNoCustomer() {
    List<InboundEvent> events = parse(WebhookFixtures.text("whatsapp-errors.json"));

    assertEquals(List.of(true, false, false), events.stream().map(InboundEvent::concernsCustomer).toList());
    assertEquals("102290129340398", events.get(2).from().businessId(), "no phone number: the account id");
  }

  @Test
  void messagingAndStandbyOfOneEntryAreBothParsedAndOnlyStandbyIsFlagged() {
    String json = WebhookFixtures.edited("messenger-standby.json", root -> {
      JsonObject entry = root.getAsJsonArray("entry").get(0).getAsJsonObject();
      JsonArray messaging = new JsonArray();
      JsonObject own = entry.getAsJsonArray("standby").get(0).getAsJsonObject().deepCopy();
      own.getAsJsonObject("message").addProperty("mid", "m_own_0001");
      messaging.add(own);
      entry.add("messaging", messaging);
    });

    List<InboundEvent> events = parse(json);

    assertEquals(List.of("mid:m_own_0001", "mid:m_standby_0001", "read:7301234567890123:1717000699400"),
        events.stream().map(InboundEvent::dedupKey).toList());
    assertEquals(List.of(false, true, true), events.stream().map(InboundEvent::standby).toList());
  }

  @Test
  void rawJsonIsAOneEventPayloadThatNamesChannelAndBusiness() {
    InboundEvent status = parse(WebhookFixtures.text("whatsapp-statuses.json")).get(3);
    JsonObject raw = JsonParser.parseString(status.rawJson()).getAsJsonObject();
    JsonObject value = WebhookFixtures.firstValue(raw);

    assertEquals("whatsapp_business_account", raw.get("object").getAsString());
    assertEquals("109876543210987", value.getAsJsonObject("metadata").get("phone_number_id").getAsString());
    assertEquals(1, value.getAsJsonArray("statuses").size());
    assertEquals(status, InboundEvent.fromRawJson(status.rawJson()));
  }

  @Test
  void messengerRawJsonIsTheEntryReducedToItsOneItem() {
    String json = WebhookFixtures.edited("messenger-standby.json", root -> {
      JsonObject entry = root.getAsJsonArray("entry").get(0).getAsJsonObject();
      JsonArray messaging = new JsonArray();
      messaging.add(JsonParser.parseString("{\"sender\":{\"id\":\"7301234567890123\"},\"recipient\":{\"id\":\"106234567890123\"},"
          + "\"timestamp\":1717000698000,\"message\":{\"mid\":\"m_own_0001\",\"text\":\"Tschüss \\\"quoted\\\"\"}}"));
      entry.add("messaging", messaging);
      entry.addProperty("brand_new", "kept");
    });
    JsonObject entry = JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("entry").get(0).getAsJsonObject();

    List<InboundEvent> events = parse(json);

    assertEquals(3, events.size());
    List<JsonObject> items = List.of(entry.getAsJsonArray("messaging").get(0).getAsJsonObject(),
        entry.getAsJsonArray("standby").get(0).getAsJsonObject(), entry.getAsJsonArray("standby").get(1).getAsJsonObject());
    for (int i = 0; i < events.size(); i++) {
      String list = i == 0 ? "messaging" : "standby";
      JsonObject oneEntry = new JsonObject();
      oneEntry.addProperty("id", "106234567890123");
      oneEntry.addProperty("time", 1717000700000L);
      oneEntry.addProperty("brand_new", "kept");
      JsonArray one = new JsonArray();
      one.add(items.get(i));
      oneEntry.add(list, one);
      JsonObject expected = new JsonObject();
      expected.addProperty("object", "page");
      JsonArray entries = new JsonArray();
      entries.add(oneEntry);
      expected.add("entry", entries);
      assertEquals(expected, JsonParser.parseString(events.get(i).rawJson()), events.get(i).dedupKey());
      assertEquals(events.get(i), InboundEvent.fromRawJson(events.get(i).rawJson()));
    }
  }

  @Test
  void failedStatusCarriesTheReEngagementError() {
    StatusUpdate failed = (StatusUpdate) parse(WebhookFixtures.text("whatsapp-statuses.json")).get(3);

    assertEquals(StatusUpdate.Status.FAILED, failed.status());
    assertEquals(131047, failed.errors().get(0).code());
    assertTrue(failed.errors().get(0).details().contains("24 hours"));
  }

  @Test
  void publicParseRefusesTextThatIsNotJsonAndIgnoresOtherObjects() {
    assertThrows(InvalidRequestException.class, () -> InboundEvent.parse("not json"));
    assertEquals(List.of(), InboundEvent.parse("{\"object\":\"instagram\",\"entry\":[]}"));
  }

  @Test
  void fromRawJsonRefusesAPayloadOfSeveralEvents() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> InboundEvent.fromRawJson(WebhookFixtures.text("messenger-handover.json")));

    assertTrue(e.getMessage().contains("3 events"), e.getMessage());
  }

  @Test
  void eventsAreImmutable() {
    MessageReceived message = (MessageReceived) parse(WebhookFixtures.text("messenger-attachment.json")).get(0);

    assertThrows(UnsupportedOperationException.class, () -> message.attachments().clear());
    assertThrows(IllegalArgumentException.class, () -> new EventEnvelope(message.from(), message.occurredAt(), " ", false, null, "{}"));
  }

  @Test
  void orderPricesKeepTheirExactDecimalValue() {
    OrderPlaced order = (OrderPlaced) parse(WebhookFixtures.text("whatsapp-order-reaction.json")).get(0);

    assertEquals(new java.math.BigDecimal("24.90"), order.items().get(1).itemPrice());
    assertEquals(1, order.items().get(1).quantity(), "quantity sent as text");
  }

  @Test
  void overlongIdsGiveBoundedStableKeys() {
    String longMid = "m_" + "x".repeat(400);
    String json = WebhookFixtures.edited("messenger-text.json",
        root -> WebhookFixtures.firstMessagingItem(root).getAsJsonObject("message").addProperty("mid", longMid));
    String otherJson = WebhookFixtures.edited("messenger-text.json",
        root -> WebhookFixtures.firstMessagingItem(root).getAsJsonObject("message").addProperty("mid", longMid + "y"));

    InboundEvent event = parse(json).get(0);

    assertTrue(event.dedupKey().length() <= 255, event.dedupKey());
    assertEquals(event.dedupKey(), parse(json).get(0).dedupKey());
    assertNotEquals(event.dedupKey(), parse(otherJson).get(0).dedupKey());
    assertEquals(longMid, ((MessageReceived) event).messageId());
  }
}
