package dev.parley.bot.server;

import static dev.parley.bot.server.ServerHarness.ALICE_TOKEN;
import static dev.parley.bot.server.ServerHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import dev.parley.core.testing.TestClock;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server restarted on its embedded H2 file keeps conversations, owners, tasks and webhook dedup. */
class RestartTest {
  @TempDir
  Path data;

  @Test
  void aRestartLosesNothing() {
    TestClock clock = new TestClock(Instant.now());
    try (MockGraph graph = new MockGraph()) {
      String redelivered;
      long task;
      try (ServerHarness first = new ServerHarness(graph, data, clock)) {
        first.customerSays("I want to talk to a human");
        first.customerReads(1);
        first.post("/inbox/api/conversations/" + first.customer.key() + "/claim", ALICE_TOKEN, null);
        task = json(first.post("/inbox/api/tasks", ALICE_TOKEN, "{\"conversationId\":\"" + first.customer.key()
            + "\",\"kind\":\"return\",\"slots\":{\"what\":\"blue scarf\"}}")).getAsJsonObject("task").get("number")
            .getAsLong();
        redelivered = first.messengerText(first.customer, "are you still there?");
        first.postWebhook(redelivered);
        first.await(() -> first.service.desk().handoffs().record(first.customer).unread() == 1);
        first.customerReads(3);
      }
      int sentBefore = graph.sends().size();
      try (ServerHarness second = new ServerHarness(graph, data, clock)) {
        JsonObject view = json(second.get("/inbox/api/conversations/" + second.customer.key(), ALICE_TOKEN));
        assertEquals("alice", view.getAsJsonObject("owner").get("agent").getAsString());
        assertEquals("active", view.getAsJsonObject("handoff").get("status").getAsString());
        assertEquals(1, view.getAsJsonObject("handoff").get("unread").getAsInt());
        JsonObject stored = json(second.get("/inbox/api/tasks/" + task, ALICE_TOKEN)).getAsJsonObject("task");
        assertEquals("blue scarf", stored.getAsJsonObject("slots").get("what").getAsString());
        var authors = json(second.get("/inbox/api/conversations/" + second.customer.key() + "/messages", ALICE_TOKEN))
            .getAsJsonArray("messages").asList().stream().map(m -> m.getAsJsonObject().get("author").getAsString())
            .toList();
        assertEquals(java.util.List.of("customer", "bot", "bot", "bot", "customer"), authors,
            "the customer's messages and the handoff, claim and task notices");

        assertEquals(200, second.postWebhook(redelivered).statusCode());
        second.customerSays("one more thing");
        second.await(() -> second.service.desk().handoffs().record(second.customer).unread() == 2);
        assertEquals(sentBefore, graph.sends().size(), "the redelivery was dropped and the bot stayed silent");
        assertEquals(0, json(second.get("/inbox/api/queue", ALICE_TOKEN)).getAsJsonArray("conversations").size());
        assertEquals(1, json(second.get("/inbox/api/conversations?status=active", ALICE_TOKEN))
            .getAsJsonArray("conversations").size());
      }
    }
  }
}
