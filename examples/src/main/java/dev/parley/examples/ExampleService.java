package dev.parley.examples;

import dev.parley.bot.server.BotService;
import dev.parley.bot.server.PaymentWebhook;
import dev.parley.bot.server.ServerConfig;
import dev.parley.core.webhook.WebhookResponse;
import dev.parley.examples.merchant.ShopPaymentDesk;
import dev.parley.examples.merchant.ShopTemplates;
import dev.parley.payments.CheckoutButtons;
import dev.parley.payments.PaymentStore;
import dev.parley.payments.StripeWebhookHandler;
import java.util.List;
import java.util.Map;

/**
 * Wires the example concierge bot, the shop's WhatsApp UTILITY templates (so order updates reach
 * customers whose 24-hour window has closed) and, when {@code STRIPE_API_KEY} is set, Stripe
 * payments (payment links, refunds, the {@code /webhooks/stripe} endpoint) into a {@link BotService}.
 */
final class ExampleService {
  private ExampleService() {}

  static BotService.Builder builder(ServerConfig config) {
    BotService.Builder builder = BotService.builder(config).bot(ConciergeBot::create)
        .parley(parley -> parley.utilityTemplates(ShopTemplates.forWhatsApp()));
    if (config.stripe() != null) {
      CheckoutButtons[] checkout = new CheckoutButtons[1];
      builder.payments(desk -> {
        checkout[0] = CheckoutButtons.builder().stripe(config.stripe().apiKey(), config.stripe().apiBase())
            .store(PaymentStore.jdbc(desk.store().dataSource()))
            .successUrl("https://example.com/paid").cancelUrl("https://example.com/cancelled").build();
        return new ShopPaymentDesk(checkout[0]);
      }, desk -> stripeWebhook(checkout[0].webhookHandler().signingSecret(config.stripe().webhookSecret())
          .listener(checkout[0].notifyCustomers(new OutboxPaymentNotifier(desk))).build()));
    }
    return builder;
  }

  private static PaymentWebhook stripeWebhook(StripeWebhookHandler handler) {
    return request -> {
      Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      String signature = request.header("Stripe-Signature");
      if (signature != null) {
        headers.put("Stripe-Signature", List.of(signature));
      }
      StripeWebhookHandler.Response response = handler.handle(headers, request.body());
      return new WebhookResponse(response.status(), "text/plain; charset=utf-8", response.body());
    };
  }
}
