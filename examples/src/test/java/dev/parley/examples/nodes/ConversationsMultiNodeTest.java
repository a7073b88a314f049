package dev.parley.examples.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.testing.EmbeddedPostgresDatabases;
import dev.parley.testkit.PlatformSandbox;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three server nodes (separate JVMs) on one PostgreSQL behind a loopback round-robin, so the
 * webhooks of one conversation land on different nodes: 200 conversations of 10 messages each, every
 * message sent once the previous one was acknowledged. No answer is lost or doubled, and the turn
 * count the bot saved shows every turn ran once, one after the other, whichever node ran it; and each
 * conversation is answered in the order of its messages: a node's turn first runs the conversation's
 * earlier events that another node recorded but has not run yet.
 */
class ConversationsMultiNodeTest {
  private static PlatformSandbox sandbox;
  private static String dbUrl;
  private static Cluster cluster;
  private static Chats chats;
  private static Map<String, List<String>> answers;

  @BeforeAll
  static void threeNodesServe200Conversations() throws Exception {
    sandbox = Cluster.sandbox();
    dbUrl = EmbeddedPostgresDatabases.freshDatabaseUrl();
    cluster = new Cluster(3, dbUrl, sandbox);
    chats = Chats.start(cluster, sandbox, "c", 200, 10, Duration.ZERO);
    chats.awaitAllAcknowledged();
    answers = chats.awaitAnswers(sandbox, Duration.ofSeconds(180));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
    sandbox.close();
  }

  @Test
  void everyMessageIsAnsweredOnceAndEveryTurnRunsOnceOneAfterTheOther() {
    assertEquals(List.of(), chats.lostOrDoubled(answers), "conversations that lost or doubled an answer");
    assertEquals(List.of(), chats.turnsNotCountedOnceEach(answers), "conversations whose turns overlapped or repeated");
    StoreQueries store = new StoreQueries(dbUrl);
    assertEquals(chats.total(), store.number("SELECT COUNT(*) FROM parley_inbound_event WHERE handled"));
    assertEquals(chats.total(), store.number("SELECT COUNT(*) FROM parley_outbox WHERE state = 'DELIVERED'"));
    assertTrue(cluster.nodes().stream().allMatch(NodeProcess::alive), "no node fell over");
  }

  @Test
  void theAnswersOfEachConversationComeInTheOrderOfItsMessages() {
    assertEquals(List.of(), chats.outOfOrder(answers), "conversations answered out of order");
  }
}
