package dev.parley.examples;

import dev.parley.bot.server.BotService;
import dev.parley.bot.server.ServerConfig;
import dev.parley.examples.merchant.ShopPaymentDesk;
import dev.parley.examples.merchant.ShopTemplates;
import dev.parley.examples.merchant.StripeWebhookEndpoint;
import dev.parley.payments.CheckoutButtons;
import dev.parley.payments.PaymentStore;

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
      }, desk -> new StripeWebhookEndpoint(checkout[0].webhookHandler().signingSecret(config.stripe().webhookSecret())
          .listener(checkout[0].notifyCustomers(new OutboxPaymentNotifier(desk))).build()));
    }
    return builder;
  }
}
