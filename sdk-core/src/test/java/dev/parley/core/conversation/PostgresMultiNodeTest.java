package dev.parley.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.Recipient;
import dev.parley.core.testing.EmbeddedPostgresDatabases;
import dev.parley.core.testing.TestClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Two store instances with their own pools over one PostgreSQL database: two nodes of a service. What
 * the contract promises "across nodes" is checked here.
 */
class PostgresMultiNodeTest {
  private static final Recipient ADA = Recipient.messenger("1001", "psid-ada");
  private static final Duration LEASE = Duration.ofMinutes(5);

  private final TestClock clock = new TestClock();
  private JdbcConversationStore nodeA;
  private JdbcConversationStore nodeB;

  @BeforeEach
  void startTwoNodes() {
    String url = EmbeddedPostgresDatabases.freshSchemaUrl();
    nodeA = JdbcConversationStore.builder().jdbcUrl(url).clock(clock).maximumPoolSize(6).build();
    nodeB = JdbcConversationStore.builder().jdbcUrl(url).clock(clock).maximumPoolSize(6).build();
  }

  @AfterEach
  void stopNodes() {
    nodeA.close();
    nodeB.close();
  }

  @Test
  void timersFireOnceAcrossNodes() throws Exception {
    for (int i = 0; i < 200; i++) {
      nodeA.schedule("timer-" + i, Recipient.messenger("1001", "psid-" + (i % 17)), clock.instant().minusSeconds(i), null);
    }
    List<String> fired = Collections.synchronizedList(new ArrayList<>());

    onBothNodes(3, store -> {
      List<ConversationTimer> batch;
      while (!(batch = store.claimDueTimers(clock.instant(), LEASE, 5)).isEmpty()) {
        batch.forEach(t -> fired.add(t.key()));
      }
    });

    assertEquals(200, fired.size());
    assertEquals(200, new HashSet<>(fired).size());
  }

  @Test
  void aTimerCompletedInATurnThatDiesIsFiredByTheOtherNodeOnce() {
    nodeA.schedule("remind:ada", ADA, clock.instant(), "{}");
    ConversationTimer claimedByA = nodeA.claimDueTimers(clock.instant(), LEASE, 10).get(0);

    assertThrows(IllegalStateException.class, () -> nodeA.withConversation(ADA, c -> {
      assertTrue(nodeA.completeTimer("remind:ada", claimedByA.claimToken()));
      nodeA.compareAndSetState(ADA, 0, "reminded").orElseThrow();
      clock.advance(LEASE.plusSeconds(1));
      assertEquals(List.of(), nodeB.claimDueTimers(clock.instant(), LEASE, 10),
          "while A's turn holds the timer, B skips it even past the lease");
      throw new IllegalStateException("node A dies before its turn commits");
    }));

    List<ConversationTimer> claimedByB = nodeB.claimDueTimers(clock.instant(), LEASE, 10);
    assertEquals(List.of("remind:ada"), claimedByB.stream().map(ConversationTimer::key).toList());
    assertEquals(ConversationState.NONE, nodeB.state(ADA), "A's turn left nothing");
    nodeB.withConversation(ADA, c -> {
      assertTrue(nodeB.completeTimer("remind:ada", claimedByB.get(0).claimToken()));
      return nodeB.compareAndSetState(ADA, 0, "reminded").orElseThrow();
    });

    clock.advance(LEASE.multipliedBy(2));
    assertEquals(List.of(), nodeA.claimDueTimers(clock.instant(), LEASE, 10));
    assertFalse(nodeA.completeTimer("remind:ada", claimedByA.claimToken()));
  }

  @Test
  void twoNodesNeverWorkOnOneConversationAtOnce() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();

    onBothNodes(2, store -> {
      for (int i = 0; i < 10; i++) {
        store.withConversation(ADA, conversation -> {
          if (inside.incrementAndGet() > 1) {
            overlaps.incrementAndGet();
          }
          ConversationState read = store.state(ADA);
          int count = read.isEmpty() ? 0 : Integer.parseInt(read.data());
          store.compareAndSetState(ADA, read.version(), Integer.toString(count + 1)).orElseThrow();
          inside.decrementAndGet();
          return null;
        });
      }
    });

    assertEquals(0, overlaps.get());
    assertEquals(new ConversationState(40, "40"), nodeB.state(ADA));
  }

  @Test
  void theWebhookJournalRecordsAnEventOnceAcrossNodes() throws Exception {
    List<Boolean> results = Collections.synchronizedList(new ArrayList<>());

    onBothNodes(3, store -> results.add(store.record("wamid:race", ADA, clock.instant(), "{}")));

    assertEquals(1, results.stream().filter(r -> r).count());
  }

  @Test
  void nodesStartingTogetherMigrateTheSchemaOnce() throws Exception {
    String url = EmbeddedPostgresDatabases.freshDatabaseUrl();
    int nodes = 4;
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    List<JdbcConversationStore> started = new ArrayList<>();
    try {
      CountDownLatch ready = new CountDownLatch(nodes);
      List<Future<JdbcConversationStore>> starting = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        starting.add(pool.submit(() -> {
          ready.countDown();
          ready.await(); // all threads build at once
          return JdbcConversationStore.builder().jdbcUrl(url).maximumPoolSize(2).build();
        }));
      }
      for (Future<JdbcConversationStore> future : starting) {
        started.add(future.get());
      }

      // The schema history holds the lock row (version 0) and each migration exactly once.
      Map<Integer, Integer> expected = new TreeMap<>();
      expected.put(0, 1);
      for (int version = 1; version <= JdbcConversationStore.MIGRATIONS.size(); version++) {
        expected.put(version, 1);
      }
      assertEquals(expected, appliedVersions(started.get(0).dataSource(), JdbcConversationStore.MIGRATION_COMPONENT));
      started.get(0).customer(ADA);
      assertTrue(started.get(nodes - 1).findCustomer(ADA).isPresent());
    } finally {
      started.forEach(JdbcConversationStore::close);
      pool.shutdownNow();
    }
  }

  /** Version to number of rows in the schema history of {@code component}. */
  private static Map<Integer, Integer> appliedVersions(DataSource dataSource, String component) throws SQLException {
    Map<Integer, Integer> versions = new TreeMap<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT version, COUNT(*) FROM parley_schema_version WHERE component = ? GROUP BY version")) {
      select.setString(1, component);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          versions.put(rows.getInt(1), rows.getInt(2));
        }
      }
    }
    return versions;
  }

  @Test
  void aFailedTurnOnOneNodeLeavesNothingTheOtherCanSee() {
    assertThrows(IllegalStateException.class, () -> nodeA.withConversation(ADA, c -> {
      nodeA.compareAndSetState(ADA, 0, "half-done").orElseThrow();
      throw new IllegalStateException("crash mid-turn");
    }));

    assertEquals(ConversationState.NONE, nodeB.state(ADA));
  }

  interface NodeWork {
    void run(JdbcConversationStore store) throws Exception;
  }

  /** Runs {@code work} on {@code threadsPerNode} threads of each node at once. */
  private void onBothNodes(int threadsPerNode, NodeWork work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threadsPerNode * 2);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < threadsPerNode; i++) {
        running.add(pool.submit(() -> {
          work.run(nodeA);
          return null;
        }));
        running.add(pool.submit(() -> {
          work.run(nodeB);
          return null;
        }));
      }
      for (Future<?> future : running) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
