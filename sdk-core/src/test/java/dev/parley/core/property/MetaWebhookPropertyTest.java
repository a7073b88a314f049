package dev.parley.core.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.InvalidRequestException;
import dev.parley.core.conversation.InMemoryConversationStore;
import dev.parley.core.webhook.InboundEvent;
import dev.parley.core.webhook.WebhookHandler;
import dev.parley.core.webhook.WebhookResponse;
import dev.parley.core.webhook.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Meta webhooks mutated from the golden fixtures, 10,000 per property: a signed body gets 200 or a
 * 400, never the 503 that means an unexpected exception, and whatever events come out are whole
 * (a dedup key, a sender, raw JSON that parses back to the same event), and a good share of the
 * mutants still give events, so a parser that refused everything would fail. An unsigned mutant never
 * gets in.
 */
class MetaWebhookPropertyTest {

  static {
    // Ten thousand refused bodies would print ten thousand WARN lines; the statuses are what is asserted.
    System.setProperty("org.slf4j.simpleLogger.log.dev.parley.core.webhook.WebhookHandler", "error");
    System.setProperty("org.slf4j.simpleLogger.log.dev.parley.core.internal.webhook", "error");
  }

  private static final String SECRET = "property-test-app-secret";
  private static final List<String> FIXTURES = List.of("messenger-attachment", "messenger-bad-item", "messenger-batch",
      "messenger-delivery", "messenger-handover", "messenger-postback", "messenger-quick-reply", "messenger-read",
      "messenger-standby", "messenger-text", "whatsapp-errors", "whatsapp-interactive", "whatsapp-media",
      "whatsapp-non-ascii", "whatsapp-order-reaction", "whatsapp-statuses", "whatsapp-text");
  private static final List<String> PAYLOADS = FIXTURES.stream().map(MetaWebhookPropertyTest::fixture).toList();

  private static final String DELIVERS_EVENTS = "signed mutant delivers events";
  private static final String PARSES_TO_EVENTS = "mutant parses to events";
  /**
   * The share of mutants, in percent, that must still give at least one event: 56 % do (one in six
   * has its text broken, and some tree edits remove the object, the entries or every event); a
   * parser that refused or dropped everything would give none.
   */
  private static final double MIN_SHARE_WITH_EVENTS = 30;

  private final WebhookSigner signer = WebhookSigner.withAppSecret(SECRET);

  @Property(tries = 10_000)
  void aSignedMutantGetsA200OrA400AndOnlyWholeEvents(@ForAll("mutants") Mutant mutant) {
    List<InboundEvent> delivered = new ArrayList<>();
    WebhookHandler handler = WebhookHandler.builder().appSecret(SECRET).verifyToken("verify")
        .journal(new InMemoryConversationStore()).listener(delivered::add).executor(Runnable::run).build();

    WebhookResponse response = handler.handle(signer.signedPost(mutant.body()));

    assertTrue(Set.of(200, 400).contains(response.status()),
        () -> "status " + response.status() + " (" + response.body() + ") for " + mutant);
    if (response.status() == 400) {
      assertTrue(delivered.isEmpty(), "a refused body delivers nothing");
    }
    for (InboundEvent event : delivered) {
      assertWhole(event, mutant);
    }
    // Without this, a parser that refused or dropped everything would pass every assertion above.
    Statistics.label(DELIVERS_EVENTS).collect(!delivered.isEmpty());
    Statistics.label(DELIVERS_EVENTS).coverage(coverage -> coverage.check(true).percentage(p -> p >= MIN_SHARE_WITH_EVENTS));
  }

