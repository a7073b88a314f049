package dev.parley.bot.server;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.parley.bot.concierge.PaymentDesk;
import dev.parley.core.Recipient;
import dev.parley.core.testing.TestClock;
import dev.parley.core.webhook.WebhookSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link BotService} on a free port over an H2 file, with the {@link EchoConcierge} bot, talking to
 * a {@link MockGraph}; plus an HTTP client that signs webhooks and calls the agent API.
 */
final class ServerHarness implements AutoCloseable {
  static final String APP_SECRET = "test-app-secret-0001";
  static final String VERIFY_TOKEN = "test-verify-token-0002";
  static final String ALICE_TOKEN = "alice-token-0123456789";
  static final String BOB_TOKEN = "bob-token-0123456789ab";

  final MockGraph graph;
  final Path data;
  final TestClock clock;
  final List<String> accessLog = new CopyOnWriteArrayList<>();
  final BotService service;
  final Recipient customer = Recipient.messenger(MockGraph.PAGE_ID, "3100000001");
  private final HttpClient http = HttpClient.newHttpClient();
  private static final AtomicLong mids = new AtomicLong(System.nanoTime());

  ServerHarness(MockGraph graph, Path data, TestClock clock) {
    this(graph, data, clock, null);
  }

  ServerHarness(MockGraph graph, Path data, TestClock clock, PaymentDesk payments) {
    this(graph, data, clock, payments, null);
  }

  /** With {@code bot} (built from the service's desk) instead of the {@link EchoConcierge}. */
  ServerHarness(MockGraph graph, Path data, TestClock clock, PaymentDesk payments,
      java.util.function.Function<BotService.Desk, dev.parley.bot.Bot> bot) {
    this(graph, data, clock, payments, bot, java.util.function.UnaryOperator.identity());
  }

  /** With the {@link EchoConcierge}, then {@code customize} applied to the service's builder last. */
  static ServerHarness customized(MockGraph graph, Path data, TestClock clock,
      java.util.function.UnaryOperator<BotService.Builder> customize) {
    return new ServerHarness(graph, data, clock, null, null, customize);
  }

  private ServerHarness(MockGraph graph, Path data, TestClock clock, PaymentDesk payments,
      java.util.function.Function<BotService.Desk, dev.parley.bot.Bot> bot,
      java.util.function.UnaryOperator<BotService.Builder> customize) {
    this.graph = graph;
    this.data = data;
    this.clock = clock;
    Map<String, String> env = new HashMap<>();
    env.put("PARLEY_PORT", "0");
    env.put("PARLEY_APP_SECRET", APP_SECRET);
    env.put("PARLEY_VERIFY_TOKEN", VERIFY_TOKEN);
    env.put("PARLEY_GRAPH_API_BASE", graph.baseUrl());
    env.put("PARLEY_MESSENGER_PAGE_ID", MockGraph.PAGE_ID);
    env.put("PARLEY_MESSENGER_PAGE_TOKEN", MockGraph.PAGE_TOKEN);
    env.put("PARLEY_AGENT_TOKENS", "alice:" + ALICE_TOKEN + ",bob:" + BOB_TOKEN);
    BotService.Builder builder = BotService.builder(ServerConfig.fromEnvironment(env, data))
        .clock(clock).accessLog(accessLog::add).outboxPollInterval(java.time.Duration.ofMillis(10));
    if (bot == null) {
      builder.listener(EchoConcierge::new);
    } else {
      builder.bot(bot);
    }
    if (payments != null) {
      builder.payments(desk -> payments, desk -> request -> new dev.parley.core.webhook.WebhookResponse(200,
          "text/plain", "ok"));
    }
    service = customize.apply(builder).build().start();
  }

  String base() {
    return "http://localhost:" + service.port();
  }

  /** A Messenger text webhook from {@code who}, signed with the app secret; returns the payload sent. */
  String messengerText(Recipient who, String text) {
    return "{\"object\":\"page\",\"entry\":[{\"id\":\"" + who.businessId() + "\",\"time\":" + clock.millis()
        + ",\"messaging\":[{\"sender\":{\"id\":\"" + who.userId() + "\"},\"recipient\":{\"id\":\"" + who.businessId()
        + "\"},\"timestamp\":" + clock.millis() + ",\"message\":{\"mid\":\"m_" + mids.incrementAndGet()
        + "\",\"text\":\"" + text + "\"}}]}]}";
  }

  HttpResponse<String> postWebhook(String payload) {
    byte[] body = payload.getBytes(StandardCharsets.UTF_8);
    return send(HttpRequest.newBuilder(URI.create(base() + "/webhooks/meta"))
        .header(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.withAppSecret(APP_SECRET).sign(body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  /** The customer says {@code text}: a signed webhook, answered 200. */
  void customerSays(String text) {
    HttpResponse<String> response = postWebhook(messengerText(customer, text));
    if (response.statusCode() != 200) {
      throw new AssertionError("webhook answered " + response.statusCode() + ": " + response.body());
    }
  }

  HttpResponse<String> get(String path, String token) {
    return send(authorized(path, token).GET().build());
  }

  HttpResponse<String> post(String path, String token, String json) {
    return send(authorized(path, token).header("Content-Type", "application/json")
        .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build());
  }

  HttpResponse<String> send(HttpRequest request) {
    return send(http, request);
  }

  /** Sends {@code request} with {@code http}; a transport failure is an IllegalStateException with it as cause. */
  static HttpResponse<String> send(HttpClient http, HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpRequest.Builder authorized(String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base() + path));
    return token == null ? builder : builder.header("Authorization", "Bearer " + token);
  }

  static JsonObject json(HttpResponse<String> response) {
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }

  /** Waits until the outbox drained what the turns enqueued; returns the texts the customer got. */
  List<String> customerReads(int atLeast) {
    return graph.awaitTexts(atLeast);
  }

  /** Waits (up to 10 s) for what the webhook threads do after answering 200. */
  void await(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  Instant now() {
    return clock.instant();
  }

  @Override
  public void close() {
    service.close();
  }
}
