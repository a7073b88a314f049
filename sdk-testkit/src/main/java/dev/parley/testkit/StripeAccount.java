package dev.parley.testkit;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * The merchant's Stripe account inside the sandbox, seen from the customer's side and the test's:
 * pay, pay by a delayed method, expire, and read back Checkout Sessions. Each action delivers the
 * event Stripe would send ({@code checkout.session.completed}, {@code ...async_payment_succeeded},
 * {@code ...async_payment_failed}, {@code ...expired}) to the Stripe webhook URL, signed with the
 * endpoint secret, before it returns. Refunds go through the API ({@code POST /v1/refunds}), which
 * then delivers {@code charge.refunded} and {@code refund.updated}.
 *
 * <pre>{@code
 * String url = customer.buttonUrl("Pay €42.00");
 * sandbox.stripe().payCheckoutSession(url);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class StripeAccount {
  private final StripeState state;
  private final StripeWebhooks webhooks;

  StripeAccount(StripeState state, StripeWebhooks webhooks) {
    this.state = state;
    this.webhooks = webhooks;
  }

  /**
   * The session with this id (or checkout URL).
   *
   * @throws IllegalArgumentException when there is none
   */
  public CheckoutSession checkoutSession(String idOrUrl) {
    synchronized (state) {
      return snapshot(find(idOrUrl));
    }
  }

  /** Every session created so far, oldest first. */
  public List<CheckoutSession> checkoutSessions() {
    synchronized (state) {
      return state.sessions().stream().map(StripeAccount::snapshot).toList();
    }
  }

  /** The customer pays by card on the hosted page: the session completes {@code paid}. */
  public WebhookDelivery payCheckoutSession(String idOrUrl) {
    return only(webhooks.deliver(state.pay(id(idOrUrl), false)));
  }

  /**
   * The customer pays by a delayed method (a bank debit): the session completes {@code unpaid} and the
   * payment settles with {@link #settleDelayedPayment}.
   */
  public WebhookDelivery payCheckoutSessionLater(String idOrUrl) {
    return only(webhooks.deliver(state.pay(id(idOrUrl), true)));
  }

  /** A delayed payment clears ({@code async_payment_succeeded}) or fails ({@code async_payment_failed}). */
  public WebhookDelivery settleDelayedPayment(String idOrUrl, boolean succeeded) {
    return only(webhooks.deliver(state.settle(id(idOrUrl), succeeded)));
  }

  /** Expires an open session now, as {@code POST /v1/checkout/sessions/{id}/expire} does. */
  public WebhookDelivery expireCheckoutSession(String idOrUrl) {
    String id = id(idOrUrl);
    List<JsonObject> events;
    try {
      events = state.expire(id, null);
    } catch (StripeError e) {
      throw new IllegalStateException("checkout session " + id + " cannot be expired: " + e.getMessage(), e);
    }
    return only(webhooks.deliver(events));
  }

  private String id(String idOrUrl) {
    synchronized (state) {
      return find(idOrUrl).id;
    }
  }

  private StripeObjects.Session find(String idOrUrl) {
    if (idOrUrl == null) {
      throw new IllegalArgumentException("checkout session id or URL must not be null");
    }
    int pay = idOrUrl.indexOf(CheckoutPage.PREFIX);
    String id = pay >= 0 ? idOrUrl.substring(pay + CheckoutPage.PREFIX.length()) : idOrUrl;
    try {
      return state.session(id);
    } catch (StripeError e) {
      throw new IllegalArgumentException("no checkout session '" + Redaction.cut(idOrUrl) + "' in the sandbox", e);
    }
  }

  private static CheckoutSession snapshot(StripeObjects.Session s) {
    return new CheckoutSession(s.id, s.status, s.paymentStatus, s.amountTotal, s.currency,
        "open".equals(s.status) ? s.url : null, s.clientReferenceId, s.metadata, s.paymentIntentId,
        s.payment == null ? 0 : s.payment.amountRefunded, Instant.ofEpochSecond(s.expiresAt));
  }

  private static WebhookDelivery only(List<WebhookDelivery> deliveries) {
    return deliveries.get(0);
  }
}
