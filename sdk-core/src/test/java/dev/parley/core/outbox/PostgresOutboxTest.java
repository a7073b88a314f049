package dev.parley.core.outbox;

import static dev.parley.core.outbox.SendApiDispatcher.messengerCustomer;
import static dev.parley.core.outbox.SendApiDispatcher.whatsAppCustomer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.core.Parley;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.JdbcConversationStore;
import dev.parley.core.message.Message;
import dev.parley.core.testing.EmbeddedPostgresDatabases;
import dev.parley.core.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes, each with its own store pool, Parley client and background outbox worker, drain one
 * outbox in PostgreSQL: every entry is delivered once, in order per customer.
 */
class PostgresOutboxTest {
  private final TestClock clock = new TestClock();
  private final SendApiDispatcher graph = new SendApiDispatcher();
  private final MockWebServer server = new MockWebServer();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private JdbcConversationStore storeA;
  private JdbcConversationStore storeB;
  private Outbox outboxA;
  private Outbox outboxB;

  @BeforeEach
  void startTwoNodes() throws Exception {
    server.setDispatcher(graph);
    server.start();
    String url = EmbeddedPostgresDatabases.freshSchemaUrl();
    storeA = JdbcConversationStore.builder().jdbcUrl(url).clock(clock).maximumPoolSize(12).build();
    storeB = JdbcConversationStore.builder().jdbcUrl(url).clock(clock).maximumPoolSize(12).build();
    outboxA = node(storeA);
    outboxB = node(storeB);
  }

  private Outbox node(JdbcConversationStore store) {
    Parley parley = SendApiDispatcher.parley(server.url("/").toString(), clock, store);
    Outbox outbox = Outbox.builder(store.outbox(), parley::sendAsync).clock(clock).batchSize(8).maxInFlight(8)
        .pollInterval(Duration.ofMillis(20)).build();
    closing.add(outbox);
    return outbox;
  }

  @AfterEach
  void stopNodes() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
    storeA.close();
    storeB.close();
    server.close();
  }

  @Test
  void twoNodesDrainOneOutboxWithoutDoubleSendsInOrderPerCustomer() throws Exception {
    List<Recipient> customers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      customers.add(i % 2 == 0 ? messengerCustomer(i) : whatsAppCustomer(i));
    }
    SendApiDispatcher.openWindows(storeA, clock, customers);
    outboxA.start();
    outboxB.start();

    // Both nodes enqueue the same 200 updates (a retried job on each), with duplicates inside each run too.
    ExecutorService enqueuers = Executors.newFixedThreadPool(2);
    List<Future<?>> runs = new ArrayList<>();
    for (Outbox outbox : List.of(outboxA, outboxB)) {
      runs.add(enqueuers.submit(() -> {
        for (int i = 0; i < 300; i++) {
          int order = i < 200 ? i : i - 200;
          outbox.enqueue(customers.get(order % 20), Message.text("update " + order), "order-" + order);
        }
        return null;
      }));
    }
    for (Future<?> run : runs) {
      run.get();
    }
    enqueuers.shutdown();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (outboxA.counts().delivered() < 200 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }

    assertEquals(new OutboxCounts(0, 0, 0, 200), outboxB.counts());
    assertEquals(200, graph.deliveries().size(), "no entry was sent twice");
    Map<String, List<Integer>> received = new LinkedHashMap<>();
    graph.deliveries().forEach(d -> received.computeIfAbsent(d.userId(), k -> new ArrayList<>())
        .add(Integer.parseInt(d.text().substring("update ".length()))));
    assertEquals(20, received.size());
    received.forEach((customer, orders) -> assertEquals(orders.stream().sorted().toList(), orders,
        "updates to " + customer + " arrived in enqueue order"));
  }
}
