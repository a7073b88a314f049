package dev.parley.payments;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link PaymentListener}: paid → receipt, expired or failed → a fresh payment button,
 * refunded → a confirmation, each through the {@link CustomerNotifier} under the outcome's dedup
 * key. A refund failure is for the agent, not the customer, and is only logged here. Thread-safe.
 */
final class CustomerNotifications implements PaymentListener {
  private static final Logger log = LoggerFactory.getLogger(CustomerNotifications.class);

  private final CheckoutButtons checkout;
  private final CustomerNotifier notifier;

  CustomerNotifications(CheckoutButtons checkout, CustomerNotifier notifier) {
    this.checkout = checkout;
    this.notifier = java.util.Objects.requireNonNull(notifier, "notifier");
  }

  @Override
  public void onPaymentEvent(PaymentEvent event) {
    if (event instanceof PaymentEvent.Paid paid) {
      notifier.sendReceipt(paid, paid.dedupKey());
    } else if (event instanceof PaymentEvent.Expired || event instanceof PaymentEvent.Failed) {
      offerFreshLink(event);
    } else if (event instanceof PaymentEvent.Refunded refunded) {
      notifier.sendRefundConfirmation(refunded, refunded.dedupKey());
    } else if (event instanceof PaymentEvent.RefundFailed failed) {
      log.warn("refund {} of {} on order {} failed ({}); asked by {}", failed.refundId(), failed.amount(),
          failed.order().id(), failed.reason(), failed.agent());
    }
  }

  private void offerFreshLink(PaymentEvent event) {
    String orderId = event.order().id();
    PaymentStatus status = checkout.state(orderId).map(PaymentState::status).orElse(null);
    if (status != PaymentStatus.EXPIRED && status != PaymentStatus.FAILED && status != PaymentStatus.OPEN) {
      // Paid (or being paid) since: no new page. A redelivery after the fresh page was made finds OPEN.
      log.info("no fresh payment page for order {}: it is {}", orderId, status);
      return;
    }
    PaymentLink fresh = checkout.renew(orderId);
    notifier.sendFreshLink(event, fresh, event.dedupKey());
  }
}
