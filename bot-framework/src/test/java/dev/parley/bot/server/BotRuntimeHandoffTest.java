package dev.parley.bot.server;

import static dev.parley.bot.server.ServerHarness.ALICE_TOKEN;
import static dev.parley.bot.server.ServerHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.parley.bot.Bot;
import dev.parley.bot.Flow;
import dev.parley.bot.Prompt;
import dev.parley.bot.handoff.HandoffDesk;
import dev.parley.bot.handoff.HandoffMiddleware;
import dev.parley.core.conversation.Owner;
import dev.parley.core.testing.TestClock;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot runtime on the server: handoff, a silent bot, an agent through the API, and the flow resumed. */
class BotRuntimeHandoffTest {
  @TempDir
  Path data;
  private MockGraph graph;
  private ServerHarness server;

  static Bot bot(BotService.Desk desk) {
    HandoffMiddleware handoff = HandoffMiddleware.of(desk.handoffs()).concierge(desk.concierge());
    return Bot.builder().store(desk.store()).outbox(desk.outbox()).clock(desk.clock())
        .handoffOwner(HandoffDesk.QUEUE_OWNER)
        .use(handoff)
        .flow(Flow.builder("order_status").triggeredBy("where is my order")
            .ask("order", Prompt.text("What is your order number?"))
            .step("answer", turn -> turn.reply("Order " + turn.slots().string("order") + " ships tomorrow."))
            .build())
        .fallback(handoff.notUnderstood(turn -> turn.reply("Sorry, I did not get that.")))
        .build();
  }

  @BeforeEach
  void start() {
    graph = new MockGraph();
    server = new ServerHarness(graph, data, new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS)), null,
        BotRuntimeHandoffTest::bot);
  }

  @AfterEach
  void stop() {
    server.close();
    graph.close();
  }

  @Test
  void theBotIsSilentWhileAnAgentHasTheConversationThenResumesItsFlow() {
    server.customerSays("where is my order");
    assertEquals("What is your order number?", server.customerReads(1).get(0));
    server.customerSays("I want to talk to a human");
    assertEquals("I'm passing you to a person from our team. They'll answer here shortly.", server.customerReads(2).get(1));
    server.await(() -> !server.service.desk().store().ownership(server.customer).owner().isBot());
    assertEquals(HandoffDesk.QUEUE_OWNER, server.service.desk().store().ownership(server.customer).owner());

    server.customerSays("hello? is anyone there?");
    server.await(() -> server.service.desk().handoffs().record(server.customer).unread() == 1);
    JsonObject entry = json(server.get("/inbox/api/queue", ALICE_TOKEN)).getAsJsonArray("conversations").get(0)
        .getAsJsonObject();
    assertEquals("customer_asked", entry.get("reason").getAsString());

    String path = "/inbox/api/conversations/" + server.customer.key();
    assertEquals(200, server.post(path + "/claim", ALICE_TOKEN, null).statusCode());
    assertEquals(201, server.post(path + "/messages", ALICE_TOKEN, "{\"text\":\"Hi, Alice here. Your order number?\"}")
        .statusCode());
    assertEquals(Owner.agent("alice"), server.service.desk().store().ownership(server.customer).owner());
    assertEquals(200, server.post(path + "/hand-back", ALICE_TOKEN, null).statusCode());
    List<String> read = server.customerReads(5);
    assertEquals("alice from our team has joined the conversation.", read.get(2));
    assertEquals("Hi, Alice here. Your order number?", read.get(3));
    assertEquals("What is your order number?", read.get(4), "the interrupted flow asks its question again");

    server.customerSays("A-1042");
    assertEquals("Order A-1042 ships tomorrow.", server.customerReads(6).get(5));
    assertTrue(read.stream().noneMatch(text -> text.contains("Sorry")), "the bot never answered the customer's "
        + "'hello?' while the agent had the conversation: " + read);
  }

  @Test
  void notUnderstoodTwiceInARowHandsOff() {
    server.customerSays("blorp");
    assertEquals("Sorry, I did not get that.", server.customerReads(1).get(0));
    server.customerSays("zzzt");
    List<String> read = server.customerReads(3);
    assertEquals(List.of("Sorry, I did not get that.", "Sorry, I did not get that.",
        "I'm passing you to a person from our team. They'll answer here shortly."), read);
    server.await(() -> !json(server.get("/inbox/api/queue", ALICE_TOKEN)).getAsJsonArray("conversations").isEmpty());
    assertEquals("low_confidence", json(server.get("/inbox/api/queue", ALICE_TOKEN)).getAsJsonArray("conversations")
        .get(0).getAsJsonObject().get("reason").getAsString());
  }
}
