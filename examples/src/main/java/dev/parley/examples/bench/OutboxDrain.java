package dev.parley.examples.bench;

import dev.parley.core.Parley;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.JdbcConversationStore;
import dev.parley.core.message.OrderStatus;
import dev.parley.core.message.OrderUpdate;
import dev.parley.core.outbox.Outbox;
import dev.parley.core.outbox.OutboxCounts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * P5: two outbox instances ("nodes"), each with its own connection pool and Parley client, drain one
 * outbox of order updates in embedded PostgreSQL to the loopback endpoint, which counts every order
 * it receives. The updates are enqueued first (the rate is reported too), then both nodes start and
 * the clock runs until nothing is unfinished. Duplicates are orders received more than once; lost
 * are orders never received. The updates go to 20 orders per customer over 64 pages, outside the
 * window (so with Messenger's POST_PURCHASE_UPDATE tag).
 */
final class OutboxDrain implements Measure {
  /** The pages the order updates go out on (P1 uses more, so that its page limits never bind). */
  private static final int PAGES = 64;
  private static final int ORDERS_PER_CUSTOMER = 20;
  private static final int ENQUEUE_THREADS = 4;
  private static final String ORDER_PREFIX = "BENCH-";

  @Override
  public String id() {
    return "P5";
  }

  @Override
  public MeasureLine run(BenchScale scale) throws Exception {
    int entries = scale.count(10_000, 100_000, 200);
    int customers = Math.max(10, entries / ORDERS_PER_CUSTOMER);
    ConcurrentHashMap<Integer, AtomicInteger> received = new ConcurrentHashMap<>();
    String url = EmbeddedPostgresServer.freshSchemaUrl();
    try (LoopbackGraph graph = LoopbackGraph.recording(16, body -> count(body, received));
        JdbcConversationStore storeA = node(url);
        JdbcConversationStore storeB = node(url)) {
      LongAdder sentByA = new LongAdder();
      LongAdder sentByB = new LongAdder();
      Parley parleyA = parley(graph);
      Parley parleyB = parley(graph);
      try (Outbox outboxA = Outbox.builder(storeA.outbox(), (r, m) -> {
            sentByA.increment();
            return parleyA.sendAsync(r, m);
          }).capacity(2L * entries).build();
          Outbox outboxB = Outbox.builder(storeB.outbox(), (r, m) -> {
            sentByB.increment();
            return parleyB.sendAsync(r, m);
          }).capacity(2L * entries).build()) {
        long enqueueNanos = enqueue(outboxA, entries, customers);
        long start = System.nanoTime();
        outboxA.start();
        outboxB.start();
        long deadline = start + TimeUnit.SECONDS.toNanos(60 + entries / 200);
        // The endpoint's tally says when every order arrived; only then is the store asked, every 10 ms,
        // whether all are marked. Counting the states of 100,000 rows takes the database tens of
        // milliseconds of CPU, which polling it ten times a second took from the two nodes it measures.
        // Once a second it is asked anyway, so that a parked entry (never received) ends the wait.
        for (int tick = 1; received.size() < entries && System.nanoTime() < deadline; tick++) {
          Thread.sleep(10);
          if (tick % 100 == 0 && outboxA.counts().unfinished() == 0) {
            break;
          }
        }
        OutboxCounts counts = outboxA.counts();
        while (counts.unfinished() > 0 && System.nanoTime() < deadline) {
          Thread.sleep(10);
          counts = outboxA.counts();
        }
        long drainNanos = System.nanoTime() - start;
        long duplicates = received.values().stream().mapToLong(n -> Math.max(0, n.get() - 1)).sum();
        long lost = entries - received.size();
        return new MeasureLine(id())
            .whole("drain_per_s", counts.delivered() * 1e9 / drainNanos)
            .field("duplicates", duplicates)
            .field("lost", lost)
            .field("delivered", counts.delivered())
            .field("parked", counts.parked())
            .field("unfinished", counts.unfinished())
            .field("node_a", sentByA.sum())
            .field("node_b", sentByB.sum())
            .whole("enqueue_per_s", entries * 1e9 / enqueueNanos)
            .field("entries", entries);
      }
    }
  }

  private static JdbcConversationStore node(String url) {
    return JdbcConversationStore.builder().jdbcUrl(url).maximumPoolSize(16).build();
  }

  private static Parley parley(LoopbackGraph graph) {
    Parley.Builder builder = Parley.builder().graphApiBase(graph.baseUrl());
    for (int page = 0; page < PAGES; page++) {
      builder.messengerPage(SendPlan.pageId(page), SendPlan.pageToken(page));
    }
    return builder.build();
  }

  /** Enqueues every update through node A from a few threads; returns the time it took. */
  private static long enqueue(Outbox outbox, int entries, int customers) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(ENQUEUE_THREADS);
    try {
      AtomicInteger next = new AtomicInteger();
      long start = System.nanoTime();
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < ENQUEUE_THREADS; t++) {
        running.add(threads.submit(() -> {
          for (int i = next.getAndIncrement(); i < entries; i = next.getAndIncrement()) {
            int customer = i % customers;
            Recipient recipient = Recipient.messenger(SendPlan.pageId(customer % PAGES),
                SendPlan.psid(customer));
            outbox.enqueue(recipient, OrderUpdate.of(ORDER_PREFIX + i, OrderStatus.SHIPPED), ORDER_PREFIX + i + ":shipped");
          }
          return null;
        }));
      }
      for (Future<?> future : running) {
        future.get();
      }
      return System.nanoTime() - start;
    } finally {
      threads.shutdownNow();
    }
  }

  /** Counts the order a request body carries (its number follows {@value #ORDER_PREFIX} in the text). */
  private static void count(byte[] body, ConcurrentHashMap<Integer, AtomicInteger> received) {
    String text = new String(body, StandardCharsets.UTF_8);
    int at = text.indexOf(ORDER_PREFIX);
    if (at < 0) {
      return;
    }
    int end = at + ORDER_PREFIX.length();
    int order = 0;
    while (end < text.length() && Character.isDigit(text.charAt(end))) {
      order = order * 10 + (text.charAt(end++) - '0');
    }
    received.computeIfAbsent(order, k -> new AtomicInteger()).incrementAndGet();
  }
}
