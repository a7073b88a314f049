package dev.parley.core.property;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.core.internal.webhook.PayloadParser;
import dev.parley.core.webhook.InboundEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Found by {@link MetaWebhookPropertyTest}: a Messenger item keyed by its time (reaction, handover,
 * referral, postback without a mid) but carrying no readable timestamp got a key built from the
 * arrival time, so each redelivery looked new and was handled again, and the journal's copy read back
 * under another key. The key of such an item now comes from its content.
 */
class RedeliveryKeyTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "\"reaction\":{\"reaction\":\"love\",\"emoji\":\"\\u2764\",\"action\":\"react\",\"mid\":\"m_1\"}",
      "\"pass_thread_control\":{\"new_owner_app_id\":\"263902037430900\",\"metadata\":\"human\"}",
      "\"referral\":{\"ref\":\"spring\",\"source\":\"SHORTLINK\",\"type\":\"OPEN_THREAD\"}",
      "\"postback\":{\"title\":\"Start\",\"payload\":\"GET_STARTED\"}"})
  void anItemWithoutATimestampKeepsItsKeyAcrossRedeliveries(String item) {
    String payload = "{\"object\":\"page\",\"entry\":[{\"id\":\"106234567890123\",\"messaging\":[{\"sender\":"
        + "{\"id\":\"7301234567890123\"},\"recipient\":{\"id\":\"106234567890123\"}," + item + "}]}]}";

    List<InboundEvent> first = new PayloadParser(at("2026-11-22T10:00:00Z")).parse(payload);
    List<InboundEvent> redelivered = new PayloadParser(at("2026-11-22T10:05:00Z")).parse(payload);

    assertEquals(first.get(0).dedupKey(), redelivered.get(0).dedupKey());
    assertEquals(first.get(0).dedupKey(), InboundEvent.fromRawJson(first.get(0).rawJson()).dedupKey());
  }

  private static Clock at(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }
}
