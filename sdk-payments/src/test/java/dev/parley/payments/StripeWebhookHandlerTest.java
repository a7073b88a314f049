package dev.parley.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.stripe.net.Webhook;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.Money;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StripeWebhookHandlerTest {
  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void happyPathEndsInOneReceiptInTheCustomersConversation() {
    Order order = Harness.order();
    h.open(order, "cs_test_1");

    StripeWebhookHandler.Response response = h.pay(order, "cs_test_1", "evt_paid_1");

    assertEquals(200, response.status());
    PaymentState state = h.state("ord_1001");
    assertEquals(PaymentStatus.PAID, state.status());
    assertEquals(Money.parse("42.00", "EUR"), state.paid());
    assertEquals("pi_3PaBcD2eZvKYlo2C1QrStUvW", state.paymentIntentId());
    assertEquals(1, h.notifier.sent.size());
    RecordingNotifier.Sent receipt = h.notifier.sent.get(0);
    assertEquals("receipt", receipt.kind());
    assertEquals("paid:cs_test_1", receipt.dedupKey());
    PaymentEvent.Paid paid = assertInstanceOf(PaymentEvent.Paid.class, receipt.event());
    assertEquals(order, paid.order());
    assertEquals(Money.parse("42.00", "EUR"), paid.amount());
  }

  @Test
  void anEventReplayedThreeTimesHasOneEffect() {
    Order order = Harness.order();
    h.open(order, "cs_test_1");

    List<Integer> statuses = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      statuses.add(h.pay(order, "cs_test_1", "evt_paid_1").status());
    }

    assertEquals(List.of(200, 200, 200), statuses);
    assertEquals(1, h.events.size());
    assertEquals(1, h.notifier.sent.size());
    assertEquals(PaymentStatus.PAID, h.state("ord_1001").status());
  }

  @Test
  void expiredAfterCompletedDoesNotUndoThePayment() {
    Order order = Harness.order();
    h.open(order, "cs_test_1");
    h.pay(order, "cs_test_1", "evt_paid_1");

    StripeWebhookHandler.Response late = h.deliver(
        Fixtures.event("event_checkout_session_expired.json", "evt_exp_1", o -> o.addProperty("id", "cs_test_1")));

    assertEquals(200, late.status());
    assertEquals(PaymentStatus.PAID, h.state("ord_1001").status());
    assertEquals(List.of("receipt"), h.notifier.sent.stream().map(RecordingNotifier.Sent::kind).toList());
    assertEquals(1, h.server.getRequestCount(), "no fresh payment page for a paid order");
  }

  @Test
  void aPaymentThatArrivesAfterTheExpiryStillCounts() {
    Order order = Harness.order();
    h.open(order, "cs_test_1");
    h.server.enqueue(Harness.sessionCreated(order, "cs_test_2", Harness.NOW.plusSeconds(86_340)));
    h.deliver(Fixtures.event("event_checkout_session_expired.json", "evt_exp_1", o -> o.addProperty("id", "cs_test_1")));

    h.pay(order, "cs_test_2", "evt_paid_2");

    assertEquals(PaymentStatus.PAID, h.state("ord_1001").status());
    assertEquals(List.of("fresh-link", "receipt"), h.notifier.sent.stream().map(RecordingNotifier.Sent::kind).toList());
    assertEquals("cs_test_2", h.notifier.sent.get(0).link().sessionId());
  }

  @Test
  void anExpiredPageGetsAFreshButtonOnce() {
    Order order = Harness.order();
    h.open(order, "cs_test_1");
    h.server.enqueue(Harness.sessionCreated(order, "cs_test_2", Harness.NOW.plusSeconds(86_340)));
    String expired = Fixtures.event("event_checkout_session_expired.json", "evt_exp_1", o -> o.addProperty("id", "cs_test_1"));

    for (int i = 0; i < 3; i++) {
      assertEquals(200, h.deliver(expired).status());
    }

    assertEquals(1, h.notifier.sent.size());
    RecordingNotifier.Sent fresh = h.notifier.sent.get(0);
    assertEquals("fresh-link", fresh.kind());
    assertEquals("expired:cs_test_1", fresh.dedupKey());
    assertEquals("cs_test_2", fresh.link().sessionId());
    assertEquals("Pay €42.00", fresh.link().label());
    assertEquals(PaymentStatus.OPEN, h.state("ord_1001").status());
    assertEquals(2, h.server.getRequestCount());
  }

  @Test
  void anOldPagesExpiryIsIgnoredOnceANewerPageIsOpen() {
    Order order = Harness.order();
    h.open(order, "cs_test_v1");
    Order v2 = order.toBuilder().version(2).build();
    h.server.enqueue(Harness.sessionCreated(v2, "cs_test_v2", Harness.NOW.plusSeconds(86_340)));
    h.server.enqueue(Harness.json(200, Fixtures.text("checkout_session_expired_response.json")));
    h.checkout.create(v2);

    h.deliver(Fixtures.event("event_checkout_session_expired.json", "evt_exp_v1", o -> o.addProperty("id", "cs_test_v1")));

    assertEquals(PaymentStatus.OPEN, h.state("ord_1001").status());
    assertEquals("cs_test_v2", h.state("ord_1001").sessionId());
    assertTrue(h.notifier.sent.isEmpty());
  }

  @Test
  void aDelayedPaymentWaitsThenSucceeds() {
    Order order = Harness.order();
    h.open(order, "cs_test_1");

    h.deliver(Fixtures.event("event_checkout_session_completed.json", "evt_done_unpaid", o -> {
      o.addProperty("id", "cs_test_1");
      o.addProperty("payment_status", "unpaid");
    }));
    assertEquals(PaymentStatus.PROCESSING, h.state("ord_1001").status());
    assertTrue(h.notifier.sent.isEmpty());

    String succeeded = Fixtures.event("event_checkout_session_completed.json", "evt_async_ok", o -> {
      o.addProperty("id", "cs_test_1");
      o.addProperty("payment_status", "paid");
    }).replace("\"checkout.session.completed\"", "\"checkout.session.async_payment_succeeded\"");
    h.deliver(succeeded);

    assertEquals(PaymentStatus.PAID, h.state("ord_1001").status());
    assertEquals(List.of("receipt"), h.notifier.sent.stream().map(RecordingNotifier.Sent::kind).toList());
  }

  @Test
  void aDelayedPaymentThatFailsOffersAFreshButton() {
    Order order = Harness.order();
    h.open(order, "cs_test_1");
    h.deliver(Fixtures.event("event_checkout_session_completed.json", "evt_done_unpaid", o -> {
      o.addProperty("id", "cs_test_1");
      o.addProperty("payment_status", "unpaid");
    }));
    h.server.enqueue(Harness.sessionCreated(order, "cs_test_2", Harness.NOW.plusSeconds(86_340)));

    String failed = Fixtures.event("event_checkout_session_completed.json", "evt_async_failed", o -> {
      o.addProperty("id", "cs_test_1");
      o.addProperty("payment_status", "unpaid");
    }).replace("\"checkout.session.completed\"", "\"checkout.session.async_payment_failed\"");
    assertEquals(200, h.deliver(failed).status());

    assertInstanceOf(PaymentEvent.Failed.class, h.events.get(0));
    assertEquals("failed:cs_test_1", h.notifier.sent.get(0).dedupKey());
    assertEquals("cs_test_2", h.notifier.sent.get(0).link().sessionId());
    assertEquals("parley-checkout:ord_1001:v1:a2", h.take().getHeaders().get("Idempotency-Key"));
  }

  @Test
  void aBadSignatureIsRejectedAndChangesNothing() {
    Order order = Harness.order();
    h.open(order, "cs_test_1");
    String payload = Fixtures.event("event_checkout_session_completed.json", "evt_forged");
    StripeEventSigner forger = new StripeEventSigner("whsec_not_the_endpoint_secret");

    StripeWebhookHandler.Response response = h.webhook.handle(forger.headers(payload, h.clock.instant()),
        payload.getBytes(StandardCharsets.UTF_8));

    assertEquals(400, response.status());
    assertEquals("signature rejected", response.body(), "which check failed is logged, not told to the sender");
    assertEquals(PaymentStatus.OPEN, h.state("ord_1001").status());
    assertTrue(h.events.isEmpty());
    assertEquals(200, h.pay(order, "cs_test_1", "evt_forged").status(), "the forged id was not recorded");
  }

  @Test
  void aTamperedBodyIsRejected() {
    h.open(Harness.order(), "cs_test_1");
    String payload = Fixtures.event("event_checkout_session_completed.json", "evt_1", o -> o.addProperty("id", "cs_test_1"));
    Map<String, List<String>> headers = h.signer.headers(payload, h.clock.instant());

    String tampered = payload.replace("\"amount_total\":4200", "\"amount_total\":1");
    StripeWebhookHandler.Response response = h.webhook.handle(headers, tampered.getBytes(StandardCharsets.UTF_8));

    assertEquals(400, response.status());
    assertEquals(PaymentStatus.OPEN, h.state("ord_1001").status());
  }

  @Test
  void aStaleTimestampIsRejectedAndChangesNothing() {
    Order order = Harness.order();
    h.open(order, "cs_test_1");
    String payload = Fixtures.event("event_checkout_session_completed.json", "evt_replayed", o -> o.addProperty("id", "cs_test_1"));
    Map<String, List<String>> headers = h.signer.headers(payload, h.clock.instant().minus(Duration.ofSeconds(301)));

    StripeWebhookHandler.Response response = h.webhook.handle(headers, payload.getBytes(StandardCharsets.UTF_8));

    assertEquals(400, response.status());
    assertEquals("signature rejected", response.body(), "which check failed is logged, not told to the sender");
    assertEquals(PaymentStatus.OPEN, h.state("ord_1001").status());
    assertTrue(h.notifier.sent.isEmpty());
  }

  @Test
  void aTimestampWithinToleranceIsAccepted() {
    h.open(Harness.order(), "cs_test_1");
    String payload = Fixtures.event("event_checkout_session_completed.json", "evt_1", o -> o.addProperty("id", "cs_test_1"));
    Map<String, List<String>> headers = h.signer.headers(payload, h.clock.instant().minus(Duration.ofSeconds(299)));

    assertEquals(200, h.webhook.handle(headers, payload.getBytes(StandardCharsets.UTF_8)).status());
    assertEquals(PaymentStatus.PAID, h.state("ord_1001").status());
  }

  @Test
  void aRolledSecretIsAcceptedAmongSeveralSignatures() {
    h.open(Harness.order(), "cs_test_1");
    String payload = Fixtures.event("event_checkout_session_completed.json", "evt_1", o -> o.addProperty("id", "cs_test_1"));
    String old = new StripeEventSigner("whsec_old_secret").signatureHeader(payload, h.clock.instant());
    String current = h.signer.signatureHeader(payload, h.clock.instant());
    String both = old + "," + current.substring(current.indexOf("v1=")) + ",v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39";

    StripeWebhookHandler.Response response = h.webhook.handle(Map.of("stripe-signature", List.of(both)),
        payload.getBytes(StandardCharsets.UTF_8));

    assertEquals(200, response.status());
  }

  @Test
  void aMissingSignatureHeaderIsRejected() {
    String payload = Fixtures.event("event_checkout_session_completed.json", "evt_1");
    StripeWebhookHandler.Response response = h.webhook.handle(Map.of("Content-Type", List.of("application/json")),
        payload.getBytes(StandardCharsets.UTF_8));
    assertEquals(400, response.status());
    assertEquals("missing Stripe-Signature header", response.body());
  }

  @Test
  void anEventInAnotherApiVersionIsRefusedLoudlyNotProcessedEmpty() {
    h.open(Harness.order(), "cs_test_1");
    String payload = Fixtures.event("event_checkout_session_completed.json", "evt_old", o -> o.addProperty("id", "cs_test_1"))
        .replace("2026-07-29.dahlia", "2025-03-31.basil");

    StripeWebhookHandler.Response response = h.deliver(payload);

    assertEquals(400, response.status());
    assertEquals("API version mismatch: event evt_old is 2025-03-31.basil, this endpoint reads 2026-07-29.dahlia",
        response.body());
    assertEquals(PaymentStatus.OPEN, h.state("ord_1001").status());
    assertTrue(h.events.isEmpty());
  }

  @Test
  void anEventInAnEarlierVersionOfTheSameReleaseIsRead() {
    h.open(Harness.order(), "cs_test_1");
    String payload = Fixtures.event("event_checkout_session_completed.json", "evt_march", o -> o.addProperty("id", "cs_test_1"))
        .replace("2026-07-29.dahlia", "2026-03-25.dahlia");

    assertEquals(200, h.deliver(payload).status());
    assertEquals(PaymentStatus.PAID, h.state("ord_1001").status());
  }

  @Test
  void otherEventTypesAreAcknowledgedAndIgnored() {
    StripeWebhookHandler.Response response = h.deliver(Fixtures.event("event_customer_created.json", "evt_cus"));
    assertEquals(200, response.status());
    assertEquals("ignored: customer.created", response.body());
  }

  @Test
  void eventsOfOrdersThisStoreNeverOfferedAreIgnored() {
    StripeWebhookHandler.Response response = h.pay(Harness.singleItem("ord_elsewhere", "10.00", "EUR"), "cs_x", "evt_x");
    assertEquals(200, response.status());
    assertEquals("ignored: not a Parley order", response.body());
    assertTrue(h.events.isEmpty());
  }

  @Test
  void anotherTenantsEventsAreIgnored() {
    try (Harness tenant = new Harness(PaymentStore.inMemory(), b -> b.tenantId("shop-42"))) {
      tenant.open(Harness.order(), "cs_test_1");
      String theirs = Fixtures.event("event_checkout_session_completed.json", "evt_t", o -> {
        o.addProperty("id", "cs_test_1");
        o.getAsJsonObject("metadata").addProperty("parley_tenant_id", "shop-7");
      });

      assertEquals("ignored: another tenant's session", tenant.deliver(theirs).body());
      assertEquals(PaymentStatus.OPEN, tenant.state("ord_1001").status());
    }
  }

  @Test
  void anEventWithoutTenantMetadataForASessionThisStoreNeverCreatedIsIgnored() {
    try (Harness tenant = new Harness(PaymentStore.inMemory(), b -> b.tenantId("shop-42"))) {
      Order order = Harness.order();
      tenant.open(order, "cs_test_1");

      // Another shop on the same Stripe account, without tenant ids, numbers its orders alike.
      StripeWebhookHandler.Response theirs = tenant.pay(order, "cs_their_own", "evt_theirs");

      assertEquals("ignored: another tenant's session", theirs.body());
      assertEquals(PaymentStatus.OPEN, tenant.state("ord_1001").status());
      assertTrue(tenant.events.isEmpty());
    }
  }

  @Test
  void anEventWithoutTenantMetadataForThisStoresOwnSessionIsTaken() {
    try (Harness tenant = new Harness(PaymentStore.inMemory(), b -> b.tenantId("shop-42"))) {
      Order order = Harness.order();
      tenant.open(order, "cs_test_1");

      assertEquals(200, tenant.pay(order, "cs_test_1", "evt_paid").status());

      assertEquals(PaymentStatus.PAID, tenant.state("ord_1001").status());
    }
  }

  @Test
  void aDashboardRefundWithoutMetadataIsTakenByItsPaymentIntentOnly() {
    try (Harness tenant = new Harness(PaymentStore.inMemory(), b -> b.tenantId("shop-42"))) {
      Order order = Harness.order();
      tenant.open(order, "cs_test_1");
      tenant.pay(order, "cs_test_1", "evt_paid");
      String otherIntent = Fixtures.event("event_refund_created.json", "evt_other", o -> {
        o.addProperty("id", "re_other");
        o.addProperty("payment_intent", "pi_of_another_shop");
        o.remove("metadata");
        JsonObject metadata = new JsonObject();
        metadata.addProperty("parley_order_id", "ord_1001");
        o.add("metadata", metadata);
      });
      String dashboard = Fixtures.event("event_refund_created.json", "evt_dash", o -> {
        o.addProperty("id", "re_dash");
        o.add("metadata", new JsonObject());
      });

      assertEquals("ignored: another tenant's refund", tenant.deliver(otherIntent).body());
      assertEquals(PaymentStatus.PAID, tenant.state("ord_1001").status());

      assertEquals(200, tenant.deliver(dashboard).status());
      assertEquals(PaymentStatus.PARTIALLY_REFUNDED, tenant.state("ord_1001").status());
    }
  }

  @Test
  void aStoreWithoutTenantIgnoresEventsTaggedWithOne() {
    Order order = Harness.order();
    h.open(order, "cs_test_1");
    String tagged = Fixtures.event("event_checkout_session_completed.json", "evt_t", o -> {
      o.addProperty("id", "cs_test_1");
      o.getAsJsonObject("metadata").addProperty("parley_tenant_id", "shop-7");
    });

    assertEquals("ignored: another tenant's session", h.deliver(tagged).body());
    assertEquals(PaymentStatus.OPEN, h.state("ord_1001").status());
  }

  @Test
  void aFailingListenerGetsTheSameOutcomeOnRedeliveryThenItIsDone() {
    Order order = Harness.order();
    AtomicInteger calls = new AtomicInteger();
    StripeWebhookHandler flaky = h.checkout.webhookHandler()
        .signingSecret(Harness.SECRET)
        .listener(event -> {
          if (calls.incrementAndGet() == 1) {
            throw new IllegalStateException("outbox unavailable");
          }
        })
        .listener(h.events::add)
        .build();
    h.open(order, "cs_test_1");
    String payload = Fixtures.event("event_checkout_session_completed.json", "evt_paid", o -> o.addProperty("id", "cs_test_1"));
    Map<String, List<String>> headers = h.signer.headers(payload, h.clock.instant());
    byte[] body = payload.getBytes(StandardCharsets.UTF_8);

    assertEquals(500, flaky.handle(headers, body).status());
    assertEquals(200, flaky.handle(headers, body).status());
    assertEquals(200, flaky.handle(headers, body).status());

    assertEquals(2, calls.get());
    assertEquals(2, h.events.size());
    assertEquals(h.events.get(0), h.events.get(1));
    assertEquals("paid:cs_test_1", h.events.get(1).dedupKey());
  }

  @Test
  void stripeJavaVerifiesWhatTheSignerSigns() throws Exception {
    String payload = Fixtures.text("event_customer_created.json");
    String header = h.signer.signatureHeader(payload, h.clock.instant());

    assertTrue(header.matches("t=1795341600,v1=[0-9a-f]{64}"), header);
    assertTrue(Webhook.Signature.verifyHeader(payload, header, Harness.SECRET, 300, h.clock));
    assertEquals(Webhook.Signature.generateSignatureHeader(payload, Harness.SECRET, 1795341600L), header);
  }

  @Test
  void theHandlerRefusesToRunWithoutASecretOrWithTheTimeCheckOff() {
    assertThrows(InvalidRequestException.class, () -> h.checkout.webhookHandler().build());
    assertThrows(InvalidRequestException.class,
        () -> h.checkout.webhookHandler().signingSecret(Harness.SECRET).tolerance(Duration.ZERO).build());
    assertTrue(!h.webhook.toString().contains(Harness.SECRET) && !h.signer.toString().contains(Harness.SECRET));
  }
}
