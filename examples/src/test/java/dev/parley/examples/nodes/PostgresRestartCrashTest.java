package dev.parley.examples.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testkit.PlatformSandbox;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped and started again (same port, same data) while three nodes take webhooks: the
 * nodes refuse what they cannot record (5xx, so the sender delivers again), say so in their logs,
 * reconnect through their pools, and every message is answered once, before any node restarts: a
 * reply sent while the database was down is recorded once it is back, not sent again.
 */
class PostgresRestartCrashTest {
  @TempDir
  static Path dataDirectory;
  private static EmbeddedPostgres postgres;
  private static PlatformSandbox sandbox;
  private static Cluster cluster;
  private static Chats chats;
  private static Map<String, List<String>> beforeAnyRestart;
  private static Map<String, List<String>> afterANodeRestart;
  private static List<String> stuckInOutbox;

  @BeforeAll
  static void restartPostgresUnderLoad() throws Exception {
    int port = freePort();
    postgres = start(port);
    sandbox = Cluster.sandbox();
    cluster = new Cluster(3, postgres.getJdbcUrl("postgres", "postgres"), sandbox);
    chats = Chats.start(cluster, sandbox, "p", 40, 6, Duration.ofMillis(50));
    chats.awaitAcknowledged(chats.total() / 3);
    postgres.close();
    Cluster.pause(2_000);
    postgres = start(port);
    chats.awaitAllAcknowledged();
    beforeAnyRestart = chats.awaitAnswers(sandbox, Duration.ofSeconds(20));
    StoreQueries store = new StoreQueries(postgres.getJdbcUrl("postgres", "postgres"));
    stuckInOutbox = store.rows("SELECT dedup_key, state, last_error FROM parley_outbox WHERE state <> 'DELIVERED'");
    // Anything still in flight now waits for its claim to expire, 5 minutes: fast-forwarded here, as in
    // the kill tests, and a node restarts.
    store.expireOutboxLeases();
    NodeProcess a = cluster.node(0);
    a.stop();
    a.start().awaitReady(Cluster.READY);
    afterANodeRestart = chats.awaitAnswers(sandbox, Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() throws IOException {
    if (cluster != null) {
      cluster.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
    postgres.close();
  }

  @Test
  void everyAcknowledgedMessageIsAnsweredOnceAndTheNodesRecover() {
    assertEquals(List.of(), chats.lostOrDoubled(afterANodeRestart), "conversations that lost or doubled an answer;"
        + " unfinished in the outbox before the restart: " + stuckInOutbox + ", after: " + new StoreQueries(
        postgres.getJdbcUrl("postgres", "postgres")).rows("SELECT dedup_key, state, attempts, last_error"
        + " FROM parley_outbox WHERE state <> 'DELIVERED'"));
    assertTrue(cluster.nodes().stream().allMatch(NodeProcess::alive), "no node fell over");
    for (NodeProcess node : cluster.nodes()) {
      assertEquals(200, cluster.get(node, "/healthz").statusCode(), node + " is healthy again");
    }
    assertTrue(cluster.nodes().stream().flatMap(node -> node.output().stream())
        .anyMatch(line -> line.contains("WARN") || line.contains("ERROR")), "the outage shows in the nodes' logs");
  }

  @Test
  void everyAcknowledgedMessageIsAnsweredWithoutRestartingANode() {
    assertEquals(List.of(), chats.lostOrDoubled(beforeAnyRestart), "conversations still missing an answer; unfinished in the"
        + " outbox: " + stuckInOutbox);
  }

  private static EmbeddedPostgres start(int port) throws IOException {
    return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).setPort(port)
        .setServerConfig("max_connections", "100").start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
