package dev.parley.payments.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.StripeClient;
import dev.parley.core.Money;
import dev.parley.core.Recipient;
import dev.parley.core.message.Message;
import dev.parley.core.property.JsonMutator;
import dev.parley.core.property.TestResources;
import dev.parley.payments.CheckoutButtons;
import dev.parley.payments.CustomerNotifier;
import dev.parley.payments.Order;
import dev.parley.payments.PaymentMessages;
import dev.parley.payments.PaymentState;
import dev.parley.payments.PaymentStore;
import dev.parley.payments.StripeEventSigner;
import dev.parley.payments.StripeWebhookHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Stripe events mutated from the payments fixtures, 10,000 per property, all signed the way Stripe
 * signs, all about one real order whose payment state they keep pushing around (paid, expired,
 * refunded, in any order): the handler answers 200, 400 or the 503 of an event that must wait, never
 * throws and never answers 500 (its listeners here never fail), and the order's payment state stays
 * readable and consistent.
 */
class StripeEventPropertyTest {

  static {
    // Ten thousand refused events would print ten thousand log lines; the statuses are what is asserted.
    System.setProperty("org.slf4j.simpleLogger.log.dev.parley.payments.StripeWebhookHandler", "off");
    System.setProperty("org.slf4j.simpleLogger.log.dev.parley.payments.PaymentTransitions", "off");
  }

  private static final String SECRET = "whsec_property_test_5f2b8c0e";
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private static final Recipient CUSTOMER = Recipient.messenger("1001", "psid_42");
  private static final List<String> FIXTURES = List.of("event_checkout_session_completed.json",
      "event_checkout_session_expired.json", "event_charge_refunded.json", "event_refund_created.json",
      "event_customer_created.json");
  private static final List<String> EVENTS = FIXTURES.stream().map(StripeEventPropertyTest::fixture).toList();
  private static final Set<Integer> TYPED = Set.of(200, 400, 503);

  private final StripeEventSigner signer = new StripeEventSigner(SECRET);
  private final AtomicInteger notices = new AtomicInteger();
  private MockWebServer stripe;
  private CheckoutButtons checkout;
  private StripeWebhookHandler webhook;

  @BeforeProperty
  void openTheOrder() throws IOException {
    stripe = new MockWebServer();
    stripe.setDispatcher(new StripeStub());
    stripe.start();
    String base = stripe.url("/").toString();
    checkout = CheckoutButtons.builder()
        .stripe(StripeClient.builder().setApiKey("sk_test_property").setApiBase(base.substring(0, base.length() - 1))
            .setMaxNetworkRetries(0).build())
        .store(PaymentStore.inMemory())
        .successUrl("https://shop.example/thanks")
        .cancelUrl("https://shop.example/cart")
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
    webhook = checkout.webhookHandler().signingSecret(SECRET)
        .listener(checkout.notifyCustomers(CustomerNotifier.toConversation(PaymentMessages.defaults(), sink())))
        .build();
    checkout.create(Order.builder("ord_1001", CUSTOMER, "conv_77").customerName("Ada Lovelace")
        .item("Espresso beans 1 kg", 2, Money.parse("18.00", "EUR"))
        .shipping("Express", Money.parse("6.00", "EUR"))
        .build());
  }

  @AfterProperty
  void closeStripe() {
    stripe.close();
  }

  @Property(tries = 10_000)
  void aSignedMutantGetsATypedAnswerAndTheOrderStaysConsistent(@ForAll("mutants") Mutant mutant) {
    byte[] body = mutant.body();
    String payload = new String(body, StandardCharsets.UTF_8);

    StripeWebhookHandler.Response response = webhook.handle(signer.headers(payload, NOW), body);

    assertTrue(TYPED.contains(response.status()), () -> "status " + response.status() + " (" + response.body()
        + ") for " + mutant);
    PaymentState state = checkout.state("ord_1001").orElseThrow();
    assertEquals(Money.parse("42.00", "EUR"), state.total(), "the order's total comes from the order, never an event");
    assertTrue(state.refunded().minorUnits() >= 0 && state.paid().minorUnits() >= 0, () -> state + " after " + mutant);
  }

