package dev.parley.bot.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.parley.bot.agent.internal.HttpExchanges;
import dev.parley.bot.agent.internal.HttpExchanges.TooLarge;
import dev.parley.core.webhook.WebhookHandler;
import dev.parley.core.webhook.WebhookRequest;
import dev.parley.core.webhook.WebhookResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's HTTP server, on the JDK's {@link HttpServer}: {@code GET|POST /webhooks/meta}
 * (Messenger and WhatsApp), {@code POST /webhooks/stripe}, the agent API under {@code /inbox/api/},
 * the inbox page under {@code /inbox} and {@code GET /healthz}.
 *
 * <pre>{@code
 * BotServer server = BotServer.builder()
 *     .port(8080)
 *     .metaWebhook(webhookHandler)
 *     .paymentWebhook(stripeWebhook)            // optional: 404 without it
 *     .inboxApi(agentHttpApi)                   // optional
 *     .healthCheck("store", () -> store.findConversation(probe).isPresent() ? null : null)
 *     .onStop(outbox).onStop(store)             // closed in reverse order after the last request
 *     .build()
 *     .start();
 * }</pre>
 *
 * <ul>
 *   <li>Requests run on a bounded pool ({@code threads}, 16 by default, with a bounded queue; when
 *       both are full the accepting thread runs the request itself, which slows intake instead of
 *       dropping work).
 *   <li>Bodies are limited: the Meta webhook at its handler's limit, Stripe at its, the agent API
 *       at its own; beyond, 413 without reading further.
 *   <li>Bad input gets a 4xx JSON or text answer; an unexpected failure is logged and answered 500
 *       without details, and the server keeps serving.
 *   <li>The access log has method, path without the query string, status and duration: no query
 *       (the verify token travels there), no header (the agent tokens travel there), no body.
 *   <li>{@link #close()} is graceful: new requests get 503, requests in flight finish (up to the
 *       shutdown grace), then the listener closes and the {@link Builder#onStop} resources close
 *       in reverse order (the bot runtime first finishes the turns in flight).
 * </ul>
 *
 * <p>The JDK server must run with {@code -Dsun.net.httpserver.nodelay=true}; {@link #start()} sets
 * it when it is unset, before the server is created. Thread-safe.
 */
public final class BotServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BotServer.class);
  private static final Logger accessLogger = LoggerFactory.getLogger("dev.parley.bot.server.access");
  static final String META_WEBHOOK = "/webhooks/meta";
  static final String STRIPE_WEBHOOK = "/webhooks/stripe";
  static final String INBOX_API = "/inbox/api";
  static final String INBOX = "/inbox";
  static final String HEALTH = "/healthz";

  private final Builder settings;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object drained = new Object();
  private volatile boolean draining;
  private HttpServer http;
  private ThreadPoolExecutor pool;
  private boolean closed;

  private BotServer(Builder settings) {
    this.settings = settings;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Binds the port and starts serving; returns this server. */
  public synchronized BotServer start() {
    if (http != null || closed) {
      throw new IllegalStateException("the server was already started");
    }
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      // Without it, Nagle's algorithm and delayed ACKs hold each keep-alive response for ~40 ms.
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    try {
      http = HttpServer.create(new InetSocketAddress(settings.host, settings.port), 128);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + settings.host + ":" + settings.port + ": " + e.getMessage(), e);
    }
    AtomicInteger names = new AtomicInteger();
    pool = new ThreadPoolExecutor(settings.threads, settings.threads, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(settings.threads * 16), runnable -> {
          Thread thread = new Thread(runnable, "parley-http-" + names.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    pool.allowCoreThreadTimeOut(true);
    http.setExecutor(pool);
    http.createContext("/", this::serve);
    http.start();
    log.info("bot server listening on port {}", port());
    return this;
  }

  /** The port the server listens on (the chosen one when configured with 0). */
  public int port() {
    if (http == null) {
      throw new IllegalStateException("the server is not started");
    }
    return http.getAddress().getPort();
  }

  /** Requests being answered right now. */
  public int requestsInFlight() {
    return inFlight.get();
  }

  private void serve(HttpExchange exchange) {
    long started = System.nanoTime();
    inFlight.incrementAndGet();
    String path = HttpExchanges.path(exchange);
    try {
      if (draining) {
        HttpExchanges.drain(exchange);
        exchange.getResponseHeaders().set("Connection", "close");
        HttpExchanges.sendError(exchange, 503, "shutting_down", "the server is shutting down; try again shortly");
      } else {
        route(exchange, path);
      }
    } catch (TooLarge e) {
      try {
        HttpExchanges.sendTooLarge(exchange, e.limit());
      } catch (IOException closed) {
        log.debug("{} {}: could not answer 413: {}", exchange.getRequestMethod(), path, closed.getMessage());
      }
    } catch (IOException e) {
      log.debug("{} {}: connection failed: {}", exchange.getRequestMethod(), path, e.getMessage());
    } catch (RuntimeException e) {
      log.error("{} {} failed unexpectedly", exchange.getRequestMethod(), path, e);
      answerQuietly(exchange, 500, "internal", "something went wrong on the server; it was logged");
    } finally {
      exchange.close();
      logAccess(exchange, path, started);
      if (inFlight.decrementAndGet() == 0 && draining) {
        synchronized (drained) {
          drained.notifyAll();
        }
      }
    }
  }

  private void route(HttpExchange exchange, String path) throws IOException {
    if (path.equals(HEALTH)) {
      health(exchange);
    } else if (path.equals(META_WEBHOOK)) {
      webhook(exchange, settings.metaWebhook.maxBodyBytes(), settings.metaWebhook::handle);
    } else if (path.equals(STRIPE_WEBHOOK)) {
      if (settings.paymentWebhook == null) {
        notFound(exchange, "payments are off: set STRIPE_API_KEY and STRIPE_WEBHOOK_SECRET");
      } else if (!"POST".equals(exchange.getRequestMethod())) {
        methodNotAllowed(exchange, "POST");
      } else {
        webhook(exchange, settings.paymentWebhook.maxBodyBytes(), settings.paymentWebhook::handle);
      }
    } else if (path.equals(INBOX_API) || path.startsWith(INBOX_API + "/")) {
      if (settings.inboxApi == null) {
        notFound(exchange, "the agent API is not enabled");
      } else {
        settings.inboxApi.handle(exchange);
      }
    } else if ((path.equals(INBOX) || path.startsWith(INBOX + "/")) && settings.inboxPage != null) {
      settings.inboxPage.handle(exchange);
    } else {
      notFound(exchange, "nothing at " + abbreviate(path));
    }
  }

  private void webhook(HttpExchange exchange, int limit, java.util.function.Function<WebhookRequest, WebhookResponse> handler)
      throws IOException {
    String method = exchange.getRequestMethod();
    if (!"GET".equals(method) && !"POST".equals(method)) {
      methodNotAllowed(exchange, "GET, POST");
      return;
    }
    byte[] body = "POST".equals(method) ? HttpExchanges.readBody(exchange, limit) : new byte[0];
    WebhookRequest request = WebhookRequest.of(method, exchange.getRequestURI().getRawQuery(),
        exchange.getRequestHeaders(), body);
    WebhookResponse response = handler.apply(request);
    HttpExchanges.send(exchange, response.status(), response.contentType(), response.bodyBytes());
  }

  private void health(HttpExchange exchange) throws IOException {
    if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
      methodNotAllowed(exchange, "GET");
      return;
    }
    Map<String, String> problems = new LinkedHashMap<>();
    settings.healthChecks.forEach((name, check) -> {
      try {
        String problem = check.problem();
        if (problem != null) {
          problems.put(name, problem);
        }
      } catch (RuntimeException e) {
        problems.put(name, e.getClass().getSimpleName());
      }
    });
    com.google.gson.JsonObject body = new com.google.gson.JsonObject();
    body.addProperty("status", problems.isEmpty() ? "ok" : "unavailable");
    com.google.gson.JsonObject checks = new com.google.gson.JsonObject();
    settings.healthChecks.keySet().forEach(name -> checks.addProperty(name, problems.getOrDefault(name, "ok")));
    body.add("checks", checks);
    HttpExchanges.sendJson(exchange, problems.isEmpty() ? 200 : 503, body.toString());
  }

  private static void notFound(HttpExchange exchange, String message) throws IOException {
    HttpExchanges.drain(exchange);
    HttpExchanges.sendError(exchange, 404, "not_found", message);
  }

  private static void methodNotAllowed(HttpExchange exchange, String allowed) throws IOException {
    HttpExchanges.drain(exchange);
    exchange.getResponseHeaders().set("Allow", allowed);
    HttpExchanges.sendError(exchange, 405, "method_not_allowed", exchange.getRequestMethod() + " is not allowed here; "
        + "use " + allowed);
  }

  private static void answerQuietly(HttpExchange exchange, int status, String code, String message) {
    try {
      if (exchange.getResponseCode() == -1) {
        exchange.getResponseHeaders().set("Connection", "close");
        HttpExchanges.sendError(exchange, status, code, message);
      }
    } catch (IOException | RuntimeException e) {
      log.debug("could not answer {}: {}", status, e.getMessage());
    }
  }

  private void logAccess(HttpExchange exchange, String path, long started) {
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    String line = exchange.getRequestMethod() + " " + abbreviate(path) + " " + exchange.getResponseCode() + " "
        + millis + "ms";
    try {
      settings.accessLog.accept(line);
    } catch (RuntimeException e) {
      log.debug("access log failed", e);
    }
  }

  private static String abbreviate(String path) {
    String clean = path.replaceAll("[\\p{Cntrl}]", "?");
    return clean.length() <= 200 ? clean : clean.substring(0, 199) + "…";
  }

  /**
   * Stops gracefully: refuses new requests with 503, lets those in flight finish (up to the
   * shutdown grace), closes the listener, then the {@link Builder#onStop} resources in reverse
   * order. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    draining = true;
    long deadline = System.nanoTime() + settings.shutdownGrace.toNanos();
    synchronized (drained) {
      while (inFlight.get() > 0 && System.nanoTime() < deadline) {
        try {
          drained.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    if (inFlight.get() > 0) {
      log.warn("{} requests still running after the shutdown grace of {}", inFlight.get(), settings.shutdownGrace);
    }
    if (http != null) {
      http.stop(0);
      pool.shutdown();
    }
    List<AutoCloseable> resources = new ArrayList<>(settings.onStop);
    java.util.Collections.reverse(resources);
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("closing {} failed", resource, e);
      }
    }
    log.info("bot server stopped");
  }

  @Override
  public String toString() {
    return "BotServer[" + settings.host + ":" + (http == null ? settings.port : port()) + ", threads=" + settings.threads
        + "]";
  }

  /** Configures a {@link BotServer}. Not thread-safe. */
  public static final class Builder {
    private String host = "0.0.0.0";
    private int port = ServerConfig.DEFAULT_PORT;
    private WebhookHandler metaWebhook;
    private PaymentWebhook paymentWebhook;
    private HttpHandler inboxApi;
    private HttpHandler inboxPage;
    private final Map<String, HealthCheck> healthChecks = new LinkedHashMap<>();
    private int threads = 16;
    private Duration shutdownGrace = Duration.ofSeconds(10);
    private Consumer<String> accessLog = line -> accessLogger.info(line);
    private final List<AutoCloseable> onStop = new ArrayList<>();

    private Builder() {}

    /** The port, 8080 by default; 0 picks a free one (see {@link BotServer#port()}). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is not a port number (0 to 65535)");
      }
      this.port = port;
      return this;
    }

    /** The address to listen on, {@code 0.0.0.0} by default. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The Messenger and WhatsApp webhook endpoint. Required. */
    public Builder metaWebhook(WebhookHandler handler) {
      this.metaWebhook = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /** The payment provider's webhook endpoint; {@code /webhooks/stripe} answers 404 without it. */
    public Builder paymentWebhook(PaymentWebhook webhook) {
      this.paymentWebhook = Objects.requireNonNull(webhook, "webhook");
      return this;
    }

    /** The agent API ({@code /inbox/api/...}), such as {@code dev.parley.bot.agent.AgentHttpApi}. */
    public Builder inboxApi(HttpHandler handler) {
      this.inboxApi = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /** The inbox page and its assets ({@code /inbox}, {@code /inbox/...} except the API). */
    public Builder inboxPage(HttpHandler handler) {
      this.inboxPage = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /** Adds a check to {@code /healthz} under {@code name}. */
    public Builder healthCheck(String name, HealthCheck check) {
      healthChecks.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "check"));
      return this;
    }

    /** Request threads, 16 by default. */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 512) {
        throw new IllegalArgumentException("threads " + threads + " must be between 1 and 512");
      }
      this.threads = threads;
      return this;
    }

    /** How long {@link BotServer#close()} waits for requests in flight; 10 s by default. */
    public Builder shutdownGrace(Duration grace) {
      if (grace == null || grace.isNegative() || grace.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("shutdownGrace " + grace + " must be between 0 and 5 minutes");
      }
      this.shutdownGrace = grace;
      return this;
    }

    /** Where access log lines go; the SLF4J logger {@code dev.parley.bot.server.access} by default. */
    public Builder accessLog(Consumer<String> accessLog) {
      this.accessLog = Objects.requireNonNull(accessLog, "accessLog");
      return this;
    }

    /** A resource to close after the server stopped serving; resources close in reverse order of adding. */
    public Builder onStop(AutoCloseable resource) {
      onStop.add(Objects.requireNonNull(resource, "resource"));
      return this;
    }

    public BotServer build() {
      if (metaWebhook == null) {
        throw new IllegalStateException("metaWebhook is required: the server exists to receive Meta's webhooks");
      }
      return new BotServer(this);
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
