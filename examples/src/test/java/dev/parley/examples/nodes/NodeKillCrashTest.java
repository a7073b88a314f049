package dev.parley.examples.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.testing.EmbeddedPostgresDatabases;
import dev.parley.testkit.Fault;
import dev.parley.testkit.MessengerCustomer;
import dev.parley.testkit.PlatformSandbox;
import dev.parley.testkit.SentMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code kill -9} of a server node (three on one PostgreSQL) in the middle of a turn, of an outbox
 * drain and of a reminder's turn; after failover and restart nothing is lost and nothing runs twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeKillCrashTest {
  private static PlatformSandbox sandbox;
  private static String dbUrl;
  private static Cluster cluster;

  @BeforeAll
  static void startThreeNodes() {
    sandbox = Cluster.sandbox();
    dbUrl = EmbeddedPostgresDatabases.freshDatabaseUrl();
    cluster = new Cluster(3, dbUrl, sandbox);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
    sandbox.close();
  }

  @Test
  @Order(1)
  void aTurnCutShortByAKillRunsOnceAfterTheRestart() {
    NodeProcess a = cluster.node(0);
    MessengerCustomer ada = sandbox.messengerCustomer(Cluster.PAGE_ID, "psid-turn", "Ada");

    assertEquals(200, cluster.post(a, body(ada.sendText("slow 4000 t1"))));
    a.awaitLine(line -> line.equals("TURN STARTED t1"), Duration.ofSeconds(30));
    a.kill();
    a.start().awaitReady(Cluster.READY);

    List<String> got = awaitTexts("psid-turn", 1, Duration.ofSeconds(60));
    assertEquals(List.of("slow t1 done turn 1"), got, "the turn ran to its end once, its state saved once");
    assertEquals(0, new StoreQueries(dbUrl).number("SELECT COUNT(*) FROM parley_inbound_event WHERE NOT handled"));
  }

  @Test
  @Order(2)
  void anOutboxDrainCutShortByAKillDeliversEveryMessageAfterFailover() {
    NodeProcess a = cluster.node(0);
    NodeProcess b = cluster.node(1);
    NodeProcess c = cluster.node(2);
    a.stop(); // gracefully: B alone drains, so the kill cuts its deliveries for sure
    c.stop();
    sandbox.inject(Fault.latency(Duration.ofMillis(300)).onPath("*/messages"));
    int customers = 20;
    int each = 3;
    for (int i = 1; i <= customers; i++) {
      MessengerCustomer customer = sandbox.messengerCustomer(Cluster.PAGE_ID, "psid-drain-" + i, "Customer " + i);
      assertEquals(200, cluster.post(b, body(customer.sendText("bulk " + each + " d" + i))));
    }
    awaitCount(m -> m.summary().startsWith("bulk d"), 10, Duration.ofSeconds(60));
    b.kill();
    StoreQueries store = new StoreQueries(dbUrl);
    long inFlightAtKill = store.number("SELECT COUNT(*) FROM parley_outbox WHERE state = 'IN_FLIGHT'");
    sandbox.clearFaults();
    store.expireOutboxLeases();
    a.start();
    b.start();
    c.start();
    cluster.nodes().forEach(node -> node.awaitReady(Cluster.READY));

    awaitCount(m -> m.summary().startsWith("bulk d"), customers * each, Duration.ofSeconds(90));
    // the platform has a message before its node records it delivered
    awaitUnfinishedOutbox(store, 0, Duration.ofSeconds(30));
    Map<String, Long> copies = sandbox.sentMessages().stream().map(SentMessage::summary)
        .filter(text -> text.startsWith("bulk d"))
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertEquals(customers * each, copies.size(), "every message reached its customer");
    long duplicates = copies.values().stream().mapToLong(n -> n - 1).sum();
    assertTrue(duplicates <= inFlightAtKill, duplicates + " messages went out twice; only the " + inFlightAtKill
        + " in flight at the kill may (the platform took them, the node died before recording it)");
    assertEquals(customers * each, store.number("SELECT COUNT(*) FROM parley_outbox WHERE state = 'DELIVERED'"
        + " AND payload LIKE '%bulk d%'"), "each dedup key recorded delivered once");
    assertEquals(0, store.number("SELECT COUNT(*) FROM parley_outbox WHERE state <> 'DELIVERED'"));
  }

  @Test
  @Order(3)
  void aReminderFiresOnceAcrossThreeNodes() {
    MessengerCustomer ada = sandbox.messengerCustomer(Cluster.PAGE_ID, "psid-remind", "Ada");
    assertEquals(200, cluster.post(body(ada.sendText("remind 500 r1"))));

    List<String> got = awaitTexts("psid-remind", 2, Duration.ofSeconds(30));
    Cluster.pause(2_000); // a second firing would show now

    assertEquals(List.of("scheduled r1", "reminder r1 fired"), texts("psid-remind"));
    assertEquals(2, got.size());
  }

  @Test
  @Order(4)
  void aReminderCutShortByAKillFiresOnceAfterTheRestart() {
    MessengerCustomer ada = sandbox.messengerCustomer(Cluster.PAGE_ID, "psid-remind-kill", "Ada");
    assertEquals(200, cluster.post(body(ada.sendText("remind 500 slow-r2"))));
    NodeProcess claimant = awaitClaimant("REMINDER STARTED slow-r2", Duration.ofSeconds(30));
    claimant.kill();
    // the dead node's claim runs out after its 5-minute lease: fast-forwarded, as for the outbox
    new StoreQueries(dbUrl).expireTimerLeases();
    claimant.start().awaitReady(Cluster.READY);

    List<String> got = awaitTexts("psid-remind-kill", 2, Duration.ofSeconds(30));

    assertEquals(List.of("scheduled slow-r2", "reminder slow-r2 fired"), got);
  }

  private static NodeProcess awaitClaimant(String line, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (NodeProcess node : cluster.nodes()) {
        if (node.printed(line::equals)) {
          return node;
        }
      }
      Cluster.pause(50);
    }
    throw new AssertionError("no node printed " + line);
  }

  private static byte[] body(dev.parley.testkit.WebhookDelivery delivery) {
    return delivery.body().getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> texts(String psid) {
    return sandbox.sentMessages().stream().filter(m -> m.recipientId().equals(psid)).map(SentMessage::summary)
        .toList();
  }

  private static List<String> awaitTexts(String psid, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (texts(psid).size() < count && System.nanoTime() < deadline) {
      Cluster.pause(100);
    }
    return texts(psid);
  }

  private static void awaitUnfinishedOutbox(StoreQueries store, long count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (store.number("SELECT COUNT(*) FROM parley_outbox WHERE state <> 'DELIVERED'") > count
        && System.nanoTime() < deadline) {
      Cluster.pause(100);
    }
  }

  private static void awaitCount(java.util.function.Predicate<SentMessage> matching, int distinct, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      long seen = sandbox.sentMessages().stream().filter(matching).map(SentMessage::summary).distinct().count();
      if (seen >= distinct) {
        return;
      }
      Cluster.pause(100);
    }
    throw new AssertionError("fewer than " + distinct + " distinct messages reached the sandbox in " + timeout);
  }
}
