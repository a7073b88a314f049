package dev.parley.examples.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testkit.MessengerCustomer;
import dev.parley.testkit.PlatformSandbox;
import dev.parley.testkit.SentMessage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped and started again (same port, same data) while three nodes take webhooks: the
 * nodes refuse what they cannot record (5xx, so the sender delivers again), say so in their logs,
 * reconnect through their pools, and every message is answered once (today only once a node restarts:
 * see the disabled test).
 */
class PostgresRestartCrashTest {
  private static final int CONVERSATIONS = 40;
  private static final int MESSAGES = 6;

  @TempDir
  static Path dataDirectory;
  private static EmbeddedPostgres postgres;
  private static PlatformSandbox sandbox;
  private static Cluster cluster;
  private static Map<String, List<String>> beforeAnyRestart;
  private static Map<String, List<String>> afterANodeRestart;
  private static List<String> stuckInOutbox;

  @BeforeAll
  static void restartPostgresUnderLoad() throws Exception {
    int port = freePort();
    postgres = start(port);
    sandbox = Cluster.sandbox();
    cluster = new Cluster(3, postgres.getJdbcUrl("postgres", "postgres"), sandbox);
    AtomicInteger acknowledged = new AtomicInteger();
    ExecutorService customers = Executors.newFixedThreadPool(12);
    List<Future<?>> chats = new ArrayList<>();
    for (int c = 1; c <= CONVERSATIONS; c++) {
      MessengerCustomer customer = sandbox.messengerCustomer(Cluster.PAGE_ID, "psid-pg-" + c, "Customer " + c);
      String id = "p" + c;
      chats.add(customers.submit(() -> {
        for (int n = 1; n <= MESSAGES; n++) {
          byte[] body = customer.sendText("seq " + id + " " + n).body().getBytes(StandardCharsets.UTF_8);
          assertEquals(200, cluster.post(body));
          acknowledged.incrementAndGet();
          Cluster.pause(50);
        }
      }));
    }
    while (acknowledged.get() < CONVERSATIONS * MESSAGES / 3) {
      Cluster.pause(20);
    }
    postgres.close();
    Cluster.pause(2_000);
    postgres = start(port);
    for (Future<?> chat : chats) {
      chat.get();
    }
    customers.shutdown();
    beforeAnyRestart = answers(ConversationsMultiNodeTest.awaitSent(sandbox, CONVERSATIONS * MESSAGES,
        Duration.ofSeconds(20)));
    StoreQueries store = new StoreQueries(postgres.getJdbcUrl("postgres", "postgres"));
    stuckInOutbox = store.rows("SELECT dedup_key, state, last_error FROM parley_outbox WHERE state <> 'DELIVERED'");
    // A delivery whose outcome could not be recorded (the database was down) waits for its claim to
    // expire, 5 minutes: fast-forwarded here, as in the kill tests.
    store.expireOutboxLeases();
    NodeProcess a = cluster.node(0);
    a.stop();
    a.start().awaitReady(Cluster.READY);
    afterANodeRestart = answers(ConversationsMultiNodeTest.awaitSent(sandbox, CONVERSATIONS * MESSAGES,
        Duration.ofSeconds(60)));
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
    assertEquals(List.of(), incomplete(afterANodeRestart), "conversations that lost or doubled an answer");
    assertTrue(cluster.nodes().stream().allMatch(NodeProcess::alive), "no node fell over");
    for (NodeProcess node : cluster.nodes()) {
      assertEquals(200, cluster.get(node, "/healthz").statusCode(), node + " is healthy again");
    }
    assertTrue(cluster.nodes().stream().flatMap(node -> node.output().stream())
        .anyMatch(line -> line.contains("WARN") || line.contains("ERROR")), "the outage shows in the nodes' logs");
  }

  @Test
  @Disabled("BUG (bot server, BotService): a turn that failed while the database was down is retried only when"
      + " a node starts (redispatchUnhandled runs once, at start). Its webhook was acknowledged, so Meta never"
      + " sends it again: without a restart the customer gets no answer (16 of 40 conversations in one run). Fix:"
      + " redispatch journal entries left unhandled for a while periodically (the bot skips events already handled).")
  void everyAcknowledgedMessageIsAnsweredWithoutRestartingANode() {
    assertEquals(List.of(), incomplete(beforeAnyRestart), "conversations still missing an answer; unfinished in the"
        + " outbox: " + stuckInOutbox);
  }

  private static Map<String, List<String>> answers(List<SentMessage> sent) {
    return sent.stream().collect(Collectors.groupingBy(SentMessage::recipientId,
        Collectors.mapping(SentMessage::summary, Collectors.toList())));
  }

  /** The conversations (at most 5 shown) whose answers are not each message once, in any order. */
  private static List<String> incomplete(Map<String, List<String>> answers) {
    List<Integer> oneToSix = IntStream.rangeClosed(1, MESSAGES).boxed().toList();
    List<String> wrong = new ArrayList<>();
    for (int c = 1; c <= CONVERSATIONS; c++) {
      List<String> got = answers.getOrDefault("psid-pg-" + c, List.of());
      if (!got.stream().map(a -> Integer.parseInt(a.split(" ")[2])).sorted().toList().equals(oneToSix)) {
        wrong.add("p" + c + ": " + got);
      }
    }
    return wrong.stream().limit(5).toList();
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
