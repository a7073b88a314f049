package dev.parley.examples.bench;

import dev.parley.core.Recipient;
import dev.parley.core.conversation.InMemoryConversationStore;
import dev.parley.core.webhook.WebhookSigner;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * P6: the heap an idle conversation takes in the memory store (conversations created, nothing
 * said; heap measured after full collections), and the resident memory of the server process once
 * 10,000 customers (1,000 in the quick run) have each written once, each a conversation with its
 * turn and reply: with README.md's small-node JVM options, and in the full run also with the JVM's
 * default heap sizing (a quarter of the machine's memory at most) and with {@code -Xmx256m} alone.
 */
final class ConversationFootprint implements Measure {
  private static final int SERVER_CONVERSATIONS = 10_000;

  @Override
  public String id() {
    return "P6";
  }

  @Override
  public MeasureLine run(BenchScale scale) throws Exception {
    int conversations = scale.count(50_000, 200_000, 1_000);
    MeasureLine line = new MeasureLine(id())
        .whole("heap_bytes_per_conversation", heapPerConversation(conversations))
        .field("conversations", conversations);
    Optional<List<String>> defaults = ServerProcess.launcher("server");
    if (defaults.isEmpty()) {
      return line.field("server_rss_mb", "n/a").field("server", "no_examples_dispatcher_on_the_classpath");
    }
    int customers = scale.count(1_000, SERVER_CONVERSATIONS, 100);
    line.decimal("server_rss_mb_small_node", serverResidentMegabytes(ServerProcess.launcher("server",
        ServerProcess.SMALL_NODE_JVM_OPTIONS.toArray(String[]::new)).orElseThrow(), customers));
    if (!scale.quick()) {
      line.decimal("server_rss_mb", serverResidentMegabytes(defaults.get(), customers));
      line.decimal("server_rss_mb_xmx256m", serverResidentMegabytes(ServerProcess.launcher("server", "-Xmx256m")
          .orElseThrow(), customers));
    }
    return line.field("server_conversations", customers);
  }

  /** Starts the server, has {@code customers} customers write once each, waits for the replies and reads the RSS. */
  private static double serverResidentMegabytes(List<String> launch, int customers) throws Exception {
    try (LoopbackGraph graph = LoopbackGraph.immediate(8);
        ServerProcess server = ServerProcess.start(launch, graph.baseUrl())) {
      if (!server.awaitHealthy(60_000)) {
        throw new IllegalStateException("the server did not become healthy: " + server.logTail());
      }
      long refused = writeOnceEach(server, customers);
      long replies = awaitReplies(graph, customers);
      if (refused > 0 || replies < customers) {
        throw new IllegalStateException(refused + " webhooks refused and " + replies + " of " + customers
            + " replies sent: " + server.logTail());
      }
      return server.residentBytes() / (1024.0 * 1024.0);
    }
  }

  /** Heap growth per conversation created in a fresh memory store, its customer's identity included, after full collections. */
  static double heapPerConversation(int conversations) {
    InMemoryConversationStore warm = new InMemoryConversationStore();
    for (int i = 0; i < 1_000; i++) {
      warm.conversation(Recipient.messenger(MessengerBatches.PAGE_ID, SendPlan.psid(i)));
    }
    long before = usedHeapAfterGc();
    InMemoryConversationStore store = new InMemoryConversationStore();
    for (int i = 0; i < conversations; i++) {
      store.conversation(Recipient.messenger(MessengerBatches.PAGE_ID, SendPlan.psid(i)));
    }
    long after = usedHeapAfterGc();
    Reference.reachabilityFence(store);
    Reference.reachabilityFence(warm);
    return (after - before) / (double) conversations;
  }

  private static long usedHeapAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /** Every customer sends one signed text webhook, from 8 threads; returns how many were not answered 200. */
  private static long writeOnceEach(ServerProcess server, int customers) throws Exception {
    WebhookSigner signer = WebhookSigner.withAppSecret(ServerProcess.APP_SECRET);
    HttpClient client = HttpClient.newHttpClient();
    URI webhook = URI.create(server.baseUrl() + "/webhooks/meta");
    AtomicInteger next = new AtomicInteger();
    AtomicLong refused = new AtomicLong();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<Object>> running = threads.invokeAll(java.util.Collections.nCopies(8, () -> {
        for (int i = next.getAndIncrement(); i < customers; i = next.getAndIncrement()) {
          byte[] body = textWebhook(i);
          HttpRequest request = HttpRequest.newBuilder(webhook)
              .header("Content-Type", "application/json")
              .header(WebhookSigner.SIGNATURE_HEADER, signer.sign(body))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
          try {
            if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
              refused.incrementAndGet();
            }
          } catch (IOException e) {
            refused.incrementAndGet();
          }
        }
        return null;
      }));
      for (Future<Object> future : running) {
        future.get();
      }
    } finally {
      threads.shutdownNow();
    }
    return refused.get();
  }

  private static byte[] textWebhook(int customer) {
    long at = System.currentTimeMillis();
    String psid = SendPlan.psid(customer);
    return ("{\"object\":\"page\",\"entry\":[{\"id\":\"" + MessengerBatches.PAGE_ID + "\",\"time\":" + at
        + ",\"messaging\":[{\"sender\":{\"id\":\"" + psid + "\"},\"recipient\":{\"id\":\"" + MessengerBatches.PAGE_ID
        + "\"},\"timestamp\":" + at + ",\"message\":{\"mid\":\"m_p6_" + customer + "\",\"text\":\"Hello, is my order"
        + " A-" + (100_000 + customer) + " on its way?\"}}]}]}").getBytes(StandardCharsets.UTF_8);
  }

  /** Waits until the server's replies stop arriving (or all came); returns how many came. */
  private static long awaitReplies(LoopbackGraph graph, int expected) throws InterruptedException {
    long seen = -1;
    long quietSince = System.nanoTime();
    while (graph.requests() < expected && System.nanoTime() - quietSince < 5_000_000_000L) {
      Thread.sleep(200);
      if (graph.requests() != seen) {
        seen = graph.requests();
        quietSince = System.nanoTime();
      }
    }
    return graph.requests();
  }
}
