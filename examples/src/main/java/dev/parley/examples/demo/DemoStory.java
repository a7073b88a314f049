package dev.parley.examples.demo;

import dev.parley.core.Money;
import dev.parley.examples.agent.SupportAgentSession;
import dev.parley.examples.merchant.ShopTemplates;
import dev.parley.payments.Order;
import dev.parley.payments.PaymentLink;
import dev.parley.testkit.SentMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The story the demo tells, once per channel: a customer orders a scarf, pays with the button in the
 * conversation and gets the receipt; a day and a half later the parcel ships (the window has closed:
 * Messenger's {@code POST_PURCHASE_UPDATE} tag, WhatsApp's UTILITY template); it arrives damaged and
 * the customer writes in French; the bot's delivery-problem flow takes it down as a concierge task,
 * and the customer asks for a person; Claire, an agent, answers, refunds part of the order and hands the conversation back.
 * Not thread-safe: the story is told on one thread.
 */
final class DemoStory {
  static final String SHOP = Shop.NAME;
  static final String BOT = "Parley bot";
  static final String AGENT = "Claire (agent)";
  static final Money PRICE = Money.parse("89.00", "EUR");
  static final String REFUND = "20.00";

  private final DemoStage stage;
  private final Transcript transcript;
  private final MessageFeed feed;
  private final SupportAgentSession claire;
  private int orders = 1041;

  DemoStory(DemoStage stage, Transcript transcript) {
    this.stage = stage;
    this.transcript = transcript;
    this.feed = new MessageFeed(stage.sandbox, transcript, stage::outboxesBusy);
    this.claire = new SupportAgentSession(stage.serverUri(), stage.agentToken);
  }

  /** Tells the story on Messenger, then on WhatsApp. */
  void tell() {
    tell(DemoCustomer.camilleOnMessenger(stage.sandbox));
    tell(DemoCustomer.lucasOnWhatsApp(stage.sandbox));
  }

  /** Tells the whole story with one customer. */
  void tell(DemoCustomer customer) {
    String channel = customer.channel() == SentMessage.Platform.MESSENGER ? "Messenger" : "WhatsApp";
    transcript.scene(customer.firstName() + " on " + channel + ": the order");
    says(customer, "Hi! I'd like to order the blue cashmere scarf, please.");
    Order order = stage.shop.paymentDesk.remember(Order.builder("A-" + (++orders), customer.recipient(),
            customer.conversationId())
        .customerName(customer.name())
        .item("Cashmere scarf, blue", 1, PRICE)
        .build());
    moments();
    PaymentLink pay = stage.shop.notifications.confirmed(order);
    feed.await(SHOP, m -> customer.received(m) && m.choices().contains(pay.label()));

    transcript.scene(customer.firstName() + " pays");
    moments();
    stage.sandbox.stripe().payCheckoutSession(customer.buttonUrl(pay.label()));
    transcript.event(stage.sandbox.now(), customer.firstName() + " taps \"" + pay.label()
        + "\" and pays on Stripe's page; Stripe sends checkout.session.completed, signed");
    feed.await(SHOP, customer::received);

    transcript.scene("The parcel ships, 26 hours later");
    stage.sandbox.advanceClock(Duration.ofHours(26));
    transcript.event(stage.sandbox.now(), "26 hours pass: " + customer.firstName() + "'s 24-hour window is closed");
    LocalDate now = LocalDate.ofInstant(stage.sandbox.now(), ZoneOffset.UTC);
    stage.shop.notifications.shipped(order, ShopTemplates.trackingUrl("PX" + order.id().substring(2) + "FR"),
        now.plusDays(2));
    feed.await(SHOP, m -> customer.received(m) && m.tag() != null);
    stage.sandbox.advanceClock(Duration.ofHours(44));
    stage.shop.notifications.delivered(order);
    feed.await(SHOP, m -> customer.received(m) && m.tag() != null);

    transcript.scene(customer.firstName() + " writes in French about a problem");
    says(customer, "Colis abîmé");
    says(customer, order.id());
    says(customer, "Un trou de la taille d'une pièce, sur le bord.");
    says(customer, "Je voudrais parler à quelqu'un, s'il vous plaît.");

    transcript.scene("Claire, an agent, takes over");
    moments();
    SupportAgentSession.Claimed conversation = claire.awaitInQueue(customer.conversationId(), Duration.ofSeconds(10));
    transcript.event(stage.sandbox.now(), "Claire claims the conversation (" + conversation.reason() + ", "
        + conversation.transcript().size() + " messages in its transcript)");
    feed.settle(BOT);
    moments();
    claire.reply(customer.conversationId(), "Bonjour " + customer.firstName() + ", je suis Claire. Toutes mes excuses "
        + "pour l'écharpe ! Je vous rembourse 20 € tout de suite.");
    feed.await(AGENT, customer::received);
    moments();
    SupportAgentSession.Refund refund = claire.refund(customer.conversationId(), REFUND, "scarf damaged in transit");
    transcript.event(stage.sandbox.now(), "Claire refunds " + refund.amount() + " of order " + refund.orderId()
        + " on Stripe (" + refund.refundId() + ", " + refund.status() + ")");
    feed.await(SHOP, customer::received);
    moments();
    claire.completeTasks(customer.conversationId(), "Refunded €20.00 for the damaged scarf.");
    feed.settle(BOT);
    moments();
    claire.handBack(customer.conversationId());
    transcript.event(stage.sandbox.now(), "Claire hands the conversation back to the bot");
    feed.settle(BOT);
    says(customer, "Où est ma commande");
  }

  /**
   * A few seconds pass on the sandbox's clock, as they would between people's actions. WhatsApp allows
   * about one message every 6 seconds to a customer (the pair rate limit, which Parley keeps to on its
   * clock): without these moments the story would wait for it in real time.
   */
  private void moments() {
    stage.sandbox.advanceClock(Duration.ofSeconds(7));
  }

  /** A customer asks for a person and stays in the queue: something for a person to answer in the inbox. */
  void leaveWaiting(DemoCustomer customer, String text) {
    transcript.scene(customer.firstName() + " asks for a person");
    says(customer, text);
  }

  /** The customer writes, and the bot answers. */
  private void says(DemoCustomer customer, String text) {
    moments();
    transcript.customer(stage.sandbox.now(), customer.channel(), customer.name(), text);
    customer.writes(text);
    feed.await(BOT, customer::received);
  }
}
