package dev.parley.core.webhook;

import dev.parley.core.internal.webhook.HubSignature;
import dev.parley.core.internal.webhook.HubSignature.Algorithm;
import dev.parley.core.internal.webhook.MalformedPayloadException;
import dev.parley.core.internal.webhook.PayloadParser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Messenger and WhatsApp webhook endpoint, independent of any server: give it a
 * {@link WebhookRequest}, write out the {@link WebhookResponse}. Mount it in the bot framework's
 * server, a servlet or a Spring controller, for {@code GET} and {@code POST} on one path.
 *
 * <pre>{@code
 * WebhookHandler webhooks = WebhookHandler.builder()
 *     .appSecret(System.getenv("PARLEY_APP_SECRET"))
 *     .verifyToken(System.getenv("PARLEY_VERIFY_TOKEN"))
 *     .journal(conversationStore)                 // every store is an InboundJournal
 *     .listener(event -> bot.handle(event))
 *     .executor(workers)
 *     .build();
 * webhooks.redispatchUnhandled();                 // events recorded before a crash, once at start
 * WebhookResponse response = webhooks.handle(request);
 * }</pre>
 *
 * <ul>
 *   <li>{@code GET}: the verification handshake. {@code hub.mode=subscribe} and the right
 *       {@code hub.verify_token} get 200 with {@code hub.challenge}; anything else 403.
 *   <li>{@code POST}: a body over the size limit gets 413; a missing or wrong
 *       {@code X-Hub-Signature-256} 401 and nothing is read (the SHA1 header counts only when
 *       enabled); JSON that does not parse 400; an {@code object} other than {@code page} and
 *       {@code whatsapp_business_account} 200, ignored. Otherwise every event is recorded in the
 *       {@link InboundJournal}; redeliveries are dropped there; the answer is 200 once every
 *       record returned, and the new events go to the listener on the executor, in payload order,
 *       each marked handled after the listener returns.
 *   <li>Bad input never gets a 500 and no exception escapes {@link #handle}. If the journal fails
 *       the answer is 503, so Meta delivers again later.
 * </ul>
 *
 * <p>A listener that throws is logged and its event stays unhandled in the journal, to be
 * dispatched again by {@link #redispatchUnhandled()} at the next start. The listener may run on
 * several executor threads at once; ordering per conversation is the caller's (the bot runtime
 * serialises per conversation). Thread-safe; build one and share it.
 */
public final class WebhookHandler {

  private static final Logger log = LoggerFactory.getLogger(WebhookHandler.class);
  private static final String PAGE = "page";
  private static final String WHATSAPP = "whatsapp_business_account";
  private static final int DEFAULT_REDISPATCH_LIMIT = 100_000;
  /** The most events a journal hands out per call: the stores' limit. */
  private static final int JOURNAL_PAGE = 1000;

  private final HubSignature signature;
  private final byte[] verifyToken;
  private final int maxBodyBytes;
  private final boolean allowLegacySha1;
  private final InboundJournal journal;
  private final Consumer<InboundEvent> listener;
  private final Executor executor;
  private final PayloadParser parser;

  private WebhookHandler(Builder builder) {
    this.signature = new HubSignature(builder.appSecret);
    this.verifyToken = builder.verifyToken.getBytes(StandardCharsets.UTF_8);
    this.maxBodyBytes = builder.maxBodyBytes;
    this.allowLegacySha1 = builder.allowLegacySha1;
    this.journal = builder.journal;
    this.listener = builder.listener;
    this.executor = builder.executor;
    this.parser = new PayloadParser(builder.clock);
  }

  /** A builder; app secret, verify token, journal, listener and executor are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The largest body accepted, in bytes; servers may stop reading one byte past it. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** Answers one webhook request. Never throws. */
  public WebhookResponse handle(WebhookRequest request) {
    try {
      switch (request.method()) {
        case "GET":
          return handshake(request);
        case "POST":
          return receive(request);
        default:
          log.debug("webhook {} refused: only GET and POST", request.method());
          return WebhookResponse.text(405, "only GET and POST");
      }
    } catch (RuntimeException e) {
      log.error("webhook request failed unexpectedly; answering 503 so Meta delivers it again", e);
      return WebhookResponse.text(503, "try again later");
    }
  }

  /**
   * Dispatches, oldest first, up to 100,000 events the journal recorded but never marked handled
   * (the process stopped between the 200 and the end of the work). Call once at start, before
   * serving webhooks; returns how many were dispatched.
   */
  public int redispatchUnhandled() {
    return redispatchUnhandled(DEFAULT_REDISPATCH_LIMIT);
  }

  /**
   * Like {@link #redispatchUnhandled()}, for at most {@code limit} events, read from the journal in
   * pages of at most 1,000 (the most a store returns per call).
   */
  public int redispatchUnhandled(int limit) {
    return redispatchUnhandled(limit, Instant.MAX);
  }

  /**
   * Dispatches again, oldest first, at most {@code limit} events recorded but not handled that
   * happened before {@code occurredBefore}: events whose handling failed after their 200 (the store
   * was unreachable mid-turn, say), which Meta will not deliver again. Safe while traffic flows when
   * the listener skips events it already handled (the bot runtime does): an event still being
   * handled is then only dispatched twice, never handled twice.
   */
  public int redispatchUnhandled(int limit, Instant occurredBefore) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    Objects.requireNonNull(occurredBefore, "occurredBefore");
    int dispatched = 0;
    int read = 0;
    InboundJournal.Entry last = null;
    while (read < limit) {
      int page = Math.min(JOURNAL_PAGE, limit - read);
      // The previous pages may still be running on the executor, unhandled: continue after them.
      List<InboundJournal.Entry> entries = last == null ? journal.unhandled(page) : journal.unhandledAfter(last, page);
      List<Dispatch> work = new ArrayList<>(entries.size());
      for (InboundJournal.Entry entry : entries) {
        if (entry.occurredAt().isBefore(occurredBefore)) {
          work.add(new Dispatch(entry.eventKey(), parser.fromJournal(entry)));
        }
      }
      dispatch(work);
      dispatched += work.size();
      read += entries.size();
      if (entries.size() < page) {
        break;
      }
      last = entries.get(entries.size() - 1);
    }
    if (dispatched > 0) {
      log.info("dispatched {} webhook events recorded but not handled before", dispatched);
    }
    if (read == limit) {
      log.warn("read the limit of {} unhandled webhook events; more may wait in the journal", limit);
    }
    return dispatched;
  }

  private WebhookResponse handshake(WebhookRequest request) {
    String mode = request.queryParameter("hub.mode");
    String token = request.queryParameter("hub.verify_token");
    String challenge = request.queryParameter("hub.challenge");
    boolean tokenMatches = token != null && MessageDigest.isEqual(verifyToken, token.getBytes(StandardCharsets.UTF_8));
    if ("subscribe".equals(mode) && tokenMatches && challenge != null) {
      log.info("webhook verification handshake answered");
      return WebhookResponse.text(200, challenge);
    }
    log.warn("webhook verification refused: mode {}, verify token {}, challenge {}",
        mode == null ? "missing" : "'" + abbreviate(mode) + "'",
        token == null ? "missing" : "wrong", challenge == null ? "missing" : "present");
    return WebhookResponse.text(403, "verification refused");
  }

  private WebhookResponse receive(WebhookRequest request) {
    byte[] body = request.bodyWithoutCopy();
    if (body.length > maxBodyBytes) {
      log.warn("webhook body of {} bytes refused; the limit is {}", body.length, maxBodyBytes);
      return WebhookResponse.text(413, "body over " + maxBodyBytes + " bytes");
    }
    if (!signatureMatches(request, body)) {
      return WebhookResponse.text(401, "signature missing or wrong");
    }
    PayloadParser.Payload payload;
    try {
      payload = parser.read(body);
    } catch (MalformedPayloadException e) {
      log.warn("signed webhook body refused: {}", e.getMessage());
      return WebhookResponse.text(400, e.getMessage());
    }
    if (!PAGE.equals(payload.object()) && !WHATSAPP.equals(payload.object())) {
      log.debug("webhook for object '{}' ignored", abbreviate(String.valueOf(payload.object())));
      return WebhookResponse.text(200, "ignored");
    }
    return recordAndDispatch(payload.events());
  }

  private boolean signatureMatches(WebhookRequest request, byte[] body) {
    String sha256 = request.header(WebhookSigner.SIGNATURE_HEADER);
    if (sha256 != null) {
      if (signature.matches(Algorithm.SHA256, sha256, body)) {
        return true;
      }
      log.warn("webhook refused: {} does not match the body; check the app secret and that the raw bytes are passed",
          WebhookSigner.SIGNATURE_HEADER);
      return false;
    }
    String sha1 = request.header(WebhookSigner.LEGACY_SIGNATURE_HEADER);
    if (sha1 != null && allowLegacySha1) {
      if (signature.matches(Algorithm.SHA1, sha1, body)) {
        return true;
      }
      log.warn("webhook refused: {} does not match the body", WebhookSigner.LEGACY_SIGNATURE_HEADER);
      return false;
    }
    log.warn("webhook refused: no {} header{}", WebhookSigner.SIGNATURE_HEADER,
        sha1 != null ? " (the legacy SHA1 header is not enabled)" : "");
    return false;
  }

  private WebhookResponse recordAndDispatch(List<InboundEvent> events) {
    List<Dispatch> fresh = new ArrayList<>(events.size());
    try {
      for (InboundEvent event : events) {
        if (journal.record(event.dedupKey(), event.from(), event.occurredAt(), event.rawJson())) {
          fresh.add(new Dispatch(event.dedupKey(), event));
        } else {
          log.debug("webhook event {} already recorded; redelivery dropped", event.dedupKey());
        }
      }
    } catch (RuntimeException e) {
      log.error("webhook journal failed after {} of {} events; answering 503 so Meta delivers again", fresh.size(), events.size(), e);
      dispatch(fresh); // recorded, so a redelivery will be dropped: their work must run now
      return WebhookResponse.text(503, "try again later");
    }
    dispatch(fresh);
    return WebhookResponse.text(200, "EVENT_RECEIVED");
  }

  private void dispatch(List<Dispatch> work) {
    if (work.isEmpty()) {
      return;
    }
    try {
      executor.execute(() -> work.forEach(this::runListener));
    } catch (RuntimeException e) { // RejectedExecutionException, or a broken executor: the journal still has them
      log.error("executor refused {} webhook events; they stay unhandled in the journal until redispatchUnhandled()",
          work.size(), e);
    }
  }

  private void runListener(Dispatch dispatch) {
    try {
      listener.accept(dispatch.event());
    } catch (RuntimeException | Error e) {
      if (e instanceof OutOfMemoryError oom) {
        throw oom;
      }
      log.error("webhook listener failed on {}; the event stays unhandled", dispatch.key(), e);
      return;
    }
    try {
      journal.markHandled(dispatch.key());
    } catch (RuntimeException e) {
      log.error("could not mark webhook event {} handled; it may be dispatched again at the next start", dispatch.key(), e);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 39) + "…";
  }

  @Override
  public String toString() {
    return "WebhookHandler[appSecret=<redacted>, verifyToken=<redacted>, maxBodyBytes=" + maxBodyBytes
        + ", allowLegacySha1=" + allowLegacySha1 + "]";
  }

  private record Dispatch(String key, InboundEvent event) {}

  /** Configures a {@link WebhookHandler}. Not thread-safe. */
  public static final class Builder {
    private String appSecret;
    private String verifyToken;
    private int maxBodyBytes = 1024 * 1024;
    private boolean allowLegacySha1;
    private InboundJournal journal;
    private Consumer<InboundEvent> listener;
    private Executor executor;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The Meta app secret that keys the payload signatures. Required; never logged. */
    public Builder appSecret(String appSecret) {
      if (appSecret == null || appSecret.isBlank()) {
        throw new IllegalArgumentException("appSecret must not be blank");
      }
      this.appSecret = appSecret;
      return this;
    }

    /** The verify token configured in the Meta app dashboard, checked by the GET handshake. Required; never logged. */
    public Builder verifyToken(String verifyToken) {
      if (verifyToken == null || verifyToken.isBlank()) {
        throw new IllegalArgumentException("verifyToken must not be blank");
      }
      this.verifyToken = verifyToken;
      return this;
    }

    /** The largest body accepted (413 beyond); default 1 MiB. */
    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes < 1024) {
        throw new IllegalArgumentException("maxBodyBytes " + maxBodyBytes + " is too small; at least 1024");
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * Accept the legacy {@code X-Hub-Signature} (HMAC-SHA1) when a request has no
     * {@code X-Hub-Signature-256}. Off by default; SHA256 always wins when present.
     */
    public Builder allowLegacySha1(boolean allowLegacySha1) {
      this.allowLegacySha1 = allowLegacySha1;
      return this;
    }

    /** Where events are durably recorded and deduplicated (every conversation store is one). Required. */
    public Builder journal(InboundJournal journal) {
      this.journal = Objects.requireNonNull(journal, "journal");
      return this;
    }

    /** Receives each new event, on the executor, after it was recorded. Required. */
    public Builder listener(Consumer<InboundEvent> listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Runs the listener off the request thread. Required; its lifecycle stays the caller's. */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** The time source for events without a timestamp; default the system clock in UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The handler; throws naming the first missing required setting. */
    public WebhookHandler build() {
      require(appSecret, "appSecret");
      require(verifyToken, "verifyToken");
      require(journal, "journal");
      require(listener, "listener");
      require(executor, "executor");
      return new WebhookHandler(this);
    }

    private static void require(Object value, String name) {
      if (value == null) {
        throw new IllegalStateException(name + " is required: set it with WebhookHandler.builder()." + name + "(...)");
      }
    }

    @Override
    public String toString() {
      return "WebhookHandler.Builder[appSecret=" + (appSecret == null ? "unset" : "<redacted>") + ", verifyToken="
          + (verifyToken == null ? "unset" : "<redacted>") + ", maxBodyBytes=" + maxBodyBytes + "]";
    }
  }
}