  @Example
  void everyUnmutatedPayloadDeliversWholeEvents() {
    for (int fixture = 0; fixture < FIXTURES.size(); fixture++) {
      Mutant unmutated = new Mutant(fixture, 0, 0);
      List<InboundEvent> delivered = new ArrayList<>();
      WebhookHandler handler = WebhookHandler.builder().appSecret(SECRET).verifyToken("verify")
          .journal(new InMemoryConversationStore()).listener(delivered::add).executor(Runnable::run).build();

      WebhookResponse response = handler.handle(signer.signedPost(PAYLOADS.get(fixture).getBytes(StandardCharsets.UTF_8)));

      assertEquals(200, response.status(), () -> FIXTURES.get(unmutated.fixture()) + ": " + response.body());
      assertFalse(delivered.isEmpty(), () -> FIXTURES.get(unmutated.fixture()) + " delivered no event");
      for (InboundEvent event : delivered) {
        assertWhole(event, unmutated);
      }
    }
  }

  @Property(tries = 10_000)
  void theParserGivesEventsOrATypedErrorNeverAnotherException(@ForAll("mutants") Mutant mutant) {
    String text = new String(mutant.body(), StandardCharsets.UTF_8);
    List<InboundEvent> events;
    try {
      events = InboundEvent.parse(text);
    } catch (InvalidRequestException refused) {
      assertNotNull(refused.getMessage());
      events = List.of();
    }
    for (InboundEvent event : events) {
      assertWhole(event, mutant);
    }
    Statistics.label(PARSES_TO_EVENTS).collect(!events.isEmpty());
    Statistics.label(PARSES_TO_EVENTS).coverage(coverage -> coverage.check(true).percentage(p -> p >= MIN_SHARE_WITH_EVENTS));
  }

  @Property(tries = 2_000)
  void aMutantSignedForOtherBytesNeverGetsIn(@ForAll("mutants") Mutant mutant) {
    List<InboundEvent> delivered = new ArrayList<>();
    WebhookHandler handler = WebhookHandler.builder().appSecret(SECRET).verifyToken("verify")
        .journal(new InMemoryConversationStore()).listener(delivered::add).executor(Runnable::run).build();
    byte[] original = PAYLOADS.get(mutant.fixture()).getBytes(StandardCharsets.UTF_8);
    var request = dev.parley.core.webhook.WebhookRequest.builder("POST")
        .header(WebhookSigner.SIGNATURE_HEADER, signer.sign(original)).body(mutant.body()).build();

    WebhookResponse response = handler.handle(request);

    if (!java.util.Arrays.equals(original, mutant.body())) {
      assertEquals(401, response.status(), () -> "for " + mutant);
      assertTrue(delivered.isEmpty());
    }
  }

  private static void assertWhole(InboundEvent event, Mutant mutant) {
    assertNotNull(event.from(), () -> "sender of " + event + " from " + mutant);
    assertNotNull(event.occurredAt(), () -> "time of " + event + " from " + mutant);
    assertFalse(event.dedupKey() == null || event.dedupKey().isBlank(), () -> "dedup key of " + event + " from " + mutant);
    InboundEvent again = InboundEvent.fromRawJson(event.rawJson());
    assertEquals(event.getClass(), again.getClass(), () -> "raw JSON of " + event + " reads back differently; " + mutant);
    assertEquals(event.dedupKey(), again.dedupKey(), () -> "raw JSON of " + event + " reads back differently; " + mutant);
    assertEquals(event.from(), again.from(), () -> "raw JSON of " + event + " reads back differently; " + mutant);
  }

  @Provide
  Arbitrary<Mutant> mutants() {
    return Combinators.combine(Arbitraries.integers().between(0, FIXTURES.size() - 1),
        Arbitraries.integers().between(1, 6), Arbitraries.longs()).as(Mutant::new);
  }

  /** Fixture {@code fixture} with {@code mutations} edits drawn from {@code seed}; printed as its recipe. */
  record Mutant(int fixture, int mutations, long seed) {
    byte[] body() {
      return JsonMutator.mutate(PAYLOADS.get(fixture), mutations, seed);
    }

    @Override
    public String toString() {
      return "JsonMutator.mutate(" + FIXTURES.get(fixture) + ".json, " + mutations + ", " + seed + "L)";
    }
  }

  private static String fixture(String name) {
    return TestResources.text("/fixtures/webhook/" + name + ".json");
  }

}
