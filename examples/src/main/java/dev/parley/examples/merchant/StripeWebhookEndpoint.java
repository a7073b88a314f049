package dev.parley.examples.merchant;

import dev.parley.bot.server.PaymentWebhook;
import dev.parley.core.webhook.WebhookRequest;
import dev.parley.core.webhook.WebhookResponse;
import dev.parley.payments.StripeWebhookHandler;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The bot server's {@code POST /webhooks/stripe} in front of sdk-payments' {@link
 * StripeWebhookHandler}: hands it the {@code Stripe-Signature} header and the raw body, and answers
 * with its status and plain-text reason. Thread-safe.
 */
public final class StripeWebhookEndpoint implements PaymentWebhook {
  private static final String SIGNATURE = "Stripe-Signature";

  private final StripeWebhookHandler handler;

  public StripeWebhookEndpoint(StripeWebhookHandler handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  @Override
  public WebhookResponse handle(WebhookRequest request) {
    String signature = request.header(SIGNATURE);
    Map<String, List<String>> headers = signature == null ? Map.of() : Map.of(SIGNATURE, List.of(signature));
    StripeWebhookHandler.Response answer = handler.handle(headers, request.body());
    return new WebhookResponse(answer.status(), "text/plain; charset=utf-8", answer.body());
  }

  @Override
  public String toString() {
    return "StripeWebhookEndpoint[" + handler + "]";
  }
}
