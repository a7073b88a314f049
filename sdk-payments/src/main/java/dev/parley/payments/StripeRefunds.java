package dev.parley.payments;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.RefundCreateParams;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.Money;
import dev.parley.core.ParleyException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Refunds} on Stripe. A refund is first reserved in the store under the order's lock (so
 * concurrent refunds cannot together exceed what was paid), then sent with an idempotency key
 * from order, amount and request id, then recorded as Stripe answered. Thread-safe.
 */
final class StripeRefunds implements Refunds {
  private static final Logger log = LoggerFactory.getLogger(StripeRefunds.class);

  private final StripeClient stripe;
  private final PaymentStore store;
  private final String tenantId;
  private final Function<String, RequestOptions> options;
  private final Clock clock;

  /** {@code options}: the request options for an idempotency key, as {@link CheckoutButtons} sets them. */
  StripeRefunds(StripeClient stripe, PaymentStore store, String tenantId, Function<String, RequestOptions> options,
      Clock clock) {
    this.stripe = stripe;
    this.store = store;
    this.tenantId = tenantId;
    this.options = options;
    this.clock = clock;
  }

  @Override
  public IssuedRefund refund(RefundRequest request) {
    Reservation reservation = store.update(request.orderId(), ledger -> reserve(ledger, request, clock.instant()));
    IssuedRefund reserved = reservation.refund();
    if (reserved.status() != IssuedRefund.Status.REQUESTED) {
      return reserved;
    }
    Refund refund;
    try {
      refund = stripe.v1().refunds().create(params(request, reservation), options.apply(
          IdempotencyKeys.refund(tenantId, request.orderId(), reserved.amount().minorUnits(), request.requestId())));
    } catch (StripeException e) {
      ParleyException translated = StripeErrors.translate(e, "refund " + reserved.amount() + " of order "
          + request.orderId());
      if (!translated.isTransient() && translated instanceof InvalidRequestException) {
        // Stripe said no for good: the reservation is released; the same request id reports the failure.
        record(request, null, IssuedRefund.Status.FAILED, translated.getMessage());
      }
      throw translated;
    }
    IssuedRefund answered = record(request, refund.getId(), IssuedRefund.Status.fromStripe(refund.getStatus()),
        refund.getFailureReason());
    log.info("refund {} of {} on order {} by {}: {}", refund.getId(), answered.amount(), request.orderId(),
        request.agent(), answered.status());
    return answered;
  }

  @Override
  public Money refundable(String orderId) {
    return store.update(orderId, ledger -> {
      if (ledger.state().isEmpty()) {
        throw new InvalidRequestException("order " + orderId + " is unknown here; it has no payment");
      }
      return refundable(ledger);
    });
  }

  @Override
  public List<IssuedRefund> list(String orderId) {
    return store.refunds(orderId);
  }

  private record Reservation(IssuedRefund refund, String paymentIntentId) {}

  private static Reservation reserve(Ledger ledger, RefundRequest request, Instant now) {
    PaymentState state = ledger.state().orElseThrow(() -> new RefundRefusedException(
        "order " + request.orderId() + " is unknown here; nothing to refund", request.orderId(), request.amount(), null));
    Money refundable = refundable(ledger);
    var earlier = ledger.refundByRequest(request.requestId());
    if (earlier.isPresent()) {
      IssuedRefund refund = earlier.get().refund();
      if (request.amount() != null && !request.amount().equals(refund.amount())) {
        throw new InvalidRequestException("refund request " + request.requestId() + " of order " + request.orderId()
            + " was made for " + refund.amount() + ", not " + request.amount() + "; use a new request id");
      }
      return new Reservation(refund, state.paymentIntentId());
    }
    if (!state.status().isPaid() || state.paymentIntentId() == null) {
      throw new RefundRefusedException("order " + request.orderId() + " is " + state.status()
          + ", not paid; nothing to refund", request.orderId(), request.amount(), refundable);
    }
    Money amount = request.amount() == null ? refundable : request.amount();
    if (!amount.currency().equals(state.paid().currency())) {
      throw new InvalidRequestException("refund of " + amount + " for order " + request.orderId() + " is in "
          + amount.currencyCode() + "; the order was paid in " + state.paid().currencyCode());
    }
    if (!amount.isPositive() || amount.compareTo(refundable) > 0) {
      throw new RefundRefusedException("refund of " + format(amount) + " for order " + request.orderId()
          + " refused: " + format(state.paid()) + " paid, " + format(state.paid().minus(refundable))
          + " already refunded or on its way back; at most " + format(refundable) + " can be refunded",
          request.orderId(), request.amount(), refundable);
    }
    StripeAmounts.requireRepresentable(amount, "refund of order " + request.orderId());
    IssuedRefund refund = new IssuedRefund(null, request.orderId(), request.requestId(), amount,
        IssuedRefund.Status.REQUESTED, request.agent(), now, null);
    ledger.addRefund(new Ledger.RefundEntry(refund, false));
    return new Reservation(refund, state.paymentIntentId());
  }

  /** Paid, minus refunded as Stripe confirmed it, minus refunds on their way. */
  private static Money refundable(Ledger ledger) {
    PaymentState state = ledger.state().orElseThrow();
    Money zero = new Money(0, state.total().currency());
    if (!state.status().isPaid()) {
      return zero;
    }
    Money inFlight = zero;
    Money succeeded = zero;
    for (Ledger.RefundEntry entry : ledger.refunds()) {
      IssuedRefund refund = entry.refund();
      if (refund.status() == IssuedRefund.Status.SUCCEEDED) {
        succeeded = succeeded.plus(refund.amount());
      } else if (refund.status().holdsAmount()) {
        inFlight = inFlight.plus(refund.amount());
      }
    }
    Money refunded = succeeded.compareTo(state.refunded()) > 0 ? succeeded : state.refunded();
    Money left = state.paid().minus(refunded).minus(inFlight);
    return left.isNegative() ? zero : left;
  }

  private RefundCreateParams params(RefundRequest request, Reservation reservation) {
    RefundCreateParams.Builder params = RefundCreateParams.builder()
        .setPaymentIntent(reservation.paymentIntentId())
        .setAmount(reservation.refund().amount().minorUnits())
        .setReason(RefundCreateParams.Reason.REQUESTED_BY_CUSTOMER)
        .putMetadata(StripeMetadata.ORDER_ID, request.orderId())
        .putMetadata(StripeMetadata.REFUND_REQUEST_ID, request.requestId())
        .putMetadata(StripeMetadata.AGENT, request.agent());
    if (tenantId != null) {
      params.putMetadata(StripeMetadata.TENANT_ID, tenantId);
    }
    return params.build();
  }

  private IssuedRefund record(RefundRequest request, String refundId, IssuedRefund.Status status, String reason) {
    Instant now = clock.instant();
    return store.update(request.orderId(), ledger -> {
      Ledger.RefundEntry entry = ledger.refundByRequest(request.requestId()).orElseThrow();
      IssuedRefund answered = entry.refund().answered(refundId, status, reason);
      ledger.replaceRefund(new Ledger.RefundEntry(answered, entry.announced()));
      PaymentState state = ledger.state().orElseThrow();
      Money succeeded = PaymentTransitions.succeededRefunds(ledger, ledger.order().orElseThrow());
      if (succeeded.compareTo(state.refunded()) > 0) {
        ledger.putState(state.withRefunded(succeeded, now));
      }
      return answered;
    });
  }

  private static String format(Money amount) {
    return amount.format(Locale.US);
  }
}
