package dev.parley.payments;

import com.stripe.model.Charge;
import com.stripe.model.Refund;
import com.stripe.model.checkout.Session;
import dev.parley.core.Money;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How each Stripe event changes an order's records, and the outcome it yields. Pure decisions on a
 * {@link Ledger}; the store applies them atomically. Every rule moves state forward only, so events
 * can arrive in any order and any number of times. Stateless and thread-safe.
 */
final class PaymentTransitions {
  private static final Logger log = LoggerFactory.getLogger(PaymentTransitions.class);

  private PaymentTransitions() {}

  /** {@code checkout.session.completed}: paid now, or processing when {@code payment_status} is unpaid. */
  static PaymentEvent sessionCompleted(Ledger ledger, Session session, Instant now) {
    String paymentStatus = session.getPaymentStatus();
    if ("paid".equals(paymentStatus) || "no_payment_required".equals(paymentStatus)) {
      return paid(ledger, session, now);
    }
    PaymentState state = ledger.state().orElseThrow();
    if (state.status().canAdvanceTo(PaymentStatus.PROCESSING)) {
      ledger.putState(state.withPaymentIntent(session.getPaymentIntent(), now).withStatus(PaymentStatus.PROCESSING, now));
    }
    return null;
  }

  /** {@code checkout.session.completed} (paid) and {@code checkout.session.async_payment_succeeded}. */
  static PaymentEvent paid(Ledger ledger, Session session, Instant now) {
    PaymentState state = ledger.state().orElseThrow();
    Order order = ledger.order().orElseThrow();
    if (state.status().isPaid()) {
      if (!session.getId().equals(state.sessionId())) {
        log.error("order {} was paid twice: on Checkout Session {} and on {}; refund one of them",
            state.orderId(), state.sessionId(), session.getId());
      }
      return null;
    }
    Money amount = stripeAmount(session.getAmountTotal(), session.getCurrency(), order);
    PaymentState paid = state.withPayment(amount, session.getPaymentIntent(), session.getId(), now);
    Money alreadyRefunded = succeededRefunds(ledger, order);
    if (alreadyRefunded.isPositive()) {
      paid = paid.withRefunded(alreadyRefunded, now);
    }
    ledger.putState(paid);
    return new PaymentEvent.Paid(order, session.getId(), session.getPaymentIntent(), amount);
  }

  /** {@code checkout.session.async_payment_failed}: only the current page can fail the order. */
  static PaymentEvent failed(Ledger ledger, Session session, Instant now) {
    PaymentState state = ledger.state().orElseThrow();
    if (!session.getId().equals(state.sessionId()) || !state.status().canAdvanceTo(PaymentStatus.FAILED)) {
      return null;
    }
    ledger.putState(state.withStatus(PaymentStatus.FAILED, now));
    return new PaymentEvent.Failed(ledger.order().orElseThrow(), session.getId());
  }

  /** {@code checkout.session.expired}: only the current page can expire the order. */
  static PaymentEvent expired(Ledger ledger, Session session, Instant now) {
    PaymentState state = ledger.state().orElseThrow();
    if (!session.getId().equals(state.sessionId()) || !state.status().canAdvanceTo(PaymentStatus.EXPIRED)
        || state.status() == PaymentStatus.PROCESSING) {
      return null;
    }
    ledger.putState(state.withStatus(PaymentStatus.EXPIRED, now));
    return new PaymentEvent.Expired(ledger.order().orElseThrow(), session.getId());
  }

  /**
   * {@code charge.refunded}: the charge's {@code amount_refunded} is a floor for the order's refunded
   * amount. The event names no refund, so the customer is told on the refund's own event.
   */
  static PaymentEvent chargeRefunded(Ledger ledger, Charge charge, Instant now) {
    PaymentState state = requirePaid(ledger, "charge.refunded");
    Order order = ledger.order().orElseThrow();
    Money floor = stripeAmount(charge.getAmountRefunded(), charge.getCurrency(), order);
    if (floor.compareTo(state.refunded()) > 0) {
      ledger.putState(state.withRefunded(floor, now));
    }
    return null;
  }

