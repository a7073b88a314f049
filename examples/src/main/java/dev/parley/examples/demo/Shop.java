package dev.parley.examples.demo;

import dev.parley.bot.server.BotService;
import dev.parley.bot.server.PaymentWebhook;
import dev.parley.bot.server.ServerConfig;
import dev.parley.core.Parley;
import dev.parley.core.conversation.JdbcConversationStore;
import dev.parley.core.outbox.Outbox;
import dev.parley.examples.merchant.OrderNotifications;
import dev.parley.examples.merchant.ShopPaymentDesk;
import dev.parley.examples.merchant.ShopTemplates;
import dev.parley.examples.merchant.StripeWebhookEndpoint;
import dev.parley.payments.CheckoutButtons;
import dev.parley.payments.PaymentStore;
import dev.parley.payments.StripeWebhookHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The shop's back office in the demo, next to the bot server: it takes payments on Stripe, tells the
 * customer about their order through its own outbox (in its own database, with its own WhatsApp
 * templates), and shows its orders to the agents. It shares the bot server's send client, so the
 * window it sees is the one the customer's messages opened. Thread-safe.
 */
final class Shop implements AutoCloseable {
  static final String NAME = "Maison Lumière";

  final CheckoutButtons payments;
  final ShopPaymentDesk paymentDesk;
  final OrderNotifications notifications;
  private final StripeWebhookHandler stripeEvents;
  private final JdbcConversationStore database;
  private final Outbox outbox;

  private Shop(CheckoutButtons payments, JdbcConversationStore database, Outbox outbox, String webhookSecret) {
    this.payments = payments;
    this.paymentDesk = new ShopPaymentDesk(payments);
    this.database = database;
    this.outbox = outbox;
    this.notifications = new OrderNotifications(outbox, payments, NAME);
    this.stripeEvents = payments.webhookHandler()
        .signingSecret(webhookSecret)
        .listener(OrderNotifications.receiptWhenPaid(payments, outbox, NAME))
        .build();
  }

  /** Opens the shop on the bot server's components: its Stripe settings, its send client, its clock. */
  static Shop open(BotService.Desk desk, Path dataDirectory, Clock clock) {
    ServerConfig.Stripe stripe = desk.config().stripe();
    CheckoutButtons payments = CheckoutButtons.builder()
        .stripe(stripe.apiKey(), stripe.apiBase())
        .store(PaymentStore.jdbc(desk.store().dataSource()))
        .successUrl("https://shop.example/thanks")
        .cancelUrl("https://shop.example/basket")
        .clock(clock)
        .build();
    JdbcConversationStore database = JdbcConversationStore.builder()
        .jdbcUrl(JdbcConversationStore.h2FileUrl(dataDirectory.resolve("shop")))
        .clock(clock)
        .build();
    Parley parley = desk.parley().newBuilder().utilityTemplates(ShopTemplates.forWhatsApp()).build();
    Outbox outbox = Outbox.builder(database.outbox(), parley::sendAsync)
        .clock(clock)
        .pollInterval(Duration.ofMillis(50))
        .build();
    outbox.start();
    return new Shop(payments, database, outbox, stripe.webhookSecret());
  }

  /** {@code POST /webhooks/stripe} of the bot server. */
  PaymentWebhook stripeWebhook() {
    return new StripeWebhookEndpoint(stripeEvents);
  }

  /** True while the shop's outbox still has messages to deliver. */
  boolean outboxBusy() {
    return outbox.counts().unfinished() > 0;
  }

  @Override
  public void close() {
    outbox.close();
    database.close();
  }
}
