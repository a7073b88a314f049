package dev.parley.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform sandbox: an HTTP server on localhost that answers like the Graph API (Messenger Send
 * API, sender actions, thread control, User Profile API, attachment uploads; WhatsApp Cloud API
 * messages, mark-as-read, templates, media uploads) and like Stripe (Checkout Sessions, refunds, payment intents, events), checks requests the
 * way the platforms document, records them, plays customers who write, tap and pay (signed webhooks),
 * and injects faults. It shares no code with Parley's own wire code, so it catches its mistakes.
 *
 * <pre>{@code
 * try (PlatformSandbox sandbox = PlatformSandbox.builder()
 *     .messengerPage("1001", "page-token")
 *     .whatsAppNumber("2002", "15550001111", "wa-token")
 *     .stripeApiKey("sk_test_sandbox")
 *     .metaWebhookUrl("http://127.0.0.1:8080/webhooks/meta")
 *     .start()) {
 *   MessengerCustomer ada = sandbox.messengerCustomer("1001", "ada-psid", "Ada Lovelace");
 *   ada.sendText("Where is my parcel?");             // signed webhook to the bot
 *   SentMessage reply = ada.awaitMessages(1, Duration.ofSeconds(5)).get(0);
 *   // point Parley at sandbox.graphBaseUrl() and stripe-java at sandbox.stripeApiBase()
 * }
 * }</pre>
 *
 * <p>Limits and codes follow Meta's and Stripe's documentation as summarised in the project's
 * reference notes; where the platforms are vague the sandbox picks the stricter documented reading.
 * Time for windows and expiries comes from the sandbox clock ({@link Builder#clock},
 * {@link #advanceClock}). Run standalone, {@code builder().port(9000)...start().closeOnShutdown()}
 * then {@link #awaitClose()}; {@link #summary()} says what is running and a JSON control API under
 * {@code /_sandbox/} plays customers from a shell. Thread-safe: one instance serves many tests' threads; {@link #close()}
 * stops it.
 */
public final class PlatformSandbox implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PlatformSandbox.class);

  private final Builder config;
  private final SandboxClock clock;
  private final GraphState graphState;
  private final StripeState stripeState;
  private final FaultInjector faults = new FaultInjector();
  private final WebhookDispatcher dispatcher;
  private final MetaWebhooks metaWebhooks;
  private final StripeWebhooks stripeWebhooks;
  private final SandboxHttpHandler handler;
  private final SandboxServer server;
  private final String baseUrl;
  private final StripeAccount stripe;
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile URI metaWebhookUrl;
  private volatile URI stripeWebhookUrl;

  private PlatformSandbox(Builder b) {
    this.config = b;
    this.clock = new SandboxClock(b.clock);
    this.graphState = new GraphState(b.appId);
    this.stripeState = new StripeState(clock, b.stripeApiVersion);
    this.metaWebhookUrl = b.metaWebhookUrl;
    this.stripeWebhookUrl = b.stripeWebhookUrl;
    this.dispatcher = new WebhookDispatcher(faults, b.webhookTimeout);
    this.metaWebhooks = new MetaWebhooks(clock, dispatcher, () -> metaWebhookUrl, b.appSecret);
    this.stripeWebhooks = new StripeWebhooks(clock, dispatcher, () -> stripeWebhookUrl, b.stripeWebhookSecret);
    this.server = new SandboxServer(b.bindAddress, b.port);
    this.baseUrl = server.baseUrl();
    MessengerApi messenger = new MessengerApi(graphState, clock);
    WhatsAppApi whatsApp = new WhatsAppApi(graphState, clock);
    GraphApi graph = new GraphApi(graphState, messenger, whatsApp, new MediaUploadApi(graphState.media(), clock),
        b.appSecret, b.requireAppSecretProof);
    StripeApi stripeApi = new StripeApi(stripeState, stripeWebhooks, b.stripeApiKey,
        baseUrl + CheckoutPage.PREFIX, b.stripeApiVersion);
    this.handler = new SandboxHttpHandler(clock, faults, graph, stripeApi,
        new CheckoutPage(stripeState, stripeWebhooks));
    this.stripe = new StripeAccount(stripeState, stripeWebhooks);
    handler.setControl(new ControlApi(this));
    b.pages.forEach(p -> graphState.addPage(p));
    b.numbers.forEach(n -> graphState.addNumber(n));
    b.templates.forEach(graphState::addTemplate);
    server.start(handler);
    log.info("Platform sandbox listening on {}", baseUrl);
  }

  /** A builder with defaults: loopback, a free port, the system clock, generated secrets. */
  public static Builder builder() {
    return new Builder();
  }

  // ---- addresses and credentials ----

  /** Base URL to use instead of {@code https://graph.facebook.com} (no version, no trailing slash). */
  public String graphBaseUrl() {
    return baseUrl;
  }

  /** Base URL to give stripe-java's {@code setApiBase} instead of {@code https://api.stripe.com}. */
  public String stripeApiBase() {
    return baseUrl;
  }

  /** The port the sandbox listens on. */
  public int port() {
    return server.port();
  }

  /** The Meta app id: the app that owns threads unless passed on. */
  public String appId() {
    return config.appId;
  }

  /** The app secret that signs Meta webhooks ({@code X-Hub-Signature-256}); configure the receiver with it. */
  public String appSecret() {
    return config.appSecret;
  }

  /** The Stripe secret key the sandbox accepts. */
  public String stripeApiKey() {
    return config.stripeApiKey;
  }

  /** The endpoint secret ({@code whsec_...}) that signs Stripe events. */
  public String stripeWebhookSecret() {
    return config.stripeWebhookSecret;
  }

  // ---- accounts ----

  /** Registers a Messenger page and the page access token its calls must carry. */
  public PlatformSandbox addMessengerPage(String pageId, String accessToken) {
    graphState.addPage(SandboxArguments.page(pageId, accessToken));
    return this;
  }

  /** Registers a WhatsApp business number: its phone-number id, display number and access token. */
  public PlatformSandbox addWhatsAppNumber(String phoneNumberId, String displayPhoneNumber, String accessToken) {
    graphState.addNumber(SandboxArguments.number(phoneNumberId, displayPhoneNumber, accessToken));
    return this;
  }

  /** Registers an approved WhatsApp template; sends of unregistered templates fail with 132001. */
  public PlatformSandbox addWhatsAppTemplate(WhatsAppTemplate template) {
    graphState.addTemplate(Objects.requireNonNull(template, "template"));
    return this;
  }

  /** Where Meta webhooks go (Messenger and WhatsApp), or null to deliver none. */
  public PlatformSandbox setMetaWebhookUrl(String url) {
    this.metaWebhookUrl = url == null ? null : SandboxArguments.url("metaWebhookUrl", url);
    return this;
  }

  /** Where Stripe events go, or null to deliver none. */
  public PlatformSandbox setStripeWebhookUrl(String url) {
    this.stripeWebhookUrl = url == null ? null : SandboxArguments.url("stripeWebhookUrl", url);
    return this;
  }

  // ---- customers and payments ----

  /** The customer with this page-scoped id on the page, created with this name the first time. */
  public MessengerCustomer messengerCustomer(String pageId, String psid, String name) {
    SandboxArguments.customerName(name);
    CustomerState state = graphState.addCustomer(SentMessage.Platform.MESSENGER, pageId, psid, name);
    return new MessengerCustomer(state, graphState, metaWebhooks, clock);
  }

  /** The customer with this WhatsApp id (phone number, digits only) on the number, created the first time. */
  public WhatsAppCustomer whatsAppCustomer(String phoneNumberId, String waId, String name) {
    SandboxArguments.customerName(name);
    if (waId == null || !waId.matches("\\d{7,15}")) {
      throw new IllegalArgumentException("WhatsApp id '" + Redaction.cut(waId) + "' must be 7 to 15 digits, no +");
    }
    CustomerState state = graphState.addCustomer(SentMessage.Platform.WHATSAPP, phoneNumberId, waId, name);
    return new WhatsAppCustomer(state, graphState, graphState.number(phoneNumberId), metaWebhooks, clock);
  }

  /** The merchant's Stripe account in the sandbox: sessions, payments, expiry. */
  public StripeAccount stripe() {
    return stripe;
  }

  // ---- observation ----

  /** Every request received so far, in arrival order. */
  public List<RecordedRequest> requests() {
    return handler.recorded();
  }

  /** Requests whose path matches the glob ({@code *} for any characters), in arrival order. */
  public List<RecordedRequest> requests(String pathGlob) {
    java.util.regex.Pattern matcher = Fault.globToPattern(Objects.requireNonNull(pathGlob, "pathGlob"));
    return handler.recorded().stream().filter(r -> matcher.matcher(r.path()).matches()).toList();
  }

  /** Forgets the recorded requests (sent messages and deliveries stay). */
  public void clearRequests() {
    handler.clearRecorded();
  }

  /** Every file uploaded so far (Messenger attachments, WhatsApp media), in order. */
  public List<UploadedFile> uploadedFiles() {
    return graphState.media().all();
  }

  /** Every message accepted so far, on both platforms, in order. */
  public List<SentMessage> sentMessages() {
    return graphState.sentMessages();
  }

  /**
   * The first accepted message that matches, waiting up to {@code timeout} for it.
   *
   * @throws AssertionError when none arrives in time, listing what did
   */
  public SentMessage awaitSentMessage(Predicate<SentMessage> matching, Duration timeout) {
    try {
      return graphState.awaitSent(matching, timeout).orElseThrow(() -> new AssertionError(
          "no matching message within " + timeout + "; sent: "
              + graphState.sentMessages().stream().map(SentMessage::summary).toList()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a message", e);
    }
  }

  /** Every webhook delivery so far (duplicates included, held ones once sent), in order. */
  public List<WebhookDelivery> webhookDeliveries() {
    return dispatcher.history();
  }

  /** Waits until every queued webhook (such as events after a refund) has been delivered. */
  public void awaitWebhooks(Duration timeout) {
    dispatcher.awaitIdle(timeout);
  }

  // ---- faults ----

  /** Puts a fault in force; see {@link Fault}. */
  public void inject(Fault fault) {
    faults.add(Objects.requireNonNull(fault, "fault"));
  }

  /** Removes every fault (held webhooks stay held until {@link #releaseHeldWebhooks()}). */
  public void clearFaults() {
    faults.clear();
  }

  /** Sends webhooks held by {@link Fault#reorderWebhooks(int)} now, newest first. */
  public void releaseHeldWebhooks() {
    dispatcher.releaseHeld();
  }

  // ---- time ----

  /** The sandbox's current time: the configured clock plus every {@link #advanceClock} so far. */
  public Instant now() {
    return clock.now();
  }

  /**
   * Moves the sandbox's time forward, for windows and expiries: customers' last messages age, and
   * Checkout Sessions past {@code expires_at} expire (their {@code checkout.session.expired} events are
   * delivered before this returns).
   */
  public void advanceClock(Duration by) {
    Objects.requireNonNull(by, "by");
    if (by.isNegative()) {
      throw new IllegalArgumentException("advanceClock " + by + " is negative; time only moves forward");
    }
    clock.advance(by);
    stripeWebhooks.deliver(stripeState.expireDue());
  }

  // ---- lifecycle ----

  /**
   * A readable description of the running sandbox for a person starting it by hand: base URL,
   * registered pages, numbers and templates, webhook targets, and the control API. No secrets.
   */
  public String summary() {
    StringBuilder out = new StringBuilder();
    out.append("Platform sandbox on ").append(baseUrl).append('\n');
    out.append("  Graph API base:  ").append(graphBaseUrl()).append("  (e.g. POST /v25.0/{page-id}/messages)\n");
    out.append("  Stripe API base: ").append(stripeApiBase()).append("  (POST /v1/checkout/sessions)\n");
    graphState.pages().forEach(p -> out.append("  Messenger page ").append(p.pageId()).append('\n'));
    graphState.numbers().forEach(n -> out.append("  WhatsApp number ").append(n.phoneNumberId()).append(" (")
        .append(n.displayPhoneNumber()).append(")\n"));
    graphState.templates().forEach(t -> out.append("  WhatsApp template ").append(t.name()).append(" [")
        .append(t.language()).append(", ").append(t.category()).append("]\n"));
    out.append("  Meta webhooks to:   ").append(metaWebhookUrl == null ? "(none)" : metaWebhookUrl).append('\n');
    out.append("  Stripe webhooks to: ").append(stripeWebhookUrl == null ? "(none)" : stripeWebhookUrl).append('\n');
    out.append("  Play customers: POST ").append(baseUrl).append(ControlApi.PREFIX)
        .append("messenger/{page-id}/{psid} {\"text\":\"Hello\"}; GET ").append(baseUrl).append(ControlApi.PREFIX)
        .append("messages\n");
    return out.toString();
  }

  /** Closes the sandbox when the JVM exits (Ctrl-C): for a standalone sandbox run from {@code main}. */
  public PlatformSandbox closeOnShutdown() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "parley-sandbox-shutdown"));
    return this;
  }

  /** Blocks until {@link #close()} is called (from a shutdown hook, say): for a standalone sandbox in {@code main}. */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  /** Stops the server and the webhook thread. Idempotent. */
  @Override
  public void close() {
    if (closed.getCount() == 0) {
      return;
    }
    server.stop();
    dispatcher.close();
    closed.countDown();
    log.info("Platform sandbox on {} stopped", baseUrl);
  }

  @Override
  public String toString() {
    return "PlatformSandbox{" + baseUrl + "}";
  }

  /**
   * Configures a {@link PlatformSandbox}. Every setting has a default: loopback on a free port, the
   * system clock, a random app secret and Stripe keys, no accounts, no webhook targets. Not
   * thread-safe; {@link #start()} builds a running sandbox.
   */
  public static final class Builder {
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port;
    private Clock clock = Clock.systemUTC();
    private String appId = "100000000000001";
    private String appSecret = "sandbox-app-secret-" + Ids.random("abcdef0123456789", 16);
    private String stripeApiKey = "sk_test_sandbox" + Ids.random("abcdefghijklmnopqrstuvwxyz0123456789", 24);
    private String stripeWebhookSecret = "whsec_sandbox" + Ids.random("abcdefghijklmnopqrstuvwxyz0123456789", 24);
    private String stripeApiVersion = "2026-07-29.dahlia";
    private URI metaWebhookUrl;
    private URI stripeWebhookUrl;
    private boolean requireAppSecretProof;
    private Duration webhookTimeout = Duration.ofSeconds(10);
    private final List<GraphState.Page> pages = new ArrayList<>();
    private final List<GraphState.WhatsAppNumber> numbers = new ArrayList<>();
    private final List<WhatsAppTemplate> templates = new ArrayList<>();

    private Builder() {}

    /** The port to listen on; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
      }
      this.port = port;
      return this;
    }

    /** The address to listen on; loopback by default. Use {@code 0.0.0.0} to reach it from other hosts. */
    public Builder bindAddress(String address) {
      try {
        this.bindAddress = InetAddress.getByName(Objects.requireNonNull(address, "address"));
      } catch (IOException e) {
        throw new IllegalArgumentException("bind address '" + Redaction.cut(address) + "' is not an address", e);
      }
      return this;
    }

    /**
     * The clock windows and expiries are measured on; share it with the code under test. Stripe signatures
     * carry its time ({@code t=}), so a receiver checking their age must use the same clock.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The Meta app id of the merchant's app (the thread owner). */
    public Builder appId(String appId) {
      this.appId = SandboxArguments.text("appId", appId);
      return this;
    }

    /** The Meta app secret that signs webhooks and checks {@code appsecret_proof}. */
    public Builder appSecret(String appSecret) {
      this.appSecret = SandboxArguments.text("appSecret", appSecret);
      return this;
    }

    /** Refuse Graph calls without {@code appsecret_proof}, as apps with "Require App Secret" on do. */
    public Builder requireAppSecretProof(boolean require) {
      this.requireAppSecretProof = require;
      return this;
    }

    /** The Stripe secret key calls must carry. */
    public Builder stripeApiKey(String key) {
      this.stripeApiKey = SandboxArguments.text("stripeApiKey", key);
      return this;
    }

    /** The Stripe endpoint secret ({@code whsec_...}) that signs events. */
    public Builder stripeWebhookSecret(String secret) {
      this.stripeWebhookSecret = SandboxArguments.text("stripeWebhookSecret", secret);
      return this;
    }

    /** The {@code api_version} written into Stripe events; defaults to the one stripe-java 33.3.0 pins. */
    public Builder stripeApiVersion(String version) {
      this.stripeApiVersion = SandboxArguments.text("stripeApiVersion", version);
      return this;
    }

    public Builder metaWebhookUrl(String url) {
      this.metaWebhookUrl = SandboxArguments.url("metaWebhookUrl", url);
      return this;
    }

    public Builder stripeWebhookUrl(String url) {
      this.stripeWebhookUrl = SandboxArguments.url("stripeWebhookUrl", url);
      return this;
    }

    /** How long a webhook delivery may take before it counts as failed; 10 s by default. */
    public Builder webhookTimeout(Duration timeout) {
      if (timeout == null || timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("webhookTimeout " + timeout + " must be positive");
      }
      this.webhookTimeout = timeout;
      return this;
    }

    public Builder messengerPage(String pageId, String accessToken) {
      pages.add(SandboxArguments.page(pageId, accessToken));
      return this;
    }

    public Builder whatsAppNumber(String phoneNumberId, String displayPhoneNumber, String accessToken) {
      numbers.add(SandboxArguments.number(phoneNumberId, displayPhoneNumber, accessToken));
      return this;
    }

    public Builder whatsAppTemplate(WhatsAppTemplate template) {
      templates.add(Objects.requireNonNull(template, "template"));
      return this;
    }

    /** Starts the sandbox. */
    public PlatformSandbox start() {
      return new PlatformSandbox(this);
    }
  }
}
