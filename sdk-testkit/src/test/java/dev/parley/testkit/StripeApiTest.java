package dev.parley.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import mockwebserver3.RecordedRequest;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The emulated Stripe answers like Stripe: session shapes, idempotency, refund bounds, signed events. */
class StripeApiTest {
  @RegisterExtension
  final SandboxFixture f = new SandboxFixture();

  @Test
  void createdSessionHasStripesShape() {
    JsonObject session = f.createSession(null);

    assertTrue(session.get("id").getAsString().startsWith("cs_test_"));
    assertEquals("checkout.session", session.get("object").getAsString());
    assertEquals(4200, session.get("amount_total").getAsLong());
    assertEquals("eur", session.get("currency").getAsString());
    assertEquals("open", session.get("status").getAsString());
    assertEquals("unpaid", session.get("payment_status").getAsString());
    assertTrue(session.get("payment_intent").isJsonNull(), "the PaymentIntent is created at confirmation");
    assertEquals("conversation-7", session.get("client_reference_id").getAsString());
    assertEquals("A-1042", session.getAsJsonObject("metadata").get("order_id").getAsString());
    assertEquals(f.sandbox.stripeApiBase() + "/pay/" + session.get("id").getAsString(), session.get("url").getAsString());
    assertEquals(SandboxFixture.START.getEpochSecond() + 24 * 3600, session.get("expires_at").getAsLong());
    assertFalse(session.get("livemode").getAsBoolean());
  }

  @Test
  void sameIdempotencyKeyReplaysTheFirstAnswer() {
    SandboxFixture.Answer first = f.stripePost("/v1/checkout/sessions", "checkout:A-1042:v1", sessionFields("1500"));
    SandboxFixture.Answer again = f.stripePost("/v1/checkout/sessions", "checkout:A-1042:v1", sessionFields("1500"));
    SandboxFixture.Answer otherKey = f.stripePost("/v1/checkout/sessions", "checkout:A-1042:v2", sessionFields("1500"));

    assertEquals(200, again.status());
    assertEquals(first.json().get("id"), again.json().get("id"));
    assertEquals("true", again.headers().get("Idempotent-Replayed"));
    assertNotEquals(first.json().get("id"), otherKey.json().get("id"));
    assertEquals(2, f.sandbox.stripe().checkoutSessions().size());
  }

  @Test
  void sameIdempotencyKeyWithOtherParametersIsAnIdempotencyError() {
    f.stripePost("/v1/checkout/sessions", "checkout:A-1042", sessionFields("1500"));

    SandboxFixture.Answer changed = f.stripePost("/v1/checkout/sessions", "checkout:A-1042", sessionFields("1600"));

    assertEquals(400, changed.status());
    assertEquals("idempotency_error", changed.error().get("type").getAsString());
    assertEquals(1, f.sandbox.stripe().checkoutSessions().size());
  }

  @Test
  void failedValidationIsNotRememberedUnderItsKey() {
    SandboxFixture.Answer invalid = f.stripePost("/v1/checkout/sessions", "k-1", "mode", "payment");
    SandboxFixture.Answer fixed = f.stripePost("/v1/checkout/sessions", "k-1", sessionFields("1500"));

    assertEquals(400, invalid.status());
    assertEquals("parameter_missing", invalid.error().get("code").getAsString());
    assertEquals("line_items", invalid.error().get("param").getAsString());
    assertEquals(200, fixed.status(), fixed.body());
  }

  @Test
  void apiKeyIsRequiredAndAWrongOneIsQuotedRedacted() {
    SandboxFixture.Answer none = f.call(new Request.Builder().url(f.sandbox.stripeApiBase() + "/v1/events/evt_1").build());
    SandboxFixture.Answer wrong = f.call(new Request.Builder().url(f.sandbox.stripeApiBase() + "/v1/events/evt_1")
        .header("Authorization", "Bearer sk_test_wrongkey_123456789").build());

    assertEquals(401, none.status());
    assertEquals("invalid_request_error", none.error().get("type").getAsString());
    assertEquals(401, wrong.status());
    String message = wrong.error().get("message").getAsString();
    assertTrue(message.endsWith("6789"), message);
    assertFalse(message.contains("wrongkey"), message);
  }