  @Property(tries = 2_000)
  void aMutantWithAStaleOrForeignSignatureIsRefusedAndChangesNothing(@ForAll("mutants") Mutant mutant) {
    byte[] body = mutant.body();
    String payload = new String(body, StandardCharsets.UTF_8);
    PaymentState before = checkout.state("ord_1001").orElseThrow();

    StripeWebhookHandler.Response stale = webhook.handle(signer.headers(payload, NOW.minusSeconds(3600)), body);
    StripeWebhookHandler.Response foreign = webhook.handle(
        new StripeEventSigner("whsec_someone_else").headers(payload, NOW), body);

    assertEquals(400, stale.status(), () -> "stale signature on " + mutant);
    assertEquals(400, foreign.status(), () -> "foreign signature on " + mutant);
    assertEquals(before, checkout.state("ord_1001").orElseThrow());
  }

  /** Delivers {@code fixture} as a new event, signed, with {@code field} removed from its {@code data.object}. */
  StripeWebhookHandler.Response deliverWithout(String fixture, String field) {
    JsonObject event = JsonParser.parseString(fixture(fixture)).getAsJsonObject();
    event.addProperty("id", "evt_without_" + field);
    event.getAsJsonObject("data").getAsJsonObject("object").remove(field);
    String payload = event.toString();
    return webhook.handle(signer.headers(payload, NOW), payload.getBytes(StandardCharsets.UTF_8));
  }

  @Provide
  Arbitrary<Mutant> mutants() {
    return Combinators.combine(Arbitraries.integers().between(0, FIXTURES.size() - 1),
        Arbitraries.integers().between(1, 5), Arbitraries.longs(), Arbitraries.integers().between(0, 3))
        .as(Mutant::new);
  }

  /**
   * Fixture {@code fixture} with {@code mutations} edits drawn from {@code seed}: inside {@code data}
   * three times in four (where the handler reads), anywhere in the event otherwise. A fresh event id
   * per seed, so most mutants are new events rather than replays.
   */
  record Mutant(int fixture, int mutations, long seed, int where) {
    byte[] body() {
      JsonObject event = JsonParser.parseString(EVENTS.get(fixture)).getAsJsonObject();
      event.addProperty("id", "evt_" + Long.toHexString(seed));
      String json = event.toString();
      return where == 0
          ? JsonMutator.mutate(json, mutations, seed)
          : JsonMutator.mutateMember(json, "data", mutations, seed).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return (where == 0 ? "JsonMutator.mutate(" : "JsonMutator.mutateMember(data of ") + FIXTURES.get(fixture)
          + " with id evt_" + Long.toHexString(seed) + ", " + mutations + ", " + seed + "L)";
    }
  }

  private CustomerNotifier.MessageSink sink() {
    return (Recipient recipient, Message message, String dedupKey) -> notices.incrementAndGet();
  }

  /** Answers Stripe's session and refund calls with the fixtures' shapes, so renewals after an expiry succeed. */
  private static final class StripeStub extends Dispatcher {
    private final AtomicInteger sessions = new AtomicInteger();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getUrl().encodedPath();
      if (path.startsWith("/v1/checkout/sessions") && "POST".equals(request.getMethod())) {
        JsonObject session = JsonParser.parseString(fixture("checkout_session_created.json")).getAsJsonObject();
        String id = path.endsWith("/expire") ? "cs_test_a1B2c3D4e5F6g7H8" : "cs_test_" + sessions.incrementAndGet();
        session.addProperty("id", id);
        session.addProperty("expires_at", NOW.plusSeconds(86_000).getEpochSecond());
        return json(200, session.toString());
      }
      if (path.startsWith("/v1/refunds")) {
        return json(200, fixture("refund_succeeded.json"));
      }
      return json(500, fixture("error_api.json"));
    }

    private static MockResponse json(int code, String body) {
      return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
          .addHeader("Request-Id", "req_property").body(body).build();
    }
  }

  private static String fixture(String name) {
    return TestResources.text("/fixtures/stripe/" + name);
  }

}
