package dev.parley.examples;

import dev.parley.bot.handoff.HandoffReason;
import dev.parley.bot.server.BotService;
import dev.parley.core.message.Buttons;
import dev.parley.core.message.Message;
import dev.parley.core.message.UrlButton;
import dev.parley.core.Recipient;
import dev.parley.payments.CustomerNotifier;
import dev.parley.payments.PaymentEvent;
import dev.parley.payments.PaymentLink;
import java.util.Map;
import java.util.Locale;

/**
 * Tells customers about their payments through the bot's outbox (each outcome once, by its dedup
 * key), and hands a conversation to a person when a payment fails. Thread-safe.
 */
final class OutboxPaymentNotifier implements CustomerNotifier {
  private final BotService.Desk desk;

  OutboxPaymentNotifier(BotService.Desk desk) {
    this.desk = desk;
  }

  @Override
  public void sendReceipt(PaymentEvent.Paid paid, String dedupKey) {
    tell(paid.order().customer(), Message.text("Thank you! We received " + paid.amount().format(Locale.UK)
        + " for order " + paid.order().id() + "."), dedupKey);
  }

  @Override
  public void sendFreshLink(PaymentEvent reason, PaymentLink freshLink, String dedupKey) {
    Recipient customer = freshLink == null ? null : orderCustomer(reason);
    if (customer == null) {
      return;
    }
    tell(customer, Buttons.of("Your payment did not go through. Here is a fresh link.",
        new UrlButton(freshLink.label(), freshLink.url())), dedupKey);
    if (reason instanceof PaymentEvent.Failed) {
      desk.handoffs().handOff(customer, HandoffReason.PAYMENT_PROBLEM, "payment failed for order "
          + freshLink.orderId(), Map.of("orderNumber", freshLink.orderId()), "en");
    }
  }

  @Override
  public void sendRefundConfirmation(PaymentEvent.Refunded refunded, String dedupKey) {
    tell(refunded.order().customer(), Message.text("We refunded " + refunded.amount().format(Locale.UK)
        + " for order " + refunded.order().id() + ". It can take a few days to show on your statement."), dedupKey);
  }

  private static Recipient orderCustomer(PaymentEvent event) {
    if (event instanceof PaymentEvent.Failed failed) {
      return failed.order().customer();
    }
    if (event instanceof PaymentEvent.Expired expired) {
      return expired.order().customer();
    }
    return null;
  }

  private void tell(Recipient customer, Message message, String dedupKey) {
    desk.outbox().enqueue(customer, message, dedupKey);
  }
}