  @Test
  void sessionParametersAreChecked() {
    SandboxFixture.Answer tooLate = f.stripePost("/v1/checkout/sessions", null, concat(sessionFields("1500"),
        "expires_at", String.valueOf(SandboxFixture.START.getEpochSecond() + 25 * 3600)));
    SandboxFixture.Answer tooSmall = f.stripePost("/v1/checkout/sessions", null, sessionFields("20"));
    SandboxFixture.Answer unknown = f.stripePost("/v1/checkout/sessions", null, concat(sessionFields("1500"),
        "paymnet_intent_data[metadata][x]", "1"));

    assertEquals("expires_at", tooLate.error().get("param").getAsString());
    assertEquals("amount_too_small", tooSmall.error().get("code").getAsString());
    assertEquals("parameter_unknown", unknown.error().get("code").getAsString());
  }

  @Test
  void retrieveUnknownSessionIs404ResourceMissing() {
    SandboxFixture.Answer answer = f.stripeGet("/v1/checkout/sessions/cs_test_nope");

    assertEquals(404, answer.status());
    assertEquals("resource_missing", answer.error().get("code").getAsString());
  }

  @Test
  void expireMovesAnOpenSessionToExpiredOnceAndSendsTheEvent() {
    String id = f.createSession(null).get("id").getAsString();

    SandboxFixture.Answer expired = f.stripePost("/v1/checkout/sessions/" + id + "/expire", null);
    SandboxFixture.Answer again = f.stripePost("/v1/checkout/sessions/" + id + "/expire", null);

    assertEquals("expired", expired.json().get("status").getAsString());
    assertTrue(expired.json().get("url").isJsonNull());
    assertEquals(400, again.status());
    JsonObject event = JsonParser.parseString(f.nextWebhook().getBody().utf8()).getAsJsonObject();
    assertEquals("checkout.session.expired", event.get("type").getAsString());
  }

  @Test
  void payingCompletesTheSessionAndSendsASignedCompletedEvent() {
    String id = f.createSession(null).get("id").getAsString();

    WebhookDelivery delivery = f.sandbox.stripe().payCheckoutSession(id);

    RecordedRequest webhook = f.nextWebhook();
    String body = webhook.getBody().utf8();
    String header = webhook.getHeaders().get("Stripe-Signature");
    long t = SandboxFixture.START.getEpochSecond();
    assertEquals("t=" + t + ",v1=" + MessengerSendApiTest.independentHmac(SandboxFixture.WHSEC, t + "." + body),
        header);
    JsonObject event = JsonParser.parseString(body).getAsJsonObject();
    assertEquals(delivery.eventId(), event.get("id").getAsString());
    assertEquals("checkout.session.completed", event.get("type").getAsString());
    assertEquals("2026-07-29.dahlia", event.get("api_version").getAsString());
    JsonObject session = event.getAsJsonObject("data").getAsJsonObject("object");
    assertEquals("complete", session.get("status").getAsString());
    assertEquals("paid", session.get("payment_status").getAsString());
    assertTrue(session.get("payment_intent").getAsString().startsWith("pi_"));
    assertEquals("paid", f.sandbox.stripe().checkoutSession(id).paymentStatus());
    assertEquals(event, f.stripeGet("/v1/events/" + event.get("id").getAsString()).json());
  }

  @Test
  void refundsAreBoundedByWhatRemainsAndSendChargeRefundedAndRefundUpdated() {
    String id = f.createSession(null).get("id").getAsString();
    f.sandbox.stripe().payCheckoutSession(id);
    f.nextWebhook();
    String intent = f.sandbox.stripe().checkoutSession(id).paymentIntentId();

    SandboxFixture.Answer partial = f.stripePost("/v1/refunds", "refund:T-9:1200", "payment_intent", intent,
        "amount", "1200", "reason", "requested_by_customer");
    SandboxFixture.Answer tooMuch = f.stripePost("/v1/refunds", null, "payment_intent", intent, "amount", "3001");
    SandboxFixture.Answer rest = f.stripePost("/v1/refunds", null, "payment_intent", intent);
    SandboxFixture.Answer more = f.stripePost("/v1/refunds", null, "payment_intent", intent, "amount", "1");

    assertEquals(200, partial.status(), partial.body());
    assertTrue(partial.json().get("id").getAsString().startsWith("re_"));
    assertEquals(1200, partial.json().get("amount").getAsLong());
    assertEquals("succeeded", partial.json().get("status").getAsString());
    assertEquals(400, tooMuch.status());
    assertEquals("amount", tooMuch.error().get("param").getAsString());
    assertEquals(3000, rest.json().get("amount").getAsLong());
    assertEquals("charge_already_refunded", more.error().get("code").getAsString());
    assertEquals(4200, f.sandbox.stripe().checkoutSession(id).amountRefunded());

    f.sandbox.awaitWebhooks(Duration.ofSeconds(5));
    JsonObject chargeRefunded = JsonParser.parseString(f.nextWebhook().getBody().utf8()).getAsJsonObject();
    JsonObject refundUpdated = JsonParser.parseString(f.nextWebhook().getBody().utf8()).getAsJsonObject();
    assertEquals("charge.refunded", chargeRefunded.get("type").getAsString());
    JsonObject charge = chargeRefunded.getAsJsonObject("data").getAsJsonObject("object");
    assertEquals(1200, charge.get("amount_refunded").getAsLong());
    assertEquals("A-1042", charge.getAsJsonObject("metadata").get("order_id").getAsString(),
        "payment_intent_data.metadata reaches the charge");
    assertEquals("refund.updated", refundUpdated.get("type").getAsString());
    assertEquals("refund:T-9:1200", refundUpdated.getAsJsonObject("request").get("idempotency_key").getAsString());
  }

