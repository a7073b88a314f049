package dev.parley.testkit;

import com.google.gson.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

/**
 * Serializes Stripe events as Stripe does (indented JSON), signs them with the endpoint secret
 * ({@code Stripe-Signature: t=...,v1=...}, timestamp from the sandbox clock) and hands them to the
 * dispatcher. Thread-safe.
 */
final class StripeWebhooks {
  private final SandboxClock clock;
  private final WebhookDispatcher dispatcher;
  private final Supplier<URI> target;
  private final String endpointSecret;

  StripeWebhooks(SandboxClock clock, WebhookDispatcher dispatcher, Supplier<URI> target, String endpointSecret) {
    this.clock = clock;
    this.dispatcher = dispatcher;
    this.target = target;
    this.endpointSecret = endpointSecret;
  }

  /** Delivers the events in order and waits for each. */
  List<WebhookDelivery> deliver(List<JsonObject> events) {
    return events.stream().map(e -> dispatcher.deliver(outgoing(e))).toList();
  }

  /** Queues the events in order without waiting: for events an API call caused. */
  void deliverLater(List<JsonObject> events) {
    events.forEach(e -> dispatcher.submit(outgoing(e)));
  }

  private WebhookDispatcher.Outgoing outgoing(JsonObject event) {
    byte[] body = JsonText.pretty(event);
    String signature = Hmac.stripeSignature(endpointSecret, clock.now().getEpochSecond(), body);
    return new WebhookDispatcher.Outgoing("stripe." + event.get("type").getAsString(), event.get("id").getAsString(),
        target.get(), body, "Stripe-Signature", signature, "Stripe/1.0 (+https://stripe.com/docs/webhooks)");
  }
}
