package dev.parley.bot.server;

import dev.parley.core.webhook.WebhookRequest;
import dev.parley.core.webhook.WebhookResponse;

/**
 * The payment provider's webhook endpoint ({@code POST /webhooks/stripe}), behind an interface so
 * the bot framework needs no payment library: {@code sdk-payments}' Stripe webhook handler
 * implements it (the {@code examples} module plugs it in). It receives the raw body bytes, which
 * the signature is computed over. Implementations are thread-safe and never throw for bad input:
 * they answer 400 (malformed), 401 or 400 (bad signature), 200 (done or ignored) or 503 (try again).
 */
@FunctionalInterface
public interface PaymentWebhook {

  /** Answers one webhook request. */
  WebhookResponse handle(WebhookRequest request);

  /** The largest body accepted, in bytes; the server answers 413 beyond it. */
  default int maxBodyBytes() {
    return 256 * 1024;
  }
}
