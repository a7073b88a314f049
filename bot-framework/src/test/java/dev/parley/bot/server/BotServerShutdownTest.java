package dev.parley.bot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import dev.parley.core.conversation.InMemoryConversationStore;
import dev.parley.core.webhook.WebhookHandler;
import dev.parley.core.webhook.WebhookSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BotServer#close()} on a real server: requests in flight finish with their real answer,
 * requests that arrive meanwhile get 503 (Meta delivers a refused webhook again later), the stop
 * resources close only after the last request and in reverse order, and a request that never ends
 * holds the close no longer than the shutdown grace.
 */
class BotServerShutdownTest {
  private static final String APP_SECRET = "shutdown-test-secret-01";
  private final HttpClient http = HttpClient.newHttpClient();
  private final CountDownLatch requestEntered = new CountDownLatch(1);
  private final CountDownLatch requestMayFinish = new CountDownLatch(1);
  private final List<String> closed = new CopyOnWriteArrayList<>();
  private BotServer server;

  @AfterEach
  void stop() {
    requestMayFinish.countDown();
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aRequestInFlightFinishesWhileNewOnesGet503AndResourcesCloseAfterIt() throws Exception {
    server = server(Duration.ofSeconds(30)).start();
    CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> get("/inbox/api/slow"));
    assertTrue(requestEntered.await(10, TimeUnit.SECONDS));

    CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
    awaitStatus("/healthz", 503);
    HttpResponse<String> webhook = postWebhook("{\"object\":\"page\",\"entry\":[]}");
    assertEquals(503, webhook.statusCode(), webhook.body());
    assertTrue(webhook.body().contains("shutting_down"), webhook.body());
    assertEquals(List.of(), closed, "nothing closes while a request is still being answered");

    requestMayFinish.countDown();
    HttpResponse<String> answered = slow.get(30, TimeUnit.SECONDS);
    assertEquals(200, answered.statusCode());
    assertEquals("done", answered.body(), "the request in flight got its real answer");
    closing.get(30, TimeUnit.SECONDS);
    assertEquals(List.of("bot", "store"), closed, "closed in reverse order of adding, once the request finished");
  }

  @Test
  void aRequestThatNeverEndsHoldsCloseOnlyForTheGrace() throws Exception {
    server = server(Duration.ofMillis(200)).start();
    CompletableFuture.runAsync(() -> get("/inbox/api/slow"));
    assertTrue(requestEntered.await(10, TimeUnit.SECONDS));

    // Generous: the grace is 200 ms; the point is that close returns while the request is still stuck.
    assertTimeoutPreemptively(Duration.ofSeconds(20), server::close);
    assertEquals(List.of("bot", "store"), closed);
    assertEquals(1, requestMayFinish.getCount(), "the request was still running when close returned");
  }

  private BotServer server(Duration grace) {
    WebhookHandler webhooks = WebhookHandler.builder().appSecret(APP_SECRET).verifyToken("shutdown-verify-token")
        .journal(new InMemoryConversationStore()).listener(event -> {}).executor(Runnable::run).build();
    return BotServer.builder().host("127.0.0.1").port(0).metaWebhook(webhooks).shutdownGrace(grace)
        .accessLog(line -> {})
        .inboxApi(this::slowRequest)
        .onStop(() -> closed.add("store"))
        .onStop(() -> closed.add("bot"))
        .build();
  }

  private void slowRequest(HttpExchange exchange) throws IOException {
    requestEntered.countDown();
    try {
      requestMayFinish.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    byte[] body = "done".getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private void awaitStatus(String path, int status) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (get(path).statusCode() != status) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(path + " never answered " + status);
      }
      Thread.sleep(10);
    }
  }

  private HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  private HttpResponse<String> postWebhook(String payload) {
    byte[] body = payload.getBytes(StandardCharsets.UTF_8);
    return send(HttpRequest.newBuilder(uri(BotServer.META_WEBHOOK))
        .header(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.withAppSecret(APP_SECRET).sign(body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private HttpResponse<String> send(HttpRequest request) {
    return ServerHarness.send(http, request);
  }

}
