package dev.parley.core.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import dev.parley.core.internal.webhook.PayloadParser;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden webhook payload (shapes from Meta's webhook references) parses to the events in its
 * {@code .expected.json}, compared as JSON trees, both directly and through a signed POST.
 */
class GoldenFixturesTest {

  static List<String> fixtures() {
    return List.of(
        "messenger-text", "messenger-attachment", "messenger-quick-reply", "messenger-postback", "messenger-delivery",
        "messenger-read", "messenger-handover", "messenger-standby", "messenger-batch", "messenger-bad-item",
        "whatsapp-text", "whatsapp-statuses", "whatsapp-interactive", "whatsapp-media", "whatsapp-order-reaction",
        "whatsapp-non-ascii", "whatsapp-errors");
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void fixtureParsesToTheExpectedEvents(String fixture) {
    List<InboundEvent> events = new PayloadParser(WebhookHarness.CLOCK).parse(WebhookFixtures.text(fixture + ".json"));

    JsonElement expected = WebhookFixtures.json(fixture + ".expected.json");
    assertEquals(expected, WebhookFixtures.describe(events), fixture);
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void signedPostRecordsAndDeliversTheExpectedEventsOnce(String fixture) {
    WebhookHarness harness = new WebhookHarness();

    WebhookResponse response = harness.postSignedAndRun(WebhookFixtures.bytes(fixture + ".json"));

    assertEquals(200, response.status());
    assertEquals(WebhookFixtures.json(fixture + ".expected.json"), WebhookFixtures.describe(harness.received));
    for (InboundEvent event : harness.received) {
      assertTrue(harness.journal.isHandled(event.dedupKey()), event.dedupKey() + " marked handled");
    }
    assertEquals(harness.received.size(), harness.journal.size(), "one journal entry per event");
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void everyEventParsesBackFromItsRawJsonUnchanged(String fixture) {
    PayloadParser parser = new PayloadParser(WebhookHarness.CLOCK);
    for (InboundEvent event : parser.parse(WebhookFixtures.text(fixture + ".json"))) {
      assertEquals(event, parser.reparse(event.rawJson()), event.dedupKey());
    }
  }
}
