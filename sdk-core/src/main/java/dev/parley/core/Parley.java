package dev.parley.core;

import dev.parley.core.conversation.MessengerProfileFetcher;
import dev.parley.core.handover.ThreadControl;
import dev.parley.core.internal.send.Blocking;
import dev.parley.core.internal.send.Account;
import dev.parley.core.internal.send.GraphMediaDownloader;
import dev.parley.core.internal.send.GraphMediaUploader;
import dev.parley.core.internal.send.GraphPageReader;
import dev.parley.core.internal.send.SendConfig;
import dev.parley.core.internal.send.SendEngine;
import dev.parley.core.media.MediaDownloads;
import dev.parley.core.media.MediaUploads;
import dev.parley.core.message.Message;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Sends messages to customers on Messenger and WhatsApp: the entry point of the send path. Build one
 * for the whole application and share it; it holds one HTTP connection pool for every page and
 * number you configure.
 *
 * <pre>{@code
 * Parley parley = Parley.builder()
 *     .messengerPage("1234567890", System.getenv("PARLEY_MESSENGER_PAGE_TOKEN"))
 *     .whatsAppNumber("106540352242922", System.getenv("PARLEY_WHATSAPP_TOKEN"))
 *     .utilityTemplates(UtilityTemplates.orderUpdates("order_update", "en_US"))
 *     .build();
 * SendReceipt receipt = parley.send(Recipient.messenger("1234567890", psid), Message.text("Thanks for your order!"));
 * }</pre>
 *
 * <p>Every send first applies the messaging policy, before any HTTP request: inside 24 hours of the
 * customer's last message (from {@link LastInboundTimes}) anything goes, as a response (or an update,
 * see {@link SendOptions}); outside it an order update or receipt goes with Messenger's
 * {@code POST_PURCHASE_UPDATE} tag or as the merchant's WhatsApp UTILITY template
 * ({@link UtilityTemplates}), a human agent's reply goes with Messenger's {@code HUMAN_AGENT} tag up
 * to 7 days, a {@link dev.parley.core.message.WhatsAppTemplate} always goes, and anything else fails
 * with an {@link OutsideWindowException} that says why and what would be allowed. Then the message
 * is rendered for its channel, waits for its slot under the {@link RateLimits} (on the scheduler, no
 * thread blocked), and is posted, with retries under the {@link RetryPolicy}. Failures are
 * {@link ParleyException} subclasses carrying the platform's status, code, subcode and trace id.
 *
 * <p>Thread-safe and immutable once built. {@link #newBuilder()} derives a variant (another retry
 * policy, another clock) that shares this instance's connection pool, worker threads and rate-limit
 * state. Access tokens and the app secret travel in headers and never appear in logs, exception
 * messages or {@link #toString()}.
 */
public final class Parley {
  /** The Graph API version used unless {@link Builder#graphVersion} says otherwise. */
  public static final String DEFAULT_GRAPH_VERSION = "v25.0";
  /** The Graph API base URL used unless {@link Builder#graphApiBase} says otherwise. */
  public static final String DEFAULT_GRAPH_API_BASE = "https://graph.facebook.com";

  private final Builder settings;
  private final SendEngine engine;
  private volatile MessengerProfileFetcher profileFetcher;

  private Parley(Builder settings, SendEngine engine) {
    this.settings = settings;
    this.engine = engine;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this client's configuration; what it builds shares this client's connection pool and rate-limit state. */
  public Builder newBuilder() {
    return new Builder(settings, engine);
  }

  /** Sends {@code message} as a response (see {@link SendOptions} for other cases). */
  public CompletableFuture<SendReceipt> sendAsync(Recipient recipient, Message message) {
    return sendAsync(recipient, message, SendOptions.DEFAULT);
  }

  /**
   * Sends {@code message} to {@code recipient}. The future completes with the platform's receipt,
   * or exceptionally with a {@link ParleyException}; cancelling it cancels the HTTP call and any
   * retry not yet made.
   *
   * <p>Returns at once unless the caller runs far ahead of the HTTP calls: when more than 64 sends per
   * {@linkplain Builder#maxConcurrentRequests concurrent request} already wait for a worker, this call
   * first waits until half of them have gone, at most 100 ms. Thousands of sends queued at once would
   * otherwise stay in memory for seconds and cost more in garbage collection than in sending. It never
   * waits when called on one of Parley's own threads (in a callback of another send's future, say),
   * and sends waiting for a rate-limit slot or a retry do not count.
   */
  public CompletableFuture<SendReceipt> sendAsync(Recipient recipient, Message message, SendOptions options) {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(message, "message");
    return engine.send(recipient, message, options == null ? SendOptions.DEFAULT : options);
  }

  /** Sends and waits; throws the {@link ParleyException} the future would complete with. */
  public SendReceipt send(Recipient recipient, Message message) {
    return Blocking.await(sendAsync(recipient, message), "send");
  }

  /** Sends and waits; throws the {@link ParleyException} the future would complete with. */
  public SendReceipt send(Recipient recipient, Message message, SendOptions options) {
    return Blocking.await(sendAsync(recipient, message, options), "send");
  }

  /**
   * Checks, without sending, what a send of {@code message} now would check before any HTTP request:
   * that an account is configured for the recipient's page or number, that the messaging policy
   * allows the message at this moment, and that it renders for the channel. For callers that queue a
   * message (an outbox) and want a refusal at once rather than a parked entry later. The answer holds
   * for now only: the window may close before a queued message goes out.
   *
   * @throws OutsideWindowException when the policy refuses the message now, saying why and what would be allowed
   * @throws InvalidRequestException when no account is configured or the message cannot be rendered
   */
  public void requireAllowed(Recipient recipient, Message message, SendOptions options) {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(message, "message");
    engine.check(recipient, message, options == null ? SendOptions.DEFAULT : options);
  }

  /**
   * Posts {@code requestBodyJson}, a whole Send API request body, as it is to the recipient's page
   * or number: the escape hatch for what Parley does not model. Rate limits and retries apply; the
   * messaging policy does not (the body says how it goes out), nor does rendering. May wait for
   * room like {@link #sendAsync(Recipient, Message, SendOptions)}.
   */
  public CompletableFuture<SendReceipt> sendRawAsync(Recipient recipient, String requestBodyJson) {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(requestBodyJson, "requestBodyJson");
    return engine.sendRaw(recipient, requestBodyJson);
  }

  /** Posts a raw request body and waits. */
  public SendReceipt sendRaw(Recipient recipient, String requestBodyJson) {
    return Blocking.await(sendRawAsync(recipient, requestBodyJson), "send");
  }

  /**
   * Sends a typing indicator or a read mark. On WhatsApp {@link SenderAction#typingOff()} completes
   * at once without a request (WhatsApp clears the indicator itself). May wait for room like
   * {@link #sendAsync(Recipient, Message, SendOptions)}.
   */
  public CompletableFuture<Void> senderActionAsync(Recipient recipient, SenderAction action) {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(action, "action");
    return engine.senderAction(recipient, action);
  }

  /** Sends a sender action and waits. */
  public void senderAction(Recipient recipient, SenderAction action) {
    Blocking.await(senderActionAsync(recipient, action), "send");
  }

  /**
   * Messenger's Handover Protocol (pass, take, request thread control) for this client's pages, with
   * its app secret, Graph base and version, connection pool and error mapping.
   */
  public ThreadControl threadControl() {
    return new ThreadControl(engine);
  }

  /**
   * Messenger's User Profile API (a customer's name and picture) for this client's pages, with its
   * app secret, Graph base and version, HTTP client and timeouts, clock and error mapping. One per client.
   */
  public MessengerProfileFetcher profileFetcher() {
    MessengerProfileFetcher fetcher = profileFetcher;
    if (fetcher == null) {
      synchronized (this) {
        fetcher = profileFetcher;
        if (fetcher == null) {
          fetcher = new MessengerProfileFetcher(new GraphPageReader(engine), settings.clock);
          profileFetcher = fetcher;
        }
      }
    }
    return fetcher;
  }

  /**
   * Uploads of images, videos, audio and files to this client's pages and numbers, to send later by
   * id, with its app secret, Graph base and version, HTTP client and timeouts, retry policy and error
   * mapping.
   */
  public MediaUploads mediaUploads() {
    return new MediaUploads(new GraphMediaUploader(engine));
  }

  /**
   * Downloads and deletes of WhatsApp media (what customers sent, what was uploaded) as this client's
   * numbers, with its Graph base and version, HTTP client and timeouts, retry policy and error mapping.
   */
  public MediaDownloads mediaDownloads() {
    return new MediaDownloads(new GraphMediaDownloader(engine));
  }

  /** True when this client has credentials for the page or number {@code businessId} on {@code channel}. */
  public boolean hasAccount(Channel channel, String businessId) {
    return settings.accounts.containsKey(Account.key(channel, businessId));
  }

  @Override
  public String toString() {
    return "Parley{" + settings.graphApiBase + "/" + settings.graphVersion + ", accounts=" + settings.accounts.keySet()
        + ", " + settings.retryPolicy + ", " + settings.rateLimits + "}";
  }


  /**
   * Configures a {@link Parley}. Every setter rejects a bad value at once, naming it (secrets are
   * never echoed). Not thread-safe.
   */
  public static final class Builder {
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private String appSecret;
    private String graphApiBase = DEFAULT_GRAPH_API_BASE;
    private String graphVersion = DEFAULT_GRAPH_VERSION;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private RateLimits rateLimits = RateLimits.DEFAULT;
    private Clock clock = Clock.systemUTC();
    private DelayScheduler scheduler;
    private LastInboundTimes lastInboundTimes;
    private UtilityTemplates utilityTemplates = UtilityTemplates.none();
    private Locale locale = Locale.UK;
    private int maxConcurrentRequests = 64;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration callTimeout = Duration.ofSeconds(30);
    private final SendEngine parent;

    private Builder() {
      this.parent = null;
    }

    private Builder(Builder from, SendEngine parent) {
      this.parent = parent;
      accounts.putAll(from.accounts);
      appSecret = from.appSecret;
      graphApiBase = from.graphApiBase;
      graphVersion = from.graphVersion;
      retryPolicy = from.retryPolicy;
      rateLimits = from.rateLimits;
      clock = from.clock;
      scheduler = from.scheduler;
      lastInboundTimes = from.lastInboundTimes;
      utilityTemplates = from.utilityTemplates;
      locale = from.locale;
      maxConcurrentRequests = from.maxConcurrentRequests;
      connectTimeout = from.connectTimeout;
      callTimeout = from.callTimeout;
    }

    /** A Messenger page and its page access token; call once per page. */
    public Builder messengerPage(String pageId, String pageAccessToken) {
      return account(Channel.MESSENGER, pageId, pageAccessToken);
    }

    /** A WhatsApp business phone number (its phone-number id) and a token with {@code whatsapp_business_messaging}; call once per number. */
    public Builder whatsAppNumber(String phoneNumberId, String accessToken) {
      return account(Channel.WHATSAPP, phoneNumberId, accessToken);
    }

    /** The Meta app secret: every request then carries {@code appsecret_proof}, as "Require App Secret" demands. */
    public Builder appSecret(String appSecret) {
      if (appSecret == null || appSecret.isBlank()) {
        throw new InvalidRequestException("appSecret must not be blank");
      }
      this.appSecret = appSecret;
      return this;
    }

    /** The Graph API base URL, {@value #DEFAULT_GRAPH_API_BASE} by default; a local sandbox in tests. */
    public Builder graphApiBase(String baseUrl) {
      this.graphApiBase = SendConfig.requireBaseUrl(baseUrl);
      return this;
    }

    /** The Graph API version, {@value #DEFAULT_GRAPH_VERSION} by default. */
    public Builder graphVersion(String version) {
      if (version == null || !version.matches("v[0-9]{1,3}\\.[0-9]{1,2}")) {
        throw new InvalidRequestException("graphVersion '" + version + "' is not a Graph API version like v25.0");
      }
      this.graphVersion = version;
      return this;
    }

    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    public Builder rateLimits(RateLimits rateLimits) {
      this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
      return this;
    }

    /** The clock of the messaging window, retry budget and rate limits; the system UTC clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where waits (backoff, rate-limit slots) run; one shared daemon thread by default. Pair a virtual one with a matching {@link #clock}. */
    public Builder scheduler(DelayScheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** Where the customers' last inbound times come from; a new {@link InMemoryLastInboundTimes} by default. */
    public Builder lastInboundTimes(LastInboundTimes lastInboundTimes) {
      this.lastInboundTimes = Objects.requireNonNull(lastInboundTimes, "lastInboundTimes");
      return this;
    }

    /** The WhatsApp UTILITY templates for order updates and receipts outside the window; none by default. */
    public Builder utilityTemplates(UtilityTemplates utilityTemplates) {
      this.utilityTemplates = Objects.requireNonNull(utilityTemplates, "utilityTemplates");
      return this;
    }

    /** The locale of the texts Parley writes for fallbacks (amounts, dates); {@link Locale#UK} by default. */
    public Builder locale(Locale locale) {
      this.locale = Objects.requireNonNull(locale, "locale");
      return this;
    }

    /**
     * Requests in flight at once across all accounts, 64 by default: the number of worker threads that
     * make the HTTP calls (they end after a minute idle); further sends wait in line. A caller more than 64
     * sends per request ahead of the workers waits a little before its send is queued (see
     * {@link Parley#sendAsync(Recipient, Message, SendOptions)}).
     */
    public Builder maxConcurrentRequests(int maxConcurrentRequests) {
      if (maxConcurrentRequests < 1 || maxConcurrentRequests > 4096) {
        throw new InvalidRequestException("maxConcurrentRequests " + maxConcurrentRequests + " must be between 1 and 4096");
      }
      this.maxConcurrentRequests = maxConcurrentRequests;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = SendConfig.requireTimeout("connectTimeout", timeout);
      return this;
    }

    /** The limit of one HTTP attempt, from connecting to reading the answer; 30 s by default. */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = SendConfig.requireTimeout("callTimeout", timeout);
      return this;
    }

    public Parley build() {
      if (accounts.isEmpty()) {
        throw new InvalidRequestException("no account: add a messengerPage or a whatsAppNumber");
      }
      LastInboundTimes times = lastInboundTimes == null ? new InMemoryLastInboundTimes() : lastInboundTimes;
      lastInboundTimes = times;
      Builder frozen = new Builder(this, parent);
      Map<String, Account> withProofs = new LinkedHashMap<>();
      accounts.forEach((key, account) -> withProofs.put(key, account.withAppSecret(appSecret)));
      SendConfig config = new SendConfig(withProofs, graphApiBase, graphVersion, retryPolicy, rateLimits, clock,
          scheduler, times, utilityTemplates, locale, maxConcurrentRequests, connectTimeout, callTimeout);
      return new Parley(frozen, parent == null ? SendEngine.create(config) : parent.derive(config));
    }

    private Builder account(Channel channel, String businessId, String token) {
      Account account = Account.of(channel, businessId, token);
      accounts.put(Account.key(channel, businessId), account);
      return this;
    }

  }
}
