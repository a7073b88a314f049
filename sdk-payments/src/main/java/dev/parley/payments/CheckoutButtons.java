package dev.parley.payments;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Coupon;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.Money;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns orders into payment buttons on Stripe Checkout: the entry point of Parley's payments. Build
 * one per Stripe account and share it; it is immutable and thread-safe.
 *
 * <pre>{@code
 * StripeClient stripe = StripeClient.builder()
 *     .setApiKey(System.getenv("STRIPE_API_KEY"))
 *     .setMaxNetworkRetries(2)          // stripe-java's builder defaults to 0: set it
 *     .build();
 * CheckoutButtons payments = CheckoutButtons.builder()
 *     .stripe(stripe)
 *     .store(PaymentStore.jdbc(dataSource))
 *     .successUrl("https://shop.example/thanks")
 *     .cancelUrl("https://shop.example/cart")
 *     .expiresAfter(Duration.ofHours(2))
 *     .build();
 *
 * PaymentLink link = payments.create(order);   // "Pay €42.00" → the Stripe payment page
 * }</pre>
 *
 * <p>An order becomes a Checkout Session in {@code payment} mode with {@code price_data} line items
 * (taxes as lines of their own, shipping as a fixed shipping rate, discounts as a single-use
 * coupon), {@code client_reference_id} = the order id, and the order, conversation and tenant ids in
 * the metadata of both the session and its PaymentIntent. The idempotency key is derived from the
 * order id, version and attempt, so a retried {@link #create} never makes two sessions; every call
 * also sets stripe-java's {@code maxNetworkRetries} (2 unless changed), whatever the client says.
 *
 * <p>stripe-java's checked {@code StripeException}s come out as {@link dev.parley.core.ParleyException}
 * subclasses with the cause attached: {@link InvalidRequestException} (fix the order),
 * {@link dev.parley.core.AuthenticationException} (fix the key),
 * {@link dev.parley.core.ConnectionException} / {@link dev.parley.core.PlatformUnavailableException} /
 * {@link dev.parley.core.RateLimitedException} (call again: the same session comes back).
 */
public final class CheckoutButtons {
  private static final Logger log = LoggerFactory.getLogger(CheckoutButtons.class);
  /** Stripe measures the 30-minute minimum from its own clock: keep a minute between us. */
  private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);
  static final Duration MIN_EXPIRY = Duration.ofMinutes(30);
  static final Duration MAX_EXPIRY = Duration.ofHours(24);

  private final StripeClient stripe;
  private final PaymentStore store;
  private final String successUrl;
  private final String cancelUrl;
  private final Duration expiresAfter;
  private final String tenantId;
  private final Locale locale;
  private final String labelTemplate;
  private final String fallbackLabel;
  private final int maxNetworkRetries;
  private final Clock clock;

  private CheckoutButtons(Builder builder) {
    this.stripe = builder.stripe;
    this.store = builder.store;
    this.successUrl = builder.successUrl;
    this.cancelUrl = builder.cancelUrl;
    this.expiresAfter = builder.expiresAfter;
    this.tenantId = builder.tenantId;
    this.locale = builder.locale;
    this.labelTemplate = builder.labelTemplate;
    this.fallbackLabel = builder.fallbackLabel;
    this.maxNetworkRetries = builder.maxNetworkRetries;
    this.clock = builder.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this instance's settings, to derive a variant that shares the client and store. */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /**
   * The payment button for {@code order}: creates its Checkout Session, or returns the open one
   * made before for the same order version. A new version of an order gets a new session and
   * expires the previous one.
   *
   * @throws InvalidRequestException when an amount breaks Stripe's rules (below the minimum charge,
   *     a three-decimal amount not ending in 0), the order is already paid or its payment is in
   *     progress, or the version is older than, or differs in content from, the one offered
   */
  public PaymentLink create(Order order) {
    Objects.requireNonNull(order, "order");
    CheckoutSessionParams.requireChargeable(order);
    Instant now = clock.instant();
    CheckoutPlan plan = store.update(order.id(), ledger -> CheckoutPlan.decide(ledger, order, now, expiryFrom(now)));
    if (plan.existing() != null) {
      return link(order, plan.existing().sessionId(), plan.existing().checkoutUrl(), plan.existing().expiresAt());
    }
    Session session = createSession(order, plan);
    Instant expiresAt = session.getExpiresAt() == null ? plan.expiresAt() : Instant.ofEpochSecond(session.getExpiresAt());
    store.update(order.id(), ledger -> {
      plan.opened(ledger, session.getId(), session.getUrl(), expiresAt, clock.instant());
      return null;
    });
    if (plan.superseded() != null) {
      expireQuietly(plan.superseded());
    }
    log.info("payment page {} for order {} v{} attempt {}: {}", session.getId(), order.id(), order.version(),
        plan.attempt(), order.total());
    return link(order, session.getId(), session.getUrl(), expiresAt);
  }

  /**
   * A fresh payment button for an order whose page expired or whose payment failed; the open page
   * when there is one already (so calling it twice makes one page).
   *
   * @throws InvalidRequestException when the order is unknown, paid, or its payment is in progress
   */
  public PaymentLink renew(String orderId) {
    Order order = store.order(orderId)
        .orElseThrow(() -> new InvalidRequestException("order " + orderId + " has no payment page to renew"));
    return create(order);
  }

  /** The order's payment state, if a payment page was ever made for it. */
  public Optional<PaymentState> state(String orderId) {
    return store.state(orderId);
  }

  /** Refunds on this Stripe account, for the agent inbox. */
  public Refunds refunds() {
    return new StripeRefunds(stripe, store, tenantId, this::options, clock);
  }

  /**
   * The default listener: tells the customer, through {@code notifier}, that they paid (a receipt),
   * that their page expired or payment failed (a fresh button, made here), or that a refund went
   * through (a confirmation). Register it with {@link StripeWebhookHandler.Builder#listener}.
   */
  public PaymentListener notifyCustomers(CustomerNotifier notifier) {
    return new CustomerNotifications(this, notifier);
  }

  /** A webhook handler for this instance's orders; set the signing secret and listeners on it. */
  public StripeWebhookHandler.Builder webhookHandler() {
    return StripeWebhookHandler.builder(this);
  }

  PaymentStore store() {
    return store;
  }

  StripeClient stripe() {
    return stripe;
  }

  String tenantId() {
    return tenantId;
  }

  Clock clock() {
    return clock;
  }

  /** The button title: "Pay €42.00" in the configured locale, or the fallback when over 20 characters. */
  String label(Money amount) {
    String label = labelTemplate.replace("{amount}", amount.format(locale));
    return label.length() <= PaymentLink.MAX_LABEL_LENGTH ? label : fallbackLabel;
  }

  private PaymentLink link(Order order, String sessionId, String url, Instant expiresAt) {
    return new PaymentLink(url, label(order.total()), sessionId, expiresAt, order.id(), order.total());
  }

  private Instant expiryFrom(Instant now) {
    Instant expiresAt = now.plus(expiresAfter);
    Instant earliest = now.plus(MIN_EXPIRY).plus(CLOCK_MARGIN);
    Instant latest = now.plus(MAX_EXPIRY).minus(CLOCK_MARGIN);
    return expiresAt.isBefore(earliest) ? earliest : expiresAt.isAfter(latest) ? latest : expiresAt;
  }

  private Session createSession(Order order, CheckoutPlan plan) {
    String couponId = null;
    if (!order.discounts().isEmpty()) {
      try {
        Coupon coupon = stripe.v1().coupons().create(CheckoutSessionParams.coupon(order, tenantId),
            options(IdempotencyKeys.coupon(tenantId, order.id(), order.version())));
        couponId = coupon.getId();
      } catch (StripeException e) {
        throw StripeErrors.translate(e, "create the discount coupon of order " + order.id());
      }
    }
    try {
      return stripe.v1().checkout().sessions().create(
          CheckoutSessionParams.session(order, tenantId, successUrl, cancelUrl, plan.expiresAt(), couponId),
          options(IdempotencyKeys.checkout(tenantId, order.id(), order.version(), plan.attempt())));
    } catch (StripeException e) {
      throw StripeErrors.translate(e, "create the Checkout Session of order " + order.id() + " (" + order.total() + ")");
    }
  }

  /** A superseded page must not take money for an outdated order; failing to expire it is logged, not thrown. */
  private void expireQuietly(String sessionId) {
    try {
      stripe.v1().checkout().sessions().expire(sessionId, options(null));
    } catch (StripeException e) {
      log.warn("could not expire superseded Checkout Session {}: {}", sessionId,
          StripeErrors.redact(e.getMessage()));
    }
  }

  /**
   * The options of every Stripe request Parley makes: the retries set here, and {@code
   * idempotencyKey} (null for a call that is idempotent by itself, such as expiring a session).
   */
  RequestOptions options(String idempotencyKey) {
    RequestOptions.RequestOptionsBuilder options = RequestOptions.builder().setMaxNetworkRetries(maxNetworkRetries);
    if (idempotencyKey != null) {
      options.setIdempotencyKey(idempotencyKey);
    }
    return options.build();
  }

  @Override
  public String toString() {
    return "CheckoutButtons{tenant=" + tenantId + ", expiresAfter=" + expiresAfter + ", retries=" + maxNetworkRetries + "}";
  }

  /**
   * Settings of {@link CheckoutButtons}. Required: a Stripe client (or an API key), the success and
   * cancel URLs. Not thread-safe; {@link #build()} checks everything at once.
   */
  public static final class Builder {
    private StripeClient stripe;
    private PaymentStore store;
    private String successUrl;
    private String cancelUrl;
    private Duration expiresAfter = MAX_EXPIRY;
    private String tenantId;
    private Locale locale = Locale.US;
    private String labelTemplate = "Pay {amount}";
    private String fallbackLabel = "Pay now";
    private int maxNetworkRetries = 2;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    private Builder(CheckoutButtons from) {
      stripe = from.stripe;
      store = from.store;
      successUrl = from.successUrl;
      cancelUrl = from.cancelUrl;
      expiresAfter = from.expiresAfter;
      tenantId = from.tenantId;
      locale = from.locale;
      labelTemplate = from.labelTemplate;
      fallbackLabel = from.fallbackLabel;
      maxNetworkRetries = from.maxNetworkRetries;
      clock = from.clock;
    }

    /**
     * The client to call Stripe with. Build it with {@code setMaxNetworkRetries(2)}: stripe-java's
     * builder defaults to 0 (Parley sets it per request anyway, see {@link #maxNetworkRetries}).
     */
    public Builder stripe(StripeClient stripe) {
      this.stripe = Objects.requireNonNull(stripe, "stripe");
      return this;
    }

    /**
     * Builds the Stripe client from an API key and API base ({@code https://api.stripe.com}, or the
     * Parley sandbox), with 2 network retries. The key is never logged.
     */
    public Builder stripe(String apiKey, String apiBase) {
      if (apiKey == null || apiKey.isBlank()) {
        throw new InvalidRequestException("Stripe API key must not be blank");
      }
      requireUrl("Stripe API base", apiBase);
      this.stripe = StripeClient.builder()
          .setApiKey(apiKey)
          .setApiBase(apiBase)
          .setMaxNetworkRetries(2)
          .build();
      return this;
    }

    /** Where payment state is kept; in memory unless set (lost on restart: set it in production). */
    public Builder store(PaymentStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Where Stripe sends the customer after paying; may contain {@code {CHECKOUT_SESSION_ID}}. */
    public Builder successUrl(String successUrl) {
      this.successUrl = successUrl;
      return this;
    }

    /** Where Stripe sends the customer who backs out. */
    public Builder cancelUrl(String cancelUrl) {
      this.cancelUrl = cancelUrl;
      return this;
    }

    /** How long a payment page stays open: 30 minutes to 24 hours (Stripe's limits); 24 hours unless set. */
    public Builder expiresAfter(Duration expiresAfter) {
      this.expiresAfter = Objects.requireNonNull(expiresAfter, "expiresAfter");
      return this;
    }

    /**
     * The merchant this instance works for, written into Stripe's metadata and the idempotency
     * keys. The webhook handler takes only this tenant's events: those whose metadata names it, and
     * those without tenant metadata that are about a Checkout Session or PaymentIntent this store
     * recorded (a refund made in Stripe's Dashboard carries no metadata). Without a tenant id,
     * events whose metadata names a tenant are ignored.
     */
    public Builder tenantId(String tenantId) {
      this.tenantId = tenantId;
      return this;
    }

    /** The locale amounts on buttons are formatted in: {@code €42.00} (US), {@code 42,00 €} (FRANCE). */
    public Builder locale(Locale locale) {
      this.locale = Objects.requireNonNull(locale, "locale");
      return this;
    }

    /**
     * The button title, with {@code {amount}} for the formatted total ("Pay {amount}"), and the one
     * used when that exceeds 20 characters ("Pay now").
     */
    public Builder buttonLabel(String template, String fallback) {
      this.labelTemplate = Objects.requireNonNull(template, "template");
      this.fallbackLabel = Objects.requireNonNull(fallback, "fallback");
      return this;
    }

    /** stripe-java's retries of a failed call, with the same idempotency key; 2 unless set. */
    public Builder maxNetworkRetries(int maxNetworkRetries) {
      this.maxNetworkRetries = maxNetworkRetries;
      return this;
    }

    /** The clock for expiry times and records; the system clock unless set. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public CheckoutButtons build() {
      if (stripe == null) {
        throw new InvalidRequestException("CheckoutButtons needs a Stripe client: call stripe(client) or stripe(apiKey, apiBase)");
      }
      requireUrl("success URL", successUrl);
      requireUrl("cancel URL", cancelUrl);
      if (expiresAfter.compareTo(MIN_EXPIRY) < 0 || expiresAfter.compareTo(MAX_EXPIRY) > 0) {
        throw new InvalidRequestException("expiresAfter is " + expiresAfter + "; Stripe Checkout allows "
            + MIN_EXPIRY + " to " + MAX_EXPIRY);
      }
      if (tenantId != null && (tenantId.isBlank() || tenantId.length() > 100)) {
        throw new InvalidRequestException("tenant id '" + Order.abbreviate(tenantId) + "' must be 1 to 100 characters");
      }
      if (maxNetworkRetries < 0 || maxNetworkRetries > 5) {
        throw new InvalidRequestException("maxNetworkRetries is " + maxNetworkRetries + "; 0 to 5 allowed");
      }
      if (!labelTemplate.contains("{amount}")) {
        throw new InvalidRequestException("button label '" + labelTemplate + "' has no {amount}");
      }
      if (fallbackLabel.isBlank() || fallbackLabel.length() > PaymentLink.MAX_LABEL_LENGTH) {
        throw new InvalidRequestException("fallback button label '" + fallbackLabel + "' is " + fallbackLabel.length()
            + " characters; Messenger and WhatsApp allow 1 to " + PaymentLink.MAX_LABEL_LENGTH);
      }
      if (store == null) {
        log.warn("CheckoutButtons without a store keeps payment state in memory: it is lost on restart");
        store = PaymentStore.inMemory();
      }
      return new CheckoutButtons(this);
    }

    private static void requireUrl(String field, String url) {
      if (url == null || url.isBlank()) {
        throw new InvalidRequestException(field + " must be set");
      }
      URI uri;
      try {
        uri = URI.create(url.replace("{CHECKOUT_SESSION_ID}", "session"));
      } catch (IllegalArgumentException e) {
        throw new InvalidRequestException(field + " '" + Order.abbreviate(url) + "' is not a URL");
      }
      if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
        throw new InvalidRequestException(field + " '" + Order.abbreviate(url) + "' is not an http(s) URL");
      }
    }
  }
}
