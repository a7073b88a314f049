package dev.parley.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.StripeClient;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.model.Refund;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import java.time.Clock;
import java.time.ZoneOffset;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stripe's own Java client talks to the sandbox unchanged and accepts the events it signs. */
class StripeJavaInteropTest {
  @RegisterExtension
  final SandboxFixture f = new SandboxFixture();
  private final StripeClient stripe =
      StripeClient.builder().setApiKey(SandboxFixture.STRIPE_KEY).setApiBase(f.sandbox.stripeApiBase()).build();

  @Test
  void createRetrieveAndRefundThroughStripeJava() throws StripeException {
    SessionCreateParams params = SessionCreateParams.builder()
        .setMode(SessionCreateParams.Mode.PAYMENT)
        .setSuccessUrl("https://shop.example/thanks")
        .setClientReferenceId("conversation-7")
        .putMetadata("order_id", "A-1042")
        .addLineItem(lineItem(3, "jpy", 500, "Matcha"))
        .build();
    RequestOptions key = RequestOptions.builder().setIdempotencyKey("checkout:A-1042").build();

    Session created = stripe.v1().checkout().sessions().create(params, key);
    Session replayed = stripe.v1().checkout().sessions().create(params, key);
    f.sandbox.stripe().payCheckoutSession(created.getId());
    Session paid = stripe.v1().checkout().sessions().retrieve(created.getId());
    Refund refund = stripe.v1().refunds().create(RefundCreateParams.builder()
        .setPaymentIntent(paid.getPaymentIntent()).setAmount(500L).build());

    assertEquals(1500L, created.getAmountTotal());
    assertEquals("jpy", created.getCurrency());
    assertEquals(created.getId(), replayed.getId());
    assertEquals("paid", paid.getPaymentStatus());
    assertEquals("A-1042", paid.getMetadata().get("order_id"));
    assertEquals(500L, refund.getAmount());
    dev.parley.testkit.RecordedRequest first = f.sandbox.requests("/v1/checkout/sessions").get(0);
    assertEquals("checkout:A-1042", first.header("Idempotency-Key"));
    assertTrue(first.header("Content-Type").startsWith("application/x-www-form-urlencoded"));
    assertEquals("3", FormDecoder.nested(first.body()).getAsJsonArray("line_items").get(0).getAsJsonObject()
        .get("quantity").getAsString());
  }

  @Test
  void stripeJavaSeesErrorsAsItsOwnExceptions() {
    SessionCreateParams params = SessionCreateParams.builder().setMode(SessionCreateParams.Mode.PAYMENT).build();

    InvalidRequestException missing = assertThrows(InvalidRequestException.class,
        () -> stripe.v1().checkout().sessions().create(params));
    assertEquals("line_items", missing.getParam());
    assertEquals("parameter_missing", missing.getCode());
    assertEquals(404, assertThrows(InvalidRequestException.class,
        () -> stripe.v1().checkout().sessions().retrieve("cs_test_missing")).getStatusCode());
    SessionCreateParams valid = SessionCreateParams.builder().setMode(SessionCreateParams.Mode.PAYMENT)
        .addLineItem(lineItem(1, "eur", 900, "Tea"))
        .build();
    RequestOptions key = RequestOptions.builder().setIdempotencyKey("same").build();
    assertThrows(InvalidRequestException.class, () -> stripe.v1().checkout().sessions().create(params, key));
    assertTrue(assertDoesNotThrowCreate(valid, key));
    assertThrows(IdempotencyException.class, () -> stripe.v1().checkout().sessions().create(
        SessionCreateParams.builder().setMode(SessionCreateParams.Mode.PAYMENT).setClientReferenceId("other")
            .addLineItem(valid.getLineItems().get(0)).build(), key));
  }

  @Test
  void stripeJavaVerifiesTheSandboxSignatureAndReadsTheEvent() throws Exception {
    Session created = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
        .setMode(SessionCreateParams.Mode.PAYMENT)
        .addLineItem(lineItem(1, "eur", 4200, "Tea"))
        .build());

    f.sandbox.stripe().payCheckoutSession(created.getId());
    RecordedRequest webhook = f.nextWebhook();
    Event event = Webhook.constructEvent(webhook.getBody().utf8(), webhook.getHeaders().get("Stripe-Signature"),
        SandboxFixture.WHSEC, 300, Clock.fixed(SandboxFixture.START, ZoneOffset.UTC));

    assertEquals("checkout.session.completed", event.getType());
    Session session = (Session) event.getDataObjectDeserializer().getObject().orElseThrow();
    assertEquals(created.getId(), session.getId());
    assertEquals("paid", session.getPaymentStatus());
    assertThrows(com.stripe.exception.SignatureVerificationException.class,
        () -> Webhook.constructEvent(webhook.getBody().utf8(), webhook.getHeaders().get("Stripe-Signature"),
            "whsec_other", 300, Clock.fixed(SandboxFixture.START, ZoneOffset.UTC)));
  }

  private static SessionCreateParams.LineItem lineItem(long quantity, String currency, long unitAmount, String name) {
    return SessionCreateParams.LineItem.builder().setQuantity(quantity)
        .setPriceData(SessionCreateParams.LineItem.PriceData.builder().setCurrency(currency).setUnitAmount(unitAmount)
            .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder().setName(name).build())
            .build())
        .build();
  }

  private boolean assertDoesNotThrowCreate(SessionCreateParams params, RequestOptions key) {
    try {
      return stripe.v1().checkout().sessions().create(params, key).getId().startsWith("cs_test_");
    } catch (StripeException e) {
      throw new AssertionError(e);
    }
  }
}
