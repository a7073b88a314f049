package dev.parley.bot.server;

import static dev.parley.bot.server.ServerHarness.ALICE_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.parley.core.testing.TestClock;
import dev.parley.core.webhook.WebhookSigner;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Bad, missing and oversized input on every endpoint gets a 4xx, never a 500, and the server stays healthy. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
  @TempDir
  static Path data;
  private MockGraph graph;
  private ServerHarness server;
  private String conversation;

  @BeforeAll
  void start() {
    graph = new MockGraph();
    server = new ServerHarness(graph, data, new TestClock(Instant.now()), new InMemoryPaymentDesk());
    server.customerSays("I want to talk to a human");
    server.customerReads(1);
    conversation = "/inbox/api/conversations/" + server.customer.key();
  }

  @AfterAll
  void stop() {
    server.close();
    graph.close();
  }

  private void assertClientError(HttpResponse<String> response, String what) {
    int status = response.statusCode();
    assertTrue(status >= 400 && status < 500, what + " answered " + status + ": " + response.body());
    if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
      var error = JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("error");
      assertEquals(status, error.get("status").getAsInt(), what);
      assertTrue(!error.get("message").getAsString().isBlank(), what);
    }
  }

  @Test
  void everyAgentEndpointRefusesBadBodiesWithA4xx() {
    String big = "{\"text\":\"" + "x".repeat(70_000) + "\"}";
    List<String> posts = List.of(conversation + "/messages", conversation + "/payment-button", conversation + "/refunds",
        "/inbox/api/tasks", "/inbox/api/session");
    List<String> bodies = List.of("", "not json", "[1,2]", "{\"text\":42}", "{}", "{\"amount\":\"abc\",\"currency\":\"EUR\"}",
        "{\"amount\":\"-5\",\"currency\":\"EUR\",\"description\":\"x\"}", "{\"amount\":\"5\",\"currency\":\"ZZZ\",\"description\":\"x\"}",
        "{\"kind\":\"spaceship\",\"conversationId\":\"" + server.customer.key() + "\"}",
        "{\"kind\":\"gift\",\"conversationId\":\"nope\"}", big);
    List<String> checked = new ArrayList<>();
    for (String path : posts) {
      for (String body : bodies) {
        assertClientError(server.post(path, ALICE_TOKEN, body), "POST " + path + " " + abbreviate(body));
        checked.add(path);
      }
    }
    assertEquals(posts.size() * bodies.size(), checked.size());
  }

  @Test
  void badIdsAndParametersGetA4xx() {
    for (String path : List.of("/inbox/api/conversations/not-an-id", "/inbox/api/conversations/messenger:1:2",
        "/inbox/api/conversations/pager:1:2", "/inbox/api/conversations/messenger:1:2:3",
        "/inbox/api/conversations/%25zz", "/inbox/api/tasks/abc", "/inbox/api/tasks/-3", "/inbox/api/tasks/999999",
        "/inbox/api/queue?limit=0", "/inbox/api/queue?limit=abc", "/inbox/api/tasks?status=flying",
        conversation + "/messages?before=x", conversation + "/frobnicate", "/inbox/api/nothing", "/inbox/api/")) {
      assertClientError(server.get(path, ALICE_TOKEN), "GET " + path);
    }
    for (String path : List.of("/inbox/api/tasks/1001/claim", "/inbox/api/tasks/999999/complete",
        conversation.replace("3100000001", "999") + "/claim")) {
      assertClientError(server.post(path, ALICE_TOKEN, "{\"outcome\":\"x\"}"), "POST " + path);
    }
  }

  @Test
  void wrongMethodsGet405() {
    HttpResponse<String> put = server.send(server.authorized("/inbox/api/queue", ALICE_TOKEN)
        .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertEquals(405, put.statusCode());
    assertEquals(405, server.send(HttpRequest.newBuilder(URI.create(server.base() + "/webhooks/meta"))
        .DELETE().build()).statusCode());
    assertEquals(405, server.get("/webhooks/stripe", null).statusCode());
    assertEquals(405, server.post("/healthz", null, "{}").statusCode());
  }

  @Test
  void badWebhooksGet4xxAndNothingHappens() {
    int before = graph.sends().size();
    String payload = server.messengerText(server.customer, "sneaky");
    byte[] body = payload.getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> unsigned = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/webhooks/meta"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    assertEquals(401, unsigned.statusCode());
    HttpResponse<String> forged = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/webhooks/meta"))
        .header(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.withAppSecret("another-secret").sign(body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    assertEquals(401, forged.statusCode());
    assertEquals(400, server.postWebhook("{not json").statusCode());
    byte[] huge = new byte[2 * 1024 * 1024];
    java.util.Arrays.fill(huge, (byte) 'x');
    HttpResponse<String> oversized = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/webhooks/meta"))
        .header(WebhookSigner.SIGNATURE_HEADER, "sha256=00").POST(HttpRequest.BodyPublishers.ofByteArray(huge)).build());
    assertEquals(413, oversized.statusCode());
    assertEquals(403, server.get("/webhooks/meta", null).statusCode(), "a handshake without parameters");
    assertEquals(before, graph.sends().size());
    assertEquals(404, server.get("/nothing/here", null).statusCode());
  }

  @Test
  void afterAllThatTheServerIsHealthy() {
    everyAgentEndpointRefusesBadBodiesWithA4xx();
    badWebhooksGet4xxAndNothingHappens();
    assertEquals(200, server.get("/healthz", null).statusCode());
    assertEquals(200, server.get("/inbox/api/queue", ALICE_TOKEN).statusCode());
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "…";
  }
}
