package dev.parley.bot.server;

import static dev.parley.bot.server.ServerHarness.ALICE_TOKEN;
import static dev.parley.bot.server.ServerHarness.BOB_TOKEN;
import static dev.parley.bot.server.ServerHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.parley.core.testing.TestClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot service end to end: signed webhooks in, the Graph API out, agents through the JSON API. */
class BotServiceTest {
  @TempDir
  Path data;
  private MockGraph graph;
  private TestClock clock;
  private ServerHarness server;

  @BeforeEach
  void start() {
    graph = new MockGraph();
    clock = new TestClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    server = new ServerHarness(graph, data, clock);
  }

  @AfterEach
  void stop() {
    server.close();
    graph.close();
  }

  private String conversationPath() {
    return "/inbox/api/conversations/" + server.customer.key();
  }

  @Test
  void aSignedWebhookGetsTheBotsReplyAtTheGraphApi() {
    server.customerSays("Where is my parcel?");
    assertEquals(List.of("You said: Where is my parcel?"), server.customerReads(1));
    JsonObject sent = graph.sends().get(0);
    assertEquals(server.customer.userId(), sent.getAsJsonObject("recipient").get("id").getAsString());
    assertTrue(graph.requests().get(0).getUrl().encodedPath().endsWith("/" + MockGraph.PAGE_ID + "/messages"));
  }

  @Test
  void theVerificationHandshakeAnswersOnlyTheRightToken() {
    HttpResponse<String> ok = server.get("/webhooks/meta?hub.mode=subscribe&hub.verify_token="
        + ServerHarness.VERIFY_TOKEN + "&hub.challenge=1158201444", null);
    assertEquals(200, ok.statusCode());
    assertEquals("1158201444", ok.body());
    assertEquals(403, server.get("/webhooks/meta?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1", null)
        .statusCode());
  }

  @Test
  void handoffSilencesTheBotUntilTheAgentHandsBack() {
    server.customerSays("I want to talk to a human");
    assertEquals("I'm passing you to a person from our team. They'll answer here shortly.", server.customerReads(1).get(0));
    server.customerSays("hello? anyone there?");
    server.await(() -> server.service.desk().handoffs().record(server.customer).unread() == 1);

    JsonObject queue = json(server.get("/inbox/api/queue", ALICE_TOKEN));
    JsonObject entry = queue.getAsJsonArray("conversations").get(0).getAsJsonObject();
    assertEquals(server.customer.key(), entry.get("id").getAsString());
    assertEquals("customer_asked", entry.get("reason").getAsString());
    assertEquals("messenger", entry.get("channel").getAsString());
    assertEquals(1, entry.get("unread").getAsInt());
    assertEquals("waiting", entry.get("status").getAsString());

    JsonObject claimed = json(server.post(conversationPath() + "/claim", ALICE_TOKEN, null));
    assertEquals("alice", claimed.getAsJsonObject("owner").get("agent").getAsString());
    assertEquals("I want to talk to a human", claimed.getAsJsonObject("handoff").getAsJsonObject("slots")
        .get("lastWords").getAsString());
    HttpResponse<String> reply = server.post(conversationPath() + "/messages", ALICE_TOKEN,
        "{\"text\":\"Hello, I'm Alice. How can I help?\"}");
    assertEquals(201, reply.statusCode(), reply.body());
    assertEquals("agent", json(reply).getAsJsonObject("message").get("author").getAsString());
    List<String> read = server.customerReads(3);
    assertEquals(List.of("I'm passing you to a person from our team. They'll answer here shortly.",
        "alice from our team has joined the conversation.", "Hello, I'm Alice. How can I help?"), read);

    assertEquals(200, server.post(conversationPath() + "/hand-back", ALICE_TOKEN, null).statusCode());
    assertEquals("You're back with the assistant. How can I help?", server.customerReads(4).get(3));
    server.customerSays("thanks, bye");
    assertEquals("You said: thanks, bye", server.customerReads(5).get(4));
    assertEquals(5, graph.sends().size(), "the bot said nothing while the agent had the conversation");

    JsonObject transcript = json(server.get(conversationPath() + "/messages", BOB_TOKEN));
    List<String> authors = transcript.getAsJsonArray("messages").asList().stream()
        .map(m -> m.getAsJsonObject().get("author").getAsString()).toList();
    assertEquals(List.of("customer", "bot", "customer", "bot", "agent", "bot", "customer", "bot"), authors);
    JsonObject actions = json(server.get("/inbox/api/actions?target=" + server.customer.key(), BOB_TOKEN));
    assertEquals(List.of("hand_back", "reply", "claim"), actions.getAsJsonArray("actions").asList().stream()
        .map(a -> a.getAsJsonObject().get("action").getAsString()).toList());
    assertTrue(actions.getAsJsonArray("actions").asList().stream()
        .allMatch(a -> a.getAsJsonObject().get("agent").getAsString().equals("alice")));
  }

