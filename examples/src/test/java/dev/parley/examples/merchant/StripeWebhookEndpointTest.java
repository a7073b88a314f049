package dev.parley.examples.merchant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.core.webhook.WebhookRequest;
import dev.parley.core.webhook.WebhookResponse;
import dev.parley.payments.CheckoutButtons;
import dev.parley.payments.PaymentStore;
import dev.parley.payments.StripeEventSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The one Stripe webhook endpoint of the examples: the signature header reaches the handler in any case. */
class StripeWebhookEndpointTest {
  private static final String SECRET = "whsec_examples_endpoint_test_0001";
  private static final String EVENT = "{\"id\":\"evt_1\",\"object\":\"event\",\"api_version\":\"2026-07-29.dahlia\","
      + "\"type\":\"customer.created\",\"data\":{\"object\":{\"id\":\"cus_1\",\"object\":\"customer\"}}}";

  private final StripeWebhookEndpoint endpoint = new StripeWebhookEndpoint(CheckoutButtons.builder()
      .stripe("sk_test_examplesEndpointTest000000", "http://127.0.0.1:9")
      .store(PaymentStore.inMemory())
      .successUrl("https://shop.example/thanks").cancelUrl("https://shop.example/basket")
      .build().webhookHandler().signingSecret(SECRET).build());

  @Test
  void aSignedEventIsHandedOverWhateverTheHeadersCase() {
    String signature = new StripeEventSigner(SECRET).signatureHeader(EVENT, Instant.now());

    WebhookResponse answer = endpoint.handle(WebhookRequest.builder("POST").header("stripe-signature", signature)
        .body(EVENT.getBytes(StandardCharsets.UTF_8)).build());

    assertEquals(200, answer.status(), answer.toString());
  }

  @Test
  void anUnsignedEventIsRefused() {
    WebhookResponse answer = endpoint.handle(WebhookRequest.builder("POST")
        .body(EVENT.getBytes(StandardCharsets.UTF_8)).build());

    assertEquals(400, answer.status());
  }
}
