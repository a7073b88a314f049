package dev.parley.payments;

import com.google.gson.JsonObject;
import com.stripe.StripeClient;
import com.stripe.net.NoSleepHttpClient;
import dev.parley.core.Money;
import dev.parley.core.Recipient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * One test's world: stripe-java pointed at a MockWebServer answering Stripe's JSON, a store, a
 * clock, CheckoutButtons, and the webhook handler with the default listener and a recording one.
 */
final class Harness implements AutoCloseable {
  static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  static final String API_KEY = "sk_test_51ParleyTestKeyabcdefghijklmnopqrstuvwxyz";
  static final String SECRET = "whsec_parley_test_5f2b8c0e9d7a4b1c";
  static final String SUCCESS_URL = "https://shop.example/thanks?session={CHECKOUT_SESSION_ID}";
  static final String CANCEL_URL = "https://shop.example/cart";
  static final Recipient CUSTOMER = Recipient.messenger("1001", "psid_42");

  final MockWebServer server = new MockWebServer();
  final StripeClient stripe;
  final MutableClock clock = new MutableClock(NOW);
  final PaymentStore store;
  final CheckoutButtons checkout;
  final RecordingNotifier notifier = new RecordingNotifier();
  final List<PaymentEvent> events = new CopyOnWriteArrayList<>();
  final StripeEventSigner signer = new StripeEventSigner(SECRET);
  final StripeWebhookHandler webhook;

  Harness() {
    this(PaymentStore.inMemory());
  }

  Harness(PaymentStore store) {
    this(store, b -> b);
  }

  Harness(PaymentStore store, java.util.function.UnaryOperator<CheckoutButtons.Builder> settings) {
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String base = server.url("/").toString();
    this.stripe = StripeClient.builder()
        .setApiKey(API_KEY)
        .setApiBase(base.substring(0, base.length() - 1))
        .setMaxNetworkRetries(2)
        .setReadTimeout(5_000) // a test that forgot to enqueue an answer fails in seconds, not minutes
        .setHttpClient(new NoSleepHttpClient())
        .build();
    this.store = store;
    this.checkout = settings.apply(CheckoutButtons.builder()
        .stripe(stripe)
        .store(store)
        .successUrl(SUCCESS_URL)
        .cancelUrl(CANCEL_URL)
        .clock(clock))
        .build();
    this.webhook = checkout.webhookHandler()
        .signingSecret(SECRET)
        .listener(events::add)
        .listener(checkout.notifyCustomers(notifier))
        .build();
  }

  /** €42.00: 2 × €18.00 beans + €6.00 shipping. */
  static Order order() {
    return Order.builder("ord_1001", CUSTOMER, "conv_77")
        .customerName("Ada Lovelace")
        .item("Espresso beans 1 kg", 2, Money.parse("18.00", "EUR"), "https://shop.example/img/beans.jpg")
        .shipping("Express", Money.parse("6.00", "EUR"))
        .build();
  }

  static Order singleItem(String id, String amount, String currency) {
    return Order.builder(id, CUSTOMER, "conv_77")
        .customerName("Ada Lovelace")
        .item("Tea set", 1, Money.parse(amount, currency))
        .build();
  }

  /** Stripe's answer to a session create for {@code order}, as Stripe would echo it. */
  static MockResponse sessionCreated(Order order, String sessionId, Instant expiresAt) {
    JsonObject session = Fixtures.json("checkout_session_created.json");
    session.addProperty("id", sessionId);
    session.addProperty("amount_total", order.total().minorUnits());
    session.addProperty("amount_subtotal", order.subtotal().minorUnits());
    session.addProperty("currency", order.currency().getCurrencyCode().toLowerCase());
    session.addProperty("client_reference_id", order.id());
    session.getAsJsonObject("metadata").addProperty("parley_order_id", order.id());
    session.getAsJsonObject("metadata").addProperty("parley_order_version", Integer.toString(order.version()));
    session.addProperty("expires_at", expiresAt.getEpochSecond());
    session.addProperty("url", "https://checkout.stripe.com/c/pay/" + sessionId + "#fidkdWxOYHwnPyd1blpxYHZxWjA0");
    return json(200, session.toString());
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .addHeader("Request-Id", "req_" + Integer.toHexString(body.hashCode()))
        .body(body)
        .build();
  }

  /** Creates the payment page of {@code order} as session {@code sessionId} and drains the request. */
  PaymentLink open(Order order, String sessionId) {
    server.enqueue(sessionCreated(order, sessionId, clock.instant().plusSeconds(86_400 - 60)));
    PaymentLink link = checkout.create(order);
    take();
    return link;
  }

  /** Pays the current page of {@code order} by delivering a signed {@code checkout.session.completed}. */
  StripeWebhookHandler.Response pay(Order order, String sessionId, String eventId) {
    return deliver(Fixtures.event("event_checkout_session_completed.json", eventId, o -> {
      o.addProperty("id", sessionId);
      o.addProperty("amount_total", order.total().minorUnits());
      o.addProperty("currency", order.currency().getCurrencyCode().toLowerCase());
      o.addProperty("client_reference_id", order.id());
      o.getAsJsonObject("metadata").addProperty("parley_order_id", order.id());
    }));
  }

  StripeWebhookHandler.Response deliver(String payload) {
    return webhook.handle(signer.headers(payload, clock.instant()), payload.getBytes(StandardCharsets.UTF_8));
  }

  RecordedRequest take() {
    try {
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      if (request == null) {
        throw new AssertionError("Stripe got no request");
      }
      return request;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static Map<String, List<String>> form(RecordedRequest request) {
    return Fixtures.form(request.getBody() == null ? "" : request.getBody().utf8());
  }

  PaymentState state(String orderId) {
    return store.state(orderId).orElseThrow();
  }

  @Override
  public void close() {
    server.close();
  }
}