  @Test
  void anAgentsReplyUsesTheHumanAgentTagAfter24HoursAndIsRefusedInWordsAfter7Days() {
    server.customerSays("I want to talk to a human");
    server.customerReads(1);
    clock.advance(Duration.ofHours(30));
    HttpResponse<String> tagged = server.post(conversationPath() + "/messages", ALICE_TOKEN, "{\"text\":\"Sorry for the wait\"}");
    assertEquals(201, tagged.statusCode(), tagged.body());
    JsonObject sent = graph.sends().stream().filter(s -> MockGraph.textOf(s).equals("Sorry for the wait")).findFirst()
        .orElseThrow();
    assertEquals("HUMAN_AGENT", sent.get("tag").getAsString());

    clock.advance(Duration.ofDays(7));
    HttpResponse<String> refused = server.post(conversationPath() + "/messages", ALICE_TOKEN, "{\"text\":\"Still there?\"}");
    assertEquals(422, refused.statusCode(), refused.body());
    JsonObject error = json(refused).getAsJsonObject("error");
    assertEquals("refused_by_policy", error.get("code").getAsString());
    assertTrue(error.get("message").getAsString().contains("at most 7 days"), error.toString());
    assertTrue(graph.sends().stream().noneMatch(s -> MockGraph.textOf(s).equals("Still there?")));
  }

  @Test
  void aConciergeTaskLifecycleThroughTheApiKeepsTheCustomerInformed() {
    server.customerSays("Could you find a gift for my mother?");
    server.customerReads(1);
    HttpResponse<String> created = server.post("/inbox/api/tasks", ALICE_TOKEN, "{\"conversationId\":\""
        + server.customer.key() + "\",\"kind\":\"gift\",\"slots\":{\"what\":\"a silk scarf\",\"forWhom\":\"my mother\","
        + "\"budget\":{\"amount\":\"80.00\",\"currency\":\"EUR\"}}}");
    assertEquals(201, created.statusCode(), created.body());
    JsonObject task = json(created).getAsJsonObject("task");
    long number = task.get("number").getAsLong();
    assertEquals("€80.00", task.getAsJsonObject("slots").getAsJsonObject("budget").get("formatted").getAsString());
    String path = "/inbox/api/tasks/" + number;
    assertEquals(200, server.post(path + "/claim", BOB_TOKEN, null).statusCode());
    assertEquals(200, server.post(path + "/messages", BOB_TOKEN, "{\"text\":\"Blue or red?\",\"awaitReply\":true}")
        .statusCode());
    JsonObject done = json(server.post(path + "/complete", BOB_TOKEN, "{\"outcome\":\"A blue silk scarf is on its way.\"}"))
        .getAsJsonObject("task");
    assertEquals("done", done.get("status").getAsString());
    assertEquals("bob", done.get("assignee").getAsString());
    List<String> read = server.customerReads(5);
    assertTrue(read.get(1).contains("task #" + number), read.get(1));
    assertEquals("bob from our team is now working on your request #" + number + ".", read.get(2));
    assertEquals("About your request #" + number + ": Blue or red?", read.get(3));
    assertEquals("Your request #" + number + " is done: A blue silk scarf is on its way.", read.get(4));
    assertEquals(409, server.post(path + "/cancel", BOB_TOKEN, "{\"reason\":\"too late\"}").statusCode());
    JsonObject open = json(server.get("/inbox/api/tasks", ALICE_TOKEN));
    assertEquals(0, open.getAsJsonArray("tasks").size(), "a done task leaves the open queue");
  }