  /** {@code refund.created}, {@code refund.updated}, {@code refund.failed}. */
  static PaymentEvent refund(Ledger ledger, Refund refund, Instant now) {
    PaymentState state = requirePaid(ledger, "refund " + refund.getId());
    Order order = ledger.order().orElseThrow();
    IssuedRefund.Status reported = IssuedRefund.Status.fromStripe(refund.getStatus());
    Map<String, String> metadata = refund.getMetadata() == null ? Map.of() : refund.getMetadata();
    String requestId = metadata.get(StripeMetadata.REFUND_REQUEST_ID);

    Ledger.RefundEntry entry = ledger.refundById(refund.getId())
        .or(() -> requestId == null ? java.util.Optional.empty() : ledger.refundByRequest(requestId))
        .orElse(null);
    IssuedRefund.Status before;
    IssuedRefund after;
    boolean announced;
    if (entry == null) {
      // Made outside Parley (Stripe's Dashboard) or its request record is on another order: learn it.
      before = IssuedRefund.Status.REQUESTED;
      Instant created = refund.getCreated() == null ? now : Instant.ofEpochSecond(refund.getCreated());
      after = new IssuedRefund(refund.getId(), state.orderId(), requestId == null ? "stripe:" + refund.getId() : requestId,
          stripeAmount(refund.getAmount(), refund.getCurrency(), order), reported,
          metadata.get(StripeMetadata.AGENT), created, refund.getFailureReason());
      announced = false;
      ledger.addRefund(new Ledger.RefundEntry(after, false));
    } else {
      before = entry.refund().status();
      after = entry.refund().answered(refund.getId(), reported, refund.getFailureReason());
      announced = entry.announced();
      ledger.replaceRefund(new Ledger.RefundEntry(after, announced));
    }

    Money succeeded = succeededRefunds(ledger, order);
    boolean lostSuccess = before == IssuedRefund.Status.SUCCEEDED && !after.status().holdsAmount();
    Money refunded = lostSuccess || succeeded.compareTo(state.refunded()) > 0 ? succeeded : state.refunded();
    if (!refunded.equals(state.refunded())) {
      state = state.withRefunded(refunded, now);
      ledger.putState(state);
    }

    if (after.status() == IssuedRefund.Status.SUCCEEDED && !announced) {
      ledger.replaceRefund(new Ledger.RefundEntry(after, true));
      return new PaymentEvent.Refunded(order, after.refundId(), after.amount(), state.refunded(), after.agent());
    }
    if (!after.status().holdsAmount() && before != after.status()) {
      return new PaymentEvent.RefundFailed(order, after.refundId(), after.amount(), after.failureReason(), after.agent());
    }
    return null;
  }

  private static PaymentState requirePaid(Ledger ledger, String what) {
    PaymentState state = ledger.state().orElseThrow();
    if (!state.status().isPaid()) {
      throw new EventNotReadyException(what + " for order " + state.orderId() + " arrived while the order is "
          + state.status() + "; waiting for the payment event");
    }
    return state;
  }

  static Money succeededRefunds(Ledger ledger, Order order) {
    Money total = new Money(0, order.currency());
    for (Ledger.RefundEntry entry : ledger.refunds()) {
      if (entry.refund().status() == IssuedRefund.Status.SUCCEEDED) {
        total = total.plus(entry.refund().amount());
      }
    }
    return total;
  }

  /** Stripe's amount in the order's currency; a different currency is logged and the order's used. */
  private static Money stripeAmount(Long minorUnits, String currency, Order order) {
    if (currency != null && !currency.equalsIgnoreCase(order.currency().getCurrencyCode())) {
      log.error("Stripe reported {} {} for order {} which is in {}", minorUnits, currency, order.id(),
          order.currency().getCurrencyCode());
    }
    return new Money(minorUnits == null ? 0 : minorUnits, order.currency());
  }
}
