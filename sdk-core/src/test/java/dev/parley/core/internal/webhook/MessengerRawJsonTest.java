package dev.parley.core.internal.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.webhook.Attachment;
import dev.parley.core.webhook.DeliveryReceipt;
import dev.parley.core.webhook.Handover;
import dev.parley.core.webhook.InboundEvent;
import dev.parley.core.webhook.MessageEcho;
import dev.parley.core.webhook.MessageReceived;
import dev.parley.core.webhook.Postback;
import dev.parley.core.webhook.Reaction;
import dev.parley.core.webhook.ReadReceipt;
import dev.parley.core.webhook.Referral;
import dev.parley.core.webhook.UnknownEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Messenger event's raw JSON is cut from the body: {@code {"object":"page","entry":[{}, the entry's
 * other members exactly as received joined by commas, {@code ,"messaging":[} (or standby), the item
 * exactly as received, {@code ]}]}}. Checked byte for byte on a pretty-printed, escaped batch of every
 * kind, and each raw JSON parses back to an equal event, raw JSON included.
 */
class MessengerRawJsonTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);
  private static final String SENDER = "\"sender\" : { \"id\" : \"7301234567890123\" },\n        \"recipient\" : {\"id\":\"106234567890123\"}";

  private static final List<String> MESSAGING = List.of(
      "{ " + SENDER + ", \"timestamp\" : 1717000699000,\n        \"message\" : { \"mid\" : \"m_1\", \"text\" : \"Tsch\\u00FCss \\\"quoted\\\" \\/ \\ud83d\\ude00\","
          + " \"quick_reply\" : { \"payload\" : \"TRACK\" }, \"nlp\" : { \"entities\" : { \"greetings\" : [ { \"confidence\" : 0.99 } ] } } } }",
      "{" + SENDER + ",\"timestamp\":\"1717000699001\",\"message\":{\"mid\":\"m_2\",\"attachments\":[ {\"type\":\"image\",\n"
          + "  \"payload\": {\"url\":\"https:\\/\\/cdn.example\\/a.jpg\", \"sticker_id\": 369239263222822 } }, 5, {\"type\":\"location\","
          + "\"payload\":{\"coordinates\":{\"lat\":52.5,\"long\":13.4}}} ]}}",
      "{" + SENDER + ",\"timestamp\":1717000699002,\"postback\":{\"title\":\"Start\",\"payload\":\"GET_STARTED\","
          + "\"referral\":{\"ref\":\"spring\",\"source\":\"SHORTLINK\",\"type\":\"OPEN_THREAD\"}}}",
      "{" + SENDER + ",\"timestamp\":1717000699003,\"delivery\":{\"mids\":[\"m_0\",7,null],\"watermark\":\"1717000699003\"}}",
      "{" + SENDER + ",\"timestamp\":1.717000699004E12,\"read\":{\"watermark\":1717000699004}}",
      "{" + SENDER + ",\"timestamp\":1717000699005,\"reaction\":{\"mid\":\"m_1\",\"action\":\"react\",\"emoji\":\"\\u2764\"}}",
      "{\"sender\":{\"id\":\"106234567890123\"},\"recipient\":{\"id\":\"7301234567890123\"},\"timestamp\":1717000699006,"
          + "\"message\":{\"is_echo\":true,\"mid\":\"m_echo\",\"text\":\"On its way\",\"app_id\":263902037430900}}",
      "{" + SENDER + ",\"timestamp\":1717000699007,\"pass_thread_control\":{\"new_owner_app_id\":\"263902037430900\","
          + "\"metadata\":\"human\"}}",
      "{" + SENDER + ",\"timestamp\":1717000699008,\"referral\":{\"ref\":\"ad\",\"source\":\"ADS\",\"ad_id\":\"6045\"}}",
      "{" + SENDER + ",\"timestamp\":1717000699009,\"optin\":{\"ref\":\"x\"},\"brand_new\":[1,{\"a\":[]}]}",
      "{" + SENDER + ",\"message\":{\"mid\":\"m_first\"},\"message\":{\"mid\":\"m_last\",\"text\":\"the last wins\"}}",
      "[\"not\", \"an object\"]");
  private static final List<String> STANDBY = List.of(
      "{" + SENDER + ",\"timestamp\":1717000699010,\"message\":{\"mid\":\"m_standby\",\"text\":\"watching\"}}");
  private static final String MEMBERS = "\"id\" : \"106234567890123\",\"time\"\n  : 1717000700000,"
      + "\"brand_new\" : { \"nested\" : [ 1, 2.50, \"x\" ] }";

  private final PayloadParser parser = new PayloadParser(CLOCK);

  @Test
  void eachRawJsonIsTheEntryMembersAndTheItemAsReceived() {
    String body = "\ufeff{\n  \"object\" : \"page\",\n  \"entry\" : [ {\n    \"standby\" : [ " + STANDBY.get(0) + " ],\n    "
        + MEMBERS.replace(",\"time\"", ",\n    \"time\"") + ",\n    \"messaging\" : [\n      " + String.join(",\n      ", MESSAGING)
        + "\n    ]\n  } ]\n}\n";
    // The whitespace between members is not theirs; inside a member it is kept.
    String prefix = "{\"object\":\"page\",\"entry\":[{" + MEMBERS + ",";

    List<InboundEvent> events = parser.parse(body);

    assertEquals(MESSAGING.size() + STANDBY.size(), events.size());
    for (int i = 0; i < MESSAGING.size(); i++) {
      assertEquals(prefix + "\"messaging\":[" + MESSAGING.get(i) + "]}]}", events.get(i).rawJson());
    }
    assertEquals(prefix + "\"standby\":[" + STANDBY.get(0) + "]}]}", events.get(MESSAGING.size()).rawJson());
    for (InboundEvent event : events) {
      assertEquals(event, parser.reparse(event.rawJson()), event.rawJson());
    }
  }

  @Test
  void theBatchReadsAsEachKindOfEvent() {
    String body = "{\"object\":\"page\",\"entry\":[{" + MEMBERS + ",\"messaging\":[" + String.join(",", MESSAGING) + "]}]}";

    List<InboundEvent> events = parser.parse(body);

    MessageReceived text = (MessageReceived) events.get(0);
    assertEquals("Tsch\u00fcss \"quoted\" / \ud83d\ude00", text.text());
    assertEquals("TRACK", text.quickReplyPayload());
    MessageReceived media = (MessageReceived) events.get(1);
    assertEquals(Instant.ofEpochMilli(1717000699001L), media.occurredAt(), "a timestamp sent as a string");
    assertEquals(List.of("image", "location"), media.attachments().stream().map(Attachment::type).toList());
    assertEquals("https://cdn.example/a.jpg", media.attachments().get(0).url());
    assertEquals("{\"type\":\"location\",\"payload\":{\"coordinates\":{\"lat\":52.5,\"long\":13.4}}}",
        media.attachments().get(1).rawJson(), "an attachment's JSON as received");
    Postback postback = (Postback) events.get(2);
    assertEquals("postback:7301234567890123:1717000699002", postback.dedupKey());
    assertEquals("spring", postback.referral().ref());
    DeliveryReceipt delivery = (DeliveryReceipt) events.get(3);
    assertEquals(List.of("m_0", "7"), delivery.messageIds());
    assertEquals(Instant.ofEpochMilli(1717000699003L), delivery.watermark());
    assertEquals(Instant.ofEpochMilli(1717000699004L), ((ReadReceipt) events.get(4)).occurredAt(), "1.717000699004E12");
    assertEquals("\u2764", ((Reaction) events.get(5)).emoji());
    MessageEcho echo = (MessageEcho) events.get(6);
    assertEquals("7301234567890123", echo.from().userId());
    assertEquals("263902037430900", echo.appId(), "a number read as text");
    assertEquals(Handover.Kind.PASS_THREAD_CONTROL, ((Handover) events.get(7)).kind());
    assertEquals("6045", ((Referral) events.get(8)).details().adId());
    assertEquals("optin", ((UnknownEvent) events.get(9)).kind());
    assertEquals("the last wins", ((MessageReceived) events.get(10)).text());
    assertEquals(Instant.ofEpochMilli(1717000700000L), events.get(10).occurredAt(), "the entry's time");
    assertEquals("unreadable", ((UnknownEvent) events.get(11)).kind());
    assertEquals("106234567890123", events.get(11).from().userId(), "about the page itself");
  }

  @Test
  void badJsonIsRefusedNamingWhatWasExpectedAndWhere() {
    MalformedPayloadException refused = assertThrows(MalformedPayloadException.class,
        () -> parser.parse("{\"object\":\"page\",\n\"entry\":[{\"id\":\"1\",}]}"));

    assertEquals("the body is not valid JSON: expected a member name in double quotes but found '}' at line 2, column 20",
        refused.getMessage());
    assertTrue(assertThrows(MalformedPayloadException.class, () -> parser.parse("{\"object\":\"page\",\"entry\":[\"a\u0001\"]}"))
        .getMessage().contains("found character U+0001"));
    assertEquals("the body is not a JSON object",
        assertThrows(MalformedPayloadException.class, () -> parser.parse(" [1, 2] ")).getMessage());
    assertEquals("the body has no 'object' field",
        assertThrows(MalformedPayloadException.class, () -> parser.parse("{\"entry\":[]}")).getMessage());
    assertEquals("the body's 'object' field is not a string",
        assertThrows(MalformedPayloadException.class, () -> parser.parse("{\"object\":{}}")).getMessage());
  }

  @Test
  void anEntryBeforeItsObjectAndARepeatedEntryReadAsInAParsedObject() {
    String item = "{\"sender\":{\"id\":\"7301234567890123\"},\"timestamp\":1,\"message\":{\"mid\":\"m_%s\"}}";
    String first = "[{\"id\":\"106234567890123\",\"messaging\":[" + item.formatted("first") + "]}]";
    String last = "[{\"id\":\"106234567890123\",\"messaging\":[" + item.formatted("last") + "]}]";

    assertEquals(List.of("mid:m_first"), keys("{\"entry\":" + first + ",\"object\":\"page\"}"));
    assertEquals(List.of("mid:m_last"), keys("{\"object\":\"page\",\"entry\":" + first + ",\"entry\":" + last + "}"));
    assertEquals(List.of("mid:m_last"), keys("{\"entry\":" + first + ",\"object\":\"page\",\"entry\":" + last + "}"));
    assertEquals(List.of(), keys("{\"object\":\"page\",\"entry\":" + first + ",\"object\":\"instagram\"}"));
  }

  private List<String> keys(String body) {
    return parser.parse(body).stream().map(InboundEvent::dedupKey).toList();
  }
}
