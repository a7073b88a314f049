package dev.parley.payments;

import com.stripe.Stripe;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.Refund;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.ParleyException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives Stripe's webhook events for {@link CheckoutButtons}' orders, framework-neutral: give it
 * the request headers and the raw body bytes, send back the status and body it returns.
 *
 * <pre>{@code
 * StripeWebhookHandler webhook = payments.webhookHandler()
 *     .signingSecret(System.getenv("STRIPE_WEBHOOK_SECRET"))
 *     .listener(payments.notifyCustomers(notifier))
 *     .build();
 * // in POST /webhooks/stripe:
 * StripeWebhookHandler.Response r = webhook.handle(request.headers(), request.bodyBytes());
 * }</pre>
 *
 * <ul>
 *   <li>The {@code Stripe-Signature} header is checked with stripe-java over the exact bytes,
 *       rejecting timestamps older than the tolerance (300 s unless set): 400, nothing changes.
 *       Never hand it a body a framework re-serialised.
 *   <li>Events are deduplicated by id in the {@link PaymentStore}, in the same transaction as the
 *       state change they cause; a replay answers 200 and does nothing.
 *   <li>An event rendered in an API version this stripe-java cannot read (the endpoint's or the
 *       account's version differs from {@value Stripe#API_VERSION}) is refused with 400 and an ERROR
 *       log naming both versions, never processed as an empty object. Create the endpoint with
 *       {@code api_version} {@value Stripe#API_VERSION}.
 *   <li>Handled: {@code checkout.session.completed}, {@code .async_payment_succeeded},
 *       {@code .async_payment_failed}, {@code .expired}, {@code charge.refunded},
 *       {@code refund.created}, {@code refund.updated}, {@code refund.failed}. Other types: 200, ignored.
 *   <li>A listener that throws makes the answer 500: Stripe delivers again and the same outcome
 *       goes to every listener again.
 * </ul>
 *
 * Immutable and thread-safe.
 */
public final class StripeWebhookHandler {
  private static final Logger log = LoggerFactory.getLogger(StripeWebhookHandler.class);

  /** The event types this handler acts on. */
  public static final Set<String> HANDLED_TYPES = Set.of(
      "checkout.session.completed", "checkout.session.async_payment_succeeded",
      "checkout.session.async_payment_failed", "checkout.session.expired", "charge.refunded",
      "refund.created", "refund.updated", "refund.failed");

  /** The whole answer to a delivery whose signature does not verify; the reason is logged. */
  static final String SIGNATURE_REJECTED = "signature rejected";

  private final CheckoutButtons checkout;
  private final PaymentStore store;
  private final String signingSecret;
  private final long toleranceSeconds;
  private final Clock clock;
  private final List<PaymentListener> listeners;

  private StripeWebhookHandler(Builder builder) {
    this.checkout = builder.checkout;
    this.store = builder.checkout.store();
    this.signingSecret = builder.signingSecret;
    this.toleranceSeconds = builder.tolerance.toSeconds();
    this.clock = builder.clock == null ? builder.checkout.clock() : builder.clock;
    this.listeners = List.copyOf(builder.listeners);
  }

  /** Starts a handler for {@code checkout}'s orders. */
  public static Builder builder(CheckoutButtons checkout) {
    return new Builder(checkout);
  }

  /**
   * What to answer Stripe.
   *
   * @param status 200 done (or nothing to do), 400 rejected (bad signature, unreadable event),
   *     500 a listener failed, 503 the event must wait for an earlier one: Stripe retries non-2xx
   * @param body a short plain-text reason
   */
  public record Response(int status, String body) {}

  /**
   * Handles one delivery.
   *
   * @param headers the request headers (names in any case)
   * @param body the raw request body, byte for byte
   */
  public Response handle(Map<String, List<String>> headers, byte[] body) {
    Objects.requireNonNull(headers, "headers");
    String signature = header(headers, "Stripe-Signature");
    if (signature == null) {
      log.warn("Stripe webhook without a Stripe-Signature header rejected");
      return new Response(400, "missing Stripe-Signature header");
    }
    if (body == null || body.length == 0) {
      return new Response(400, "empty body");
    }
    String payload = new String(body, StandardCharsets.UTF_8);
    try {
      Webhook.Signature.verifyHeader(payload, signature, signingSecret, toleranceSeconds, clock);
    } catch (SignatureVerificationException e) {
      // The reason (stale timestamp, no matching signature) is for the operator, not for whoever
      // sent an unsigned request: it would tell a forger which check to work on.
      log.warn("Stripe webhook rejected: {}", StripeErrors.redact(e.getMessage()));
      return new Response(400, SIGNATURE_REJECTED);
    }
    Event event;
    try {
      event = checkout.stripe().constructEventWithoutVerification(payload);
    } catch (RuntimeException e) {
      log.warn("signed Stripe webhook is not an event: {}", e.toString());
      return new Response(400, "body is not a Stripe event");
    }
    if (event.getId() == null || event.getType() == null) {
      return new Response(400, "event without id or type");
    }
    if (!HANDLED_TYPES.contains(event.getType())) {
      log.debug("Stripe event {} of type {} ignored", event.getId(), event.getType());
      return new Response(200, "ignored: " + event.getType());
    }
    Optional<StripeObject> object;
    try {
      object = event.getDataObjectDeserializer().getObject();
    } catch (RuntimeException e) { // stripe-java throws on a data.object it cannot map (no "object", wrong types)
      log.warn("signed Stripe event {} ({}) has an unreadable data.object: {}", event.getId(), event.getType(), e.toString());
      return new Response(400, "event data is not a readable Stripe object");
    }
    if (object.isEmpty()) {
      log.error("Stripe event {} ({}) is rendered in API version {} which stripe-java {} (API version {}) cannot"
          + " read; nothing was processed. Create the webhook endpoint with api_version {} so its events match.",
          event.getId(), event.getType(), event.getApiVersion(), Stripe.VERSION, Stripe.API_VERSION,
          Stripe.API_VERSION);
      return new Response(400, "API version mismatch: event " + event.getId() + " is " + event.getApiVersion()
          + ", this endpoint reads " + Stripe.API_VERSION);
    }
    try {
      return dispatch(event, object.get());
    } catch (EventNotReadyException e) {
      log.info("Stripe event {} deferred: {}", event.getId(), e.getMessage());
      return new Response(503, "not ready: " + e.getMessage());
    } catch (ParleyException e) {
      throw e; // the store or Stripe failed: the caller answers 5xx and Stripe delivers again
    } catch (RuntimeException e) { // a signed event without a field its type must have (a session or refund id)
      log.warn("signed Stripe event {} ({}) lacks what its type needs: {}", event.getId(), event.getType(), e.toString());
      return new Response(400, "event " + event.getId() + " lacks fields a " + event.getType() + " needs");
    }
  }

  private Response dispatch(Event event, StripeObject object) {
    Instant now = clock.instant();
    return switch (event.getType()) {
      case "checkout.session.completed" -> onSession(event, object, l -> PaymentTransitions.sessionCompleted(l, (Session) object, now));
      case "checkout.session.async_payment_succeeded" -> onSession(event, object, l -> PaymentTransitions.paid(l, (Session) object, now));
      case "checkout.session.async_payment_failed" -> onSession(event, object, l -> PaymentTransitions.failed(l, (Session) object, now));
      case "checkout.session.expired" -> onSession(event, object, l -> PaymentTransitions.expired(l, (Session) object, now));
      case "charge.refunded" -> onCharge(event, object, now);
      default -> onRefund(event, object, now);
    };
  }

  private Response onSession(Event event, StripeObject object, Function<Ledger, PaymentEvent> decide) {
    if (!(object instanceof Session session)) {
      return unexpected(event, object);
    }
    Map<String, String> metadata = session.getMetadata() == null ? Map.of() : session.getMetadata();
    String orderId = metadata.getOrDefault(StripeMetadata.ORDER_ID, session.getClientReferenceId());
    if (!ourTenant(metadata, () -> orderId != null && session.getId() != null
        && store.state(orderId).map(state -> session.getId().equals(state.sessionId())).orElse(false))) {
      return new Response(200, "ignored: another tenant's session");
    }
    return apply(event, orderId, decide);
  }

  private Response onCharge(Event event, StripeObject object, Instant now) {
    if (!(object instanceof Charge charge)) {
      return unexpected(event, object);
    }
    return onPaymentObject(event, "charge", charge.getMetadata(), charge.getPaymentIntent(),
        l -> PaymentTransitions.chargeRefunded(l, charge, now));
  }

  private Response onRefund(Event event, StripeObject object, Instant now) {
    if (!(object instanceof Refund refund)) {
      return unexpected(event, object);
    }
    return onPaymentObject(event, "refund", refund.getMetadata(), refund.getPaymentIntent(),
        l -> PaymentTransitions.refund(l, refund, now));
  }

  /**
   * A charge or refund: its order is in the metadata Parley put on the PaymentIntent or the refund,
   * or, for a refund made in Stripe's Dashboard, found by its PaymentIntent.
   */
  private Response onPaymentObject(Event event, String kind, Map<String, String> metadata, String paymentIntent,
      Function<Ledger, PaymentEvent> decide) {
    Map<String, String> known = metadata == null ? Map.of() : metadata;
    String named = known.get(StripeMetadata.ORDER_ID);
    Optional<String> paidOrder = paymentIntent == null ? Optional.empty() : store.orderIdForPaymentIntent(paymentIntent);
    if (!ourTenant(known, () -> paidOrder.isPresent() && (named == null || named.equals(paidOrder.get())))) {
      return new Response(200, "ignored: another tenant's " + kind);
    }
    return apply(event, named != null ? named : paidOrder.orElse(null), decide);
  }

  private Response apply(Event event, String orderId, Function<Ledger, PaymentEvent> decide) {
    if (orderId == null || store.state(orderId).isEmpty()) {
      log.info("Stripe event {} ({}) is not about an order of this store; ignored", event.getId(), event.getType());
      return new Response(200, "ignored: not a Parley order");
    }
    PaymentStore.EventRecord record = store.recordEvent(event.getId(), event.getType(), orderId, decide);
    if (record.duplicate()) {
      return new Response(200, "duplicate: " + event.getId());
    }
    PaymentEvent outcome = record.outcome();
    if (outcome != null) {
      List<RuntimeException> failures = new ArrayList<>();
      for (PaymentListener listener : listeners) {
        try {
          listener.onPaymentEvent(outcome);
        } catch (RuntimeException e) {
          log.error("payment listener {} failed on {} of order {}; Stripe will deliver event {} again",
              listener, outcome.dedupKey(), orderId, event.getId(), e);
          failures.add(e);
        }
      }
      if (!failures.isEmpty()) {
        return new Response(500, "listener failed; deliver again");
      }
    }
    store.markHandled(event.getId());
    return new Response(200, outcome == null ? "recorded" : outcome.dedupKey());
  }

  /**
   * Whether an event is this tenant's: its tenant metadata names this tenant (or, without a tenant
   * configured, names none). Without tenant metadata, it is taken only when {@code knownObject}: it
   * is about a Stripe object this store recorded (the order's current Checkout Session, or the
   * PaymentIntent an order was paid with, as for a refund made in Stripe's Dashboard, which
   * carries no metadata). An order id in metadata alone is not enough: several shops on one Stripe
   * account can number their orders alike.
   */
  private boolean ourTenant(Map<String, String> metadata, BooleanSupplier knownObject) {
    String tenant = checkout.tenantId();
    String theirs = metadata.get(StripeMetadata.TENANT_ID);
    if (theirs != null) {
      return theirs.equals(tenant);
    }
    return tenant == null || knownObject.getAsBoolean();
  }

  private static Response unexpected(Event event, StripeObject object) {
    log.error("Stripe event {} ({}) carries a {}, not the expected object", event.getId(), event.getType(),
        object.getClass().getSimpleName());
    return new Response(400, "unexpected object in " + event.getType());
  }

  private static String header(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
      if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name) && entry.getValue() != null
          && !entry.getValue().isEmpty()) {
        return entry.getValue().get(0);
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "StripeWebhookHandler{tolerance=" + toleranceSeconds + "s, listeners=" + listeners.size() + "}";
  }

  /** Settings of a {@link StripeWebhookHandler}; the signing secret is required. Not thread-safe. */
  public static final class Builder {
    private final CheckoutButtons checkout;
    private String signingSecret;
    private Duration tolerance = Duration.ofSeconds(Webhook.DEFAULT_TOLERANCE);
    private Clock clock;
    private final List<PaymentListener> listeners = new ArrayList<>();

    private Builder(CheckoutButtons checkout) {
      this.checkout = Objects.requireNonNull(checkout, "checkout");
    }

    /**
     * The endpoint's signing secret ({@code whsec_...}) from Stripe's Dashboard, or the one
     * {@code stripe listen} prints (they differ). Never logged.
     */
    public Builder signingSecret(String signingSecret) {
      this.signingSecret = signingSecret;
      return this;
    }

    /** How old a signature's timestamp may be; 5 minutes (Stripe's default) unless set. */
    public Builder tolerance(Duration tolerance) {
      this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
      return this;
    }

    /** The clock signatures' timestamps are judged by; the CheckoutButtons' clock unless set. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Adds a listener; listeners are called in the order added. */
    public Builder listener(PaymentListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    public StripeWebhookHandler build() {
      if (signingSecret == null || signingSecret.isBlank()) {
        throw new InvalidRequestException("Stripe webhook signing secret must be set (whsec_...)");
      }
      if (tolerance.toSeconds() < 1 || tolerance.compareTo(Duration.ofHours(1)) > 0) {
        throw new InvalidRequestException("webhook tolerance is " + tolerance
            + "; 1 second to 1 hour allowed (turning the timestamp check off invites replays)");
      }
      return new StripeWebhookHandler(this);
    }
  }
}
