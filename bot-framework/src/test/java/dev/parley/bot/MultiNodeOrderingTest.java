package dev.parley.bot;

import static dev.parley.bot.DurableStoreTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.bot.testing.CustomerEvents;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.InMemoryConversationStore;
import dev.parley.core.conversation.JdbcConversationStore;
import dev.parley.core.conversation.StoredMessage;
import dev.parley.core.testing.EmbeddedPostgresDatabases;
import dev.parley.core.webhook.InboundEvent;
import dev.parley.core.webhook.WebhookHandler;
import dev.parley.core.webhook.WebhookSigner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Two runtimes ("nodes"), each with its own store and webhook handler, on one PostgreSQL database, as
 * the server runs them: a conversation's events run in the order they happened whichever node received
 * them, each once.
 */
class MultiNodeOrderingTest {
  private static final String SECRET = "test-app-secret";
  private static final Recipient ADA = Recipient.messenger("1000000001", "2000000001");
  private static final Instant T0 = Instant.parse("2025-01-06T09:00:00Z");

  /** Each turn appends the text to the memory "seen" and answers "echo <text>". */
  private static Bot echoBot(dev.parley.core.conversation.ConversationStore store) {
    return Bot.builder().store(store).sender(new RecordingSender())
        .fallback(turn -> {
          String seen = turn.memory().string("seen", "");
          turn.memory().put("seen", seen.isEmpty() ? turn.text() : seen + "," + turn.text());
          turn.reply("echo " + turn.text());
        })
        .build();
  }

  /** An executor that runs nothing until {@link #release}: a node whose turns have not started yet. */
  private static final class HeldExecutor implements Executor {
    private final List<Runnable> held = new ArrayList<>();

    @Override
    public synchronized void execute(Runnable task) {
      held.add(task);
    }

    synchronized int release() {
      held.forEach(Runnable::run);
      int ran = held.size();
      held.clear();
      return ran;
    }
  }

  private static WebhookHandler node(JdbcConversationStore store, Bot bot, Executor executor) {
    return WebhookHandler.builder().appSecret(SECRET).verifyToken("verify").journal(store)
        .listener(bot.webhookListener()).executor(executor).build();
  }

  private static String message(String mid, String text, Instant at) {
    return "{\"object\":\"page\",\"entry\":[{\"id\":\"1000000001\",\"time\":" + at.toEpochMilli() + ",\"messaging\":[{"
        + "\"sender\":{\"id\":\"2000000001\"},\"recipient\":{\"id\":\"1000000001\"},\"timestamp\":" + at.toEpochMilli()
        + ",\"message\":{\"mid\":\"" + mid + "\",\"text\":\"" + text + "\"}}]}]}";
  }

  private static int post(WebhookHandler node, String payload) {
    return node.handle(WebhookSigner.withAppSecret(SECRET).signedPost(payload)).status();
  }

  private static String key(String payload) {
    return InboundEvent.parse(payload).get(0).dedupKey();
  }

  @Test
  void aConversationsEventsRunInOrderWhenTheLaterOneReachesTheOtherNodeFirst() {
    String url = EmbeddedPostgresDatabases.freshSchemaUrl();
    HeldExecutor nodeAThreads = new HeldExecutor();
    ExecutorService nodeBThreads = Executors.newFixedThreadPool(2);
    try (JdbcConversationStore storeA = JdbcConversationStore.create(url);
        JdbcConversationStore storeB = JdbcConversationStore.create(url);
        Bot botA = echoBot(storeA);
        Bot botB = echoBot(storeB)) {
      WebhookHandler nodeA = node(storeA, botA, nodeAThreads);
      WebhookHandler nodeB = node(storeB, botB, nodeBThreads);
      // one millisecond, and mids whose order is the reverse of the messages': the order of recording decides
      String first = message("m_b", "first", T0);
      String second = message("m_a", "second", T0);

      assertEquals(200, post(nodeA, first)); // recorded and acknowledged; node A has not run its turn yet
      assertEquals(200, post(nodeB, second));
      waitUntil(() -> storeB.isHandled(key(second)));

      assertTrue(storeB.isHandled(key(first)), "node B ran the earlier message first");
      assertEquals("first,second", botB.view(ADA).memory().get("seen"));
      assertEquals(1, nodeAThreads.release(), "node A's turn of the first message comes late");
      assertEquals("first,second", botA.view(ADA).memory().get("seen"), "and finds it handled");
      assertEquals(List.of("echo first", "echo second"), outboxTexts(storeA));
      assertEquals(List.of("first", "echo first", "second", "echo second"), history(storeA));
      assertEquals(0, nodeA.redispatchUnhandled(1000) + nodeB.redispatchUnhandled(1000), "nothing left to run");
    } finally {
      nodeBThreads.shutdown();
    }
  }

  @Test
  void aTurnCatchesUpOnEveryEarlierEventOfItsConversationOldestFirstAndOnlyOnIts() {
    InMemoryConversationStore store = new InMemoryConversationStore();
    Recipient bob = Recipient.messenger("1000000001", "2000000002");
    List<InboundEvent> journaled = List.of(
        CustomerEvents.text(ADA, "two", "m_2", T0.plusSeconds(2)),
        CustomerEvents.text(bob, "bob", "m_bob", T0),
        CustomerEvents.text(ADA, "one", "m_1", T0.plusSeconds(1)),
        CustomerEvents.text(ADA, "four", "m_4", T0.plusSeconds(4)));
    journaled.forEach(e -> store.record(e.dedupKey(), e.from(), e.occurredAt(), e.rawJson()));
    store.record("mid:m_garbled", ADA, T0, "not the JSON of an event");
    try (Bot bot = echoBot(store)) {
      InboundEvent three = CustomerEvents.text(ADA, "three", "m_3", T0.plusSeconds(3));

      assertEquals(TurnOutcome.HANDLED, bot.handle(three).join());

      assertEquals("one,two,three", bot.view(ADA).memory().get("seen"), "the later 'four' waits for its own turn");
      assertTrue(store.isHandled("mid:m_garbled"), "an entry that no longer parses is passed, not retried forever");
      assertFalse(store.isHandled(journaled.get(1).dedupKey()), "another conversation's event is its own");
      assertFalse(store.isHandled(journaled.get(3).dedupKey()));
      assertEquals(TurnOutcome.DUPLICATE, bot.handle(journaled.get(0)).join(), "its own turn comes too late");
      assertEquals(TurnOutcome.HANDLED, bot.handle(journaled.get(3)).join());
      assertEquals("one,two,three,four", bot.view(ADA).memory().get("seen"));
    }
  }

  private static List<String> outboxTexts(JdbcConversationStore store) {
    List<String> texts = new ArrayList<>();
    for (long id = 1; store.outbox().find(id).isPresent(); id++) {
      String payload = store.outbox().find(id).get().payload();
      texts.add(((dev.parley.core.message.Text) dev.parley.core.internal.MessageJson.fromJson(payload)).text());
    }
    return texts;
  }

  private static List<String> history(JdbcConversationStore store) {
    return store.history(store.conversation(ADA).customerId(), Long.MAX_VALUE, 10).messages().stream()
        .map(StoredMessage::summary).toList();
  }
}
