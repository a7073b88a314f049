package dev.parley.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.Money;
import dev.parley.core.PlatformUnavailableException;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RefundsTest {
  private final Harness h = new Harness();
  private Refunds refunds;

  @BeforeEach
  void paidOrder() {
    h.open(Harness.order(), "cs_test_1");
    h.pay(Harness.order(), "cs_test_1", "evt_paid");
    refunds = h.checkout.refunds();
  }

  @AfterEach
  void close() {
    h.close();
  }

  static MockResponse refundAnswer(String refundId, long amount, String requestId, String status) {
    return Harness.json(200, refundJson(refundId, amount, requestId, status).toString());
  }

  static JsonObject refundJson(String refundId, long amount, String requestId, String status) {
    JsonObject refund = Fixtures.json("refund_succeeded.json");
    refund.addProperty("id", refundId);
    refund.addProperty("amount", amount);
    refund.addProperty("status", status);
    refund.getAsJsonObject("metadata").addProperty("parley_refund_request_id", requestId);
    return refund;
  }

  private String refundEvent(String eventId, String type, String refundId, long amount, String requestId, String status) {
    return Fixtures.event("event_refund_created.json", eventId, o -> {
      o.addProperty("id", refundId);
      o.addProperty("amount", amount);
      o.addProperty("status", status);
      o.getAsJsonObject("metadata").addProperty("parley_refund_request_id", requestId);
    }).replace("\"refund.created\"", "\"" + type + "\"");
  }

  private static Money eur(String amount) {
    return Money.parse(amount, "EUR");
  }

  @Test
  void aPartialRefundGoesToStripeWithItsKeyAndAgent() {
    h.server.enqueue(refundAnswer("re_1", 1000, "req_1", "succeeded"));

    IssuedRefund refund = refunds.refund(RefundRequest.partial("ord_1001", eur("10.00"), "req_1", "ana"));

    assertEquals("re_1", refund.refundId());
    assertEquals(IssuedRefund.Status.SUCCEEDED, refund.status());
    assertEquals("ana", refund.agent());
    RecordedRequest request = h.take();
    assertEquals("/v1/refunds", request.getUrl().encodedPath());
    assertEquals("parley-refund:ord_1001:1000:req_1", request.getHeaders().get("Idempotency-Key"));
    Map<String, List<String>> form = Harness.form(request);
    assertEquals("pi_3PaBcD2eZvKYlo2C1QrStUvW", Fixtures.one(form, "payment_intent"));
    assertEquals("1000", Fixtures.one(form, "amount"));
    assertEquals("requested_by_customer", Fixtures.one(form, "reason"));
    assertEquals("ord_1001", Fixtures.one(form, "metadata[parley_order_id]"));
    assertEquals("req_1", Fixtures.one(form, "metadata[parley_refund_request_id]"));
    assertEquals("ana", Fixtures.one(form, "metadata[parley_agent]"));
    assertEquals(PaymentStatus.PARTIALLY_REFUNDED, h.state("ord_1001").status());
    assertEquals(eur("32.00"), refunds.refundable("ord_1001"));
  }

  @Test
  void partialRefundsSummingToTheTotalRefundTheOrder() {
    h.server.enqueue(refundAnswer("re_1", 1000, "req_1", "succeeded"));
    h.server.enqueue(refundAnswer("re_2", 2500, "req_2", "succeeded"));
    h.server.enqueue(refundAnswer("re_3", 700, "req_3", "succeeded"));

    refunds.refund(RefundRequest.partial("ord_1001", eur("10.00"), "req_1", "ana"));
    refunds.refund(RefundRequest.partial("ord_1001", eur("25.00"), "req_2", "ana"));
    refunds.refund(RefundRequest.partial("ord_1001", eur("7.00"), "req_3", "bob"));

    PaymentState state = h.state("ord_1001");
    assertEquals(PaymentStatus.REFUNDED, state.status());
    assertEquals(eur("42.00"), state.refunded());
    assertEquals(eur("0.00"), refunds.refundable("ord_1001"));
    assertEquals(List.of("ana", "ana", "bob"), refunds.list("ord_1001").stream().map(IssuedRefund::agent).toList());
  }

  @Test
  void anOverRefundIsRefusedWithoutCallingStripe() {
    h.server.enqueue(refundAnswer("re_1", 3000, "req_1", "succeeded"));
    refunds.refund(RefundRequest.partial("ord_1001", eur("30.00"), "req_1", "ana"));
    h.take();

    RefundRefusedException e = assertThrows(RefundRefusedException.class,
        () -> refunds.refund(RefundRequest.partial("ord_1001", eur("12.01"), "req_2", "bob")));

    assertEquals("refund of €12.01 for order ord_1001 refused: €42.00 paid, €30.00 already refunded or on its way back;"
        + " at most €12.00 can be refunded", e.getMessage());
    assertEquals(eur("12.00"), e.refundable());
    assertEquals(2, h.server.getRequestCount(), "the session create and the first refund only");
    assertEquals(1, refunds.list("ord_1001").size());
  }

  @Test
  void aFullRefundTakesWhatIsLeft() {
    h.server.enqueue(refundAnswer("re_1", 1000, "req_1", "succeeded"));
    h.server.enqueue(refundAnswer("re_2", 3200, "req_2", "succeeded"));
    refunds.refund(RefundRequest.partial("ord_1001", eur("10.00"), "req_1", "ana"));

    IssuedRefund rest = refunds.refund(RefundRequest.full("ord_1001", "req_2", "ana"));

    assertEquals(eur("32.00"), rest.amount());
    h.take();
    assertEquals("3200", Fixtures.one(Harness.form(h.take()), "amount"));
    assertEquals(PaymentStatus.REFUNDED, h.state("ord_1001").status());
    RefundRefusedException nothingLeft = assertThrows(RefundRefusedException.class,
        () -> refunds.refund(RefundRequest.full("ord_1001", "req_3", "ana")));
    assertTrue(nothingLeft.getMessage().contains("at most €0.00"), nothingLeft.getMessage());
  }

  @Test
  void theSameRequestTwiceRefundsOnce() {
    h.server.enqueue(refundAnswer("re_1", 1000, "req_1", "succeeded"));
    RefundRequest request = RefundRequest.partial("ord_1001", eur("10.00"), "req_1", "ana");

    IssuedRefund first = refunds.refund(request);
    IssuedRefund second = refunds.refund(request);

    assertEquals(first, second);
    assertEquals(2, h.server.getRequestCount(), "one session, one refund");
    InvalidRequestException other = assertThrows(InvalidRequestException.class,
        () -> refunds.refund(RefundRequest.partial("ord_1001", eur("11.00"), "req_1", "ana")));
    assertTrue(other.getMessage().contains("was made for EUR 10.00, not EUR 11.00"), other.getMessage());
  }

  @Test
  void aRefundWhoseAnswerWasLostIsSentAgainWithTheSameKey() {
    h.server.enqueue(new MockResponse.Builder(Harness.json(500, Fixtures.text("error_api.json")))
        .setHeader("Stripe-Should-Retry", "false").build());
    RefundRequest request = RefundRequest.partial("ord_1001", eur("10.00"), "req_1", "ana");

    assertThrows(PlatformUnavailableException.class, () -> refunds.refund(request));
    assertEquals(IssuedRefund.Status.REQUESTED, refunds.list("ord_1001").get(0).status());
    assertEquals(eur("32.00"), refunds.refundable("ord_1001"), "the amount stays reserved");

    h.server.enqueue(refundAnswer("re_1", 1000, "req_1", "succeeded"));
    IssuedRefund refund = refunds.refund(request);

    assertEquals(IssuedRefund.Status.SUCCEEDED, refund.status());
    String key = h.take().getHeaders().get("Idempotency-Key");
    assertEquals(key, h.take().getHeaders().get("Idempotency-Key"));
    assertEquals(1, refunds.list("ord_1001").size());
  }

  @Test
  void stripeRetriesOfARefundCarryTheSameKey() {
    h.server.enqueue(Harness.json(500, Fixtures.text("error_api.json")));
    h.server.enqueue(refundAnswer("re_1", 1000, "req_1", "pending"));

    IssuedRefund refund = refunds.refund(RefundRequest.partial("ord_1001", eur("10.00"), "req_1", "ana"));

    assertEquals(IssuedRefund.Status.PENDING, refund.status());
    assertEquals("parley-refund:ord_1001:1000:req_1", h.take().getHeaders().get("Idempotency-Key"));
    assertEquals("parley-refund:ord_1001:1000:req_1", h.take().getHeaders().get("Idempotency-Key"));
    assertEquals(PaymentStatus.PAID, h.state("ord_1001").status(), "pending is not refunded yet");
  }

  @Test
  void aRefusedRefundReleasesItsAmount() {
    h.server.enqueue(Harness.json(400, Fixtures.text("error_charge_already_refunded.json")));

    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> refunds.refund(RefundRequest.partial("ord_1001", eur("10.00"), "req_1", "ana")));

    assertTrue(e.getMessage().contains("charge_already_refunded"), e.getMessage());
    IssuedRefund failed = refunds.list("ord_1001").get(0);
    assertEquals(IssuedRefund.Status.FAILED, failed.status());
    assertEquals(eur("42.00"), refunds.refundable("ord_1001"));
  }

  @Test
  void anUnpaidOrderCannotBeRefunded() {
    h.open(Harness.singleItem("ord_open", "20.00", "EUR"), "cs_test_open");

    RefundRefusedException e = assertThrows(RefundRefusedException.class,
        () -> refunds.refund(RefundRequest.full("ord_open", "req_1", "ana")));

    assertEquals("order ord_open is OPEN, not paid; nothing to refund", e.getMessage());
    assertThrows(RefundRefusedException.class, () -> refunds.refund(RefundRequest.full("ord_unknown", "req_1", "ana")));
  }

  @Test
  void theCustomerIsToldOnceWhenStripeConfirms() {
    h.server.enqueue(refundAnswer("re_1", 1000, "req_1", "succeeded"));
    refunds.refund(RefundRequest.partial("ord_1001", eur("10.00"), "req_1", "ana"));
    String created = refundEvent("evt_re_1", "refund.created", "re_1", 1000, "req_1", "succeeded");

    for (int i = 0; i < 3; i++) {
      assertEquals(200, h.deliver(created).status());
    }
    h.deliver(refundEvent("evt_re_1_upd", "refund.updated", "re_1", 1000, "req_1", "succeeded"));

    List<RecordingNotifier.Sent> confirmations = h.notifier.sent.stream()
        .filter(s -> s.kind().equals("refund-confirmation")).toList();
    assertEquals(1, confirmations.size());
    PaymentEvent.Refunded refunded = assertInstanceOf(PaymentEvent.Refunded.class, confirmations.get(0).event());
    assertEquals("refunded:re_1", confirmations.get(0).dedupKey());
    assertEquals(eur("10.00"), refunded.amount());
    assertEquals(eur("10.00"), refunded.totalRefunded());
    assertEquals("ana", refunded.agent());
    assertTrue(!refunded.isFull());
  }

  @Test
  void aPendingRefundIsAnnouncedWhenItSucceeds() {
    h.server.enqueue(refundAnswer("re_1", 4200, "req_1", "pending"));
    refunds.refund(RefundRequest.full("ord_1001", "req_1", "ana"));

    h.deliver(refundEvent("evt_1", "refund.created", "re_1", 4200, "req_1", "pending"));
    assertTrue(h.notifier.sent.stream().noneMatch(s -> s.kind().equals("refund-confirmation")));

    h.deliver(refundEvent("evt_2", "refund.updated", "re_1", 4200, "req_1", "succeeded"));

    assertEquals(PaymentStatus.REFUNDED, h.state("ord_1001").status());
    PaymentEvent.Refunded refunded = (PaymentEvent.Refunded) h.events.get(h.events.size() - 1);
    assertTrue(refunded.isFull());
  }

  @Test
  void aRefundThatFailsAfterSucceedingMakesItsAmountRefundableAgain() {
    h.server.enqueue(refundAnswer("re_1", 1000, "req_1", "succeeded"));
    refunds.refund(RefundRequest.partial("ord_1001", eur("10.00"), "req_1", "ana"));
    h.deliver(refundEvent("evt_1", "refund.created", "re_1", 1000, "req_1", "succeeded"));

    String failed = Fixtures.event("event_refund_created.json", "evt_2", o -> {
      o.addProperty("id", "re_1");
      o.addProperty("status", "failed");
      o.addProperty("failure_reason", "expired_or_canceled_card");
    }).replace("\"refund.created\"", "\"refund.failed\"");
    h.deliver(failed);
    h.deliver(refundEvent("evt_3", "refund.updated", "re_1", 1000, "req_1", "succeeded")); // late and stale

    PaymentEvent.RefundFailed refundFailed = assertInstanceOf(PaymentEvent.RefundFailed.class,
        h.events.get(h.events.size() - 1));
    assertEquals("expired_or_canceled_card", refundFailed.reason());
    assertEquals(IssuedRefund.Status.FAILED, refunds.list("ord_1001").get(0).status());
    assertEquals(eur("42.00"), refunds.refundable("ord_1001"));
    assertEquals(PaymentStatus.PAID, h.state("ord_1001").status());
  }

  @Test
  void aDashboardRefundIsLearnedFromItsEvent() {
    String dashboard = Fixtures.event("event_refund_created.json", "evt_dash", o -> {
      o.addProperty("id", "re_dash");
      o.addProperty("amount", 4200);
      o.add("metadata", new JsonObject());
    });

    assertEquals(200, h.deliver(dashboard).status());

    IssuedRefund learned = refunds.list("ord_1001").get(0);
    assertEquals("stripe:re_dash", learned.requestId());
    assertNull(learned.agent());
    assertEquals(PaymentStatus.REFUNDED, h.state("ord_1001").status());
    assertEquals(1, h.notifier.sent.stream().filter(s -> s.kind().equals("refund-confirmation")).count());
  }

  @Test
  void chargeRefundedRaisesTheRefundedAmount() {
    assertEquals(200, h.deliver(Fixtures.event("event_charge_refunded.json", "evt_ch_1")).status());

    assertEquals(eur("10.00"), h.state("ord_1001").refunded());
    assertEquals(PaymentStatus.PARTIALLY_REFUNDED, h.state("ord_1001").status());
    assertEquals(eur("32.00"), refunds.refundable("ord_1001"));
  }

  @Test
  void aRefundEventBeforeThePaymentEventWaitsForIt() {
    h.open(Harness.singleItem("ord_2", "20.00", "EUR"), "cs_test_2");
    String early = Fixtures.event("event_refund_created.json", "evt_early", o -> {
      o.getAsJsonObject("metadata").addProperty("parley_order_id", "ord_2");
      o.addProperty("payment_intent", "pi_2");
    });

    StripeWebhookHandler.Response response = h.deliver(early);
    assertEquals(503, response.status());

    h.pay(Harness.singleItem("ord_2", "20.00", "EUR"), "cs_test_2", "evt_paid_2");
    assertEquals(200, h.deliver(early).status(), "Stripe's redelivery, once the payment is known");
    assertEquals(PaymentStatus.PARTIALLY_REFUNDED, h.state("ord_2").status());
  }

  @Test
  void threeDecimalRefundsMustEndInZero() {
    Order kwd = Harness.singleItem("ord_kwd", "5.120", "KWD");
    h.open(kwd, "cs_test_kwd");
    h.pay(kwd, "cs_test_kwd", "evt_kwd");

    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> refunds.refund(RefundRequest.partial("ord_kwd", Money.parse("1.005", "KWD"), "req_k", "ana")));

    assertTrue(e.getMessage().contains("end in 0"), e.getMessage());
    assertTrue(refunds.list("ord_kwd").isEmpty());
    h.server.enqueue(refundAnswer("re_k", 1010, "req_k", "succeeded"));
    refunds.refund(RefundRequest.partial("ord_kwd", Money.parse("1.010", "KWD"), "req_k", "ana"));
    assertEquals("1010", Fixtures.one(Harness.form(h.take()), "amount"));
  }

  @Test
  void zeroDecimalRefundsAreWholeYen() {
    Order yen = Harness.singleItem("ord_jpy", "4200", "JPY");
    h.open(yen, "cs_test_jpy");
    h.pay(yen, "cs_test_jpy", "evt_jpy");
    h.server.enqueue(refundAnswer("re_j", 1200, "req_j", "succeeded"));

    refunds.refund(RefundRequest.partial("ord_jpy", Money.of(1200, "JPY"), "req_j", "ana"));

    assertEquals("1200", Fixtures.one(Harness.form(h.take()), "amount"));
    assertEquals(Money.of(3000, "JPY"), refunds.refundable("ord_jpy"));
    assertThrows(InvalidRequestException.class,
        () -> refunds.refund(RefundRequest.partial("ord_jpy", Money.parse("1.50", "EUR"), "req_x", "ana")));
  }
}
