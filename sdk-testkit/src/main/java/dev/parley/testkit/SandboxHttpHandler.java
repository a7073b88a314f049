package dev.parley.testkit;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP handler of the sandbox: records each request, applies request faults, and routes to
 * Stripe ({@code /v1/...}), the Graph API ({@code /vNN.N/...}) or the checkout page ({@code /pay/...}).
 * A bug inside the sandbox answers 500 and logs, never kills the server thread. Thread-safe.
 */
final class SandboxHttpHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(SandboxHttpHandler.class);

  private final SandboxClock clock;
  private final FaultInjector faults;
  private final GraphApi graph;
  private final StripeApi stripe;
  private final CheckoutPage checkoutPage;
  private volatile ControlApi control;
  private final AtomicLong sequence = new AtomicLong();
  private final List<RecordedRequest> recorded = new ArrayList<>();

  SandboxHttpHandler(SandboxClock clock, FaultInjector faults, GraphApi graph, StripeApi stripe,
      CheckoutPage checkoutPage) {
    this.clock = clock;
    this.faults = faults;
    this.graph = graph;
    this.stripe = stripe;
    this.checkoutPage = checkoutPage;
  }

  /**
   * Records each request before answering it, so that a caller who got its answer finds the request in
   * {@link #recorded()}.
   */
  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (control != null && exchange.getRequestURI().getPath().startsWith(ControlApi.PREFIX)) {
      try {
        write(exchange, control.handle(read(exchange)));
      } finally {
        exchange.close();
      }
      return;
    }
    long number = sequence.incrementAndGet();
    Instant receivedAt = clock.now();
    try {
      IncomingRequest request = read(exchange);
      Response response;
      try {
        FaultInjector.RequestPlan plan = faults.planRequest(request.path());
        if (!plan.latency().isZero()) {
          sleep(plan.latency());
        }
        Fault failure = plan.failure();
        if (failure != null && failure.kind == Fault.Kind.DROP_CONNECTION) {
          record(number, receivedAt, request, 0);
          return;
        }
        response = failure != null && (failure.kind == Fault.Kind.SERVER_ERROR
            || failure.kind == Fault.Kind.RATE_LIMITED) ? injected(failure, request) : route(request);
        if (failure != null && failure.kind == Fault.Kind.DROP_RESPONSE) {
          record(number, receivedAt, request, 0);
          return;
        }
      } catch (RuntimeException e) {
        log.error("Sandbox failed on {} {}", request.method(), request.path(), e);
        response = Response.graphJson(500, errorText("sandbox failure: " + e));
      }
      record(number, receivedAt, request, response.status());
      write(exchange, response);
    } finally {
      exchange.close();
    }
  }

  void setControl(ControlApi control) {
    this.control = control;
  }

  private Response route(IncomingRequest request) {
    String path = request.path();
    if (StripeApi.handles(path)) {
      return stripe.handle(request);
    }
    if (GraphApi.handles(path)) {
      return graph.handle(request);
    }
    if (path.startsWith(CheckoutPage.PREFIX)) {
      return checkoutPage.handle(request);
    }
    if (GraphApi.handlesDownload(path)) {
      return graph.download(request);
    }
    return GraphError.graph(404, 2500, null, "Unknown path components: " + Redaction.cut(path)
        + " (Graph paths start with a version such as /v25.0/, Stripe paths with /v1/)").toResponse();
  }

  /** The platform's own answer to a 5xx or 429, by the path's platform (platforms.md 1.7, 2.6; payments.md 1.5). */
  private Response injected(Fault fault, IncomingRequest request) {
    String path = request.path();
    long retryAfterSeconds = (fault.duration.toMillis() + 999) / 1000;
    if (StripeApi.handles(path)) {
      StripeError error = fault.kind == Fault.Kind.RATE_LIMITED
          ? new StripeError(429, "invalid_request_error", "rate_limit", null,
              "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.")
          : new StripeError(fault.status, "api_error", null, null, "An unknown error occurred. Try again later.");
      Response response = error.toResponse();
      return fault.kind == Fault.Kind.RATE_LIMITED
          ? response.withHeader("Retry-After", String.valueOf(retryAfterSeconds)) : response;
    }
    boolean whatsApp = GraphApi.handles(path) && graph.isWhatsAppPath(path);
    GraphError error;
    if (fault.kind == Fault.Kind.RATE_LIMITED) {
      error = whatsApp
          ? GraphError.whatsApp(429, 130429, "Rate limit hit", "Cloud API message throughput has been reached.")
          : GraphError.graph(429, 613, null, "Calls to this API have exceeded the rate limit.");
    } else if (whatsApp) {
      error = GraphError.whatsApp(fault.status, 131000, "Something went wrong", "An unknown error occurred.");
    } else if (fault.status == 503) {
      error = GraphError.graph(503, 2, null, "Service temporarily unavailable");
    } else {
      error = GraphError.graph(fault.status, 1, null, "An unknown error has occurred.");
    }
    Response response = error.markedTransient().toResponse();
    return fault.kind == Fault.Kind.RATE_LIMITED
        ? response.withHeader("Retry-After", String.valueOf(retryAfterSeconds)) : response;
  }

  List<RecordedRequest> recorded() {
    synchronized (recorded) {
      List<RecordedRequest> copy = new ArrayList<>(recorded);
      copy.sort(Comparator.comparingLong(RecordedRequest::sequence));
      return copy;
    }
  }

  void clearRecorded() {
    synchronized (recorded) {
      recorded.clear();
    }
  }

  private void record(long number, Instant receivedAt, IncomingRequest request, int status) {
    RecordedRequest r = new RecordedRequest(number, receivedAt, request.method(), request.path(), request.rawQuery(),
        request.headers(), request.bodyText(), status);
    synchronized (recorded) {
      recorded.add(r);
    }
  }

  private static IncomingRequest read(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((name, values) ->
        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
    String rawQuery = exchange.getRequestURI().getRawQuery();
    return new IncomingRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
        exchange.getRequestURI().getPath(), rawQuery == null ? "" : rawQuery, headers, body);
  }

  private static void write(HttpExchange exchange, Response response) throws IOException {
    response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    byte[] body = response.body();
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static JsonObject errorText(String message) {
    JsonObject error = new JsonObject();
    error.addProperty("message", message);
    error.addProperty("type", "SandboxException");
    error.addProperty("code", 1);
    JsonObject body = new JsonObject();
    body.add("error", error);
    return body;
  }

  private static void sleep(Duration latency) {
    try {
      Thread.sleep(latency.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