  @Test
  void refundOfAnUnpaidOrUnknownPaymentIsRefused() {
    assertEquals(404, f.stripePost("/v1/refunds", null, "payment_intent", "pi_nope").status());
    assertEquals("parameter_missing", f.stripePost("/v1/refunds", null, "amount", "100").error().get("code")
        .getAsString());
  }

  @Test
  void delayedPaymentCompletesUnpaidThenSettles() {
    String id = f.createSession(null).get("id").getAsString();

    f.sandbox.stripe().payCheckoutSessionLater(id);
    JsonObject completed = JsonParser.parseString(f.nextWebhook().getBody().utf8()).getAsJsonObject();
    f.sandbox.stripe().settleDelayedPayment(id, true);
    JsonObject settled = JsonParser.parseString(f.nextWebhook().getBody().utf8()).getAsJsonObject();

    assertEquals("unpaid", completed.getAsJsonObject("data").getAsJsonObject("object").get("payment_status")
        .getAsString());
    assertEquals("checkout.session.async_payment_succeeded", settled.get("type").getAsString());
    assertEquals("paid", f.sandbox.stripe().checkoutSession(id).paymentStatus());
  }

  @Test
  void sessionsExpireWhenTheClockPassesExpiresAt() {
    String id = f.createSession(null).get("id").getAsString();

    f.sandbox.advanceClock(Duration.ofHours(24));

    assertEquals("expired", f.sandbox.stripe().checkoutSession(id).status());
    assertEquals("checkout.session.expired",
        JsonParser.parseString(f.nextWebhook().getBody().utf8()).getAsJsonObject().get("type").getAsString());
  }

  @Test
  void retrieveExpandsThePaymentIntentAndListsLineItems() {
    String id = f.createSession(null).get("id").getAsString();
    f.sandbox.stripe().payCheckoutSession(id);

    JsonObject session = f.stripeGet("/v1/checkout/sessions/" + id + "?expand[]=payment_intent").json();
    JsonObject items = f.stripeGet("/v1/checkout/sessions/" + id + "/line_items").json();

    JsonObject intent = session.getAsJsonObject("payment_intent");
    assertEquals("succeeded", intent.get("status").getAsString());
    assertEquals(4200, intent.get("amount").getAsLong());
    assertEquals(2, items.getAsJsonArray("data").size());
    assertEquals(3000, items.getAsJsonArray("data").get(0).getAsJsonObject().get("amount_total").getAsLong());
  }

  @Test
  void hostedCheckoutPageShowsTheAmountAndPaysOnSubmit() {
    JsonObject session = f.createSession(null);
    String url = session.get("url").getAsString();

    SandboxFixture.Answer page = f.call(new Request.Builder().url(url).build());
    okhttp3.OkHttpClient noRedirects = f.http.newBuilder().followRedirects(false).build();
    int status;
    String location;
    try (okhttp3.Response response = noRedirects.newCall(new Request.Builder().url(url)
        .post(okhttp3.RequestBody.create(new byte[0])).build()).execute()) {
      status = response.code();
      location = response.header("Location");
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }

    assertTrue(page.body().contains("Pay 42.00 EUR"), page.body());
    assertEquals(303, status);
    assertEquals("https://shop.example/thanks?session=" + session.get("id").getAsString(), location);
    f.sandbox.awaitWebhooks(Duration.ofSeconds(5));
    assertEquals("paid", f.sandbox.stripe().checkoutSession(url).paymentStatus());
  }

  private static String[] sessionFields(String unitAmount) {
    return new String[] {
        "mode", "payment",
        "line_items[0][quantity]", "1",
        "line_items[0][price_data][currency]", "eur",
        "line_items[0][price_data][unit_amount]", unitAmount,
        "line_items[0][price_data][product_data][name]", "Tea tin"};
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  static List<String> lines(byte[] body) {
    return List.of(new String(body, StandardCharsets.UTF_8).split("\n"));
  }
}