  @Test
  void theAgentApiWantsAToken() {
    for (String token : new String[] {null, "wrong-token-0123456789"}) {
      HttpResponse<String> response = server.get("/inbox/api/queue", token);
      assertEquals(401, response.statusCode());
      assertEquals("unauthorized", json(response).getAsJsonObject("error").get("code").getAsString());
    }
    HttpResponse<String> basic = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/inbox/api/queue"))
        .header("Authorization", "Basic YWxpY2U6eA==").build());
    assertEquals(401, basic.statusCode());
  }

  @Test
  void aBrowserSessionNeedsItsCookieAndTheInboxHeader() {
    HttpResponse<String> login = server.post("/inbox/api/session", null, "{\"token\":\"" + ALICE_TOKEN + "\"}");
    assertEquals(200, login.statusCode());
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
    assertFalse(setCookie.contains(ALICE_TOKEN), "the cookie never carries the token");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    HttpRequest.Builder me = HttpRequest.newBuilder(URI.create(server.base() + "/inbox/api/me")).header("Cookie", cookie);
    assertEquals(401, server.send(me.build()).statusCode(), "a cookie alone opens nothing (CSRF)");
    HttpResponse<String> withHeader = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/inbox/api/me"))
        .header("Cookie", cookie).header("X-Parley-Inbox", "1").build());
    assertEquals(200, withHeader.statusCode());
    assertEquals("alice", json(withHeader).getAsJsonObject("agent").get("name").getAsString());
    server.send(HttpRequest.newBuilder(URI.create(server.base() + "/inbox/api/session")).header("Cookie", cookie)
        .DELETE().build());
    assertEquals(401, server.send(HttpRequest.newBuilder(URI.create(server.base() + "/inbox/api/me"))
        .header("Cookie", cookie).header("X-Parley-Inbox", "1").build()).statusCode(), "signed out");
    assertEquals(401, server.post("/inbox/api/session", null, "{\"token\":\"nope-nope-nope-nope\"}").statusCode());
  }

  @Test
  void theAccessLogHoldsNoSecret() {
    server.get("/webhooks/meta?hub.mode=subscribe&hub.verify_token=" + ServerHarness.VERIFY_TOKEN + "&hub.challenge=42",
        null);
    server.get("/inbox/api/queue?limit=5", ALICE_TOKEN);
    server.post("/inbox/api/session", null, "{\"token\":\"" + BOB_TOKEN + "\"}");
    server.customerSays("hello");
    // The line is written once the answer is out: wait for it.
    server.await(() -> server.accessLog.stream().anyMatch(l -> l.startsWith("POST /webhooks/meta 200 ")));
    List<String> lines = List.copyOf(server.accessLog);
    assertTrue(lines.contains("GET /webhooks/meta 200 " + lines.get(0).substring(lines.get(0).lastIndexOf(' ') + 1)),
        lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("GET /inbox/api/queue 200 ")), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("POST /webhooks/meta 200 ")), lines.toString());
    for (String line : lines) {
      for (String secret : new String[] {ServerHarness.VERIFY_TOKEN, ALICE_TOKEN, BOB_TOKEN, ServerHarness.APP_SECRET,
          MockGraph.PAGE_TOKEN, "?", "limit=5", "sha256="}) {
        assertFalse(line.contains(secret), secret + " in the access log: " + line);
      }
    }
  }

  @Test
  void healthzSaysOk() {
    HttpResponse<String> health = server.get("/healthz", null);
    assertEquals(200, health.statusCode());
    assertEquals("ok", json(health).get("status").getAsString());
    assertEquals("ok", json(health).getAsJsonObject("checks").get("store").getAsString());
  }
}
