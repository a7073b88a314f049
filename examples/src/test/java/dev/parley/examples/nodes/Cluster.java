package dev.parley.examples.nodes;

import dev.parley.core.webhook.WebhookSigner;
import dev.parley.testkit.PlatformSandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N {@link EchoNode} processes on one database, behind a loopback round-robin: {@link #post} signs a
 * webhook body with {@link WebhookSigner} and sends it to the next node's port, moving on to the next
 * node when one does not answer or answers 5xx, as a load balancer and Meta's redelivery would.
 * Thread-safe.
 */
final class Cluster implements AutoCloseable {
  static final String PAGE_ID = "106234567890123";
  static final String PAGE_TOKEN = "EAAGnodesPageToken0000000000001";
  static final String APP_SECRET = "nodes-app-secret-0123456789";
  static final Duration READY = Duration.ofSeconds(90);

  private final List<NodeProcess> nodes = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final WebhookSigner signer = WebhookSigner.withAppSecret(APP_SECRET);

  /** Starts {@code count} nodes with the runtime contract's variables for {@code dbUrl} and {@code sandbox}. */
  Cluster(int count, String dbUrl, PlatformSandbox sandbox) {
    Map<String, String> environment = environment(dbUrl, sandbox);
    for (int i = 0; i < count; i++) {
      nodes.add(new NodeProcess(Character.toString('A' + i), environment).start());
    }
    nodes.forEach(node -> node.awaitReady(READY));
  }

  /** The variables of DESIGN.md's runtime contract a node needs, and nothing else. */
  static Map<String, String> environment(String dbUrl, PlatformSandbox sandbox) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PARLEY_PORT", "0");
    env.put("PARLEY_DB_URL", dbUrl);
    env.put("PARLEY_GRAPH_API_BASE", sandbox.graphBaseUrl());
    env.put("PARLEY_APP_SECRET", APP_SECRET);
    env.put("PARLEY_VERIFY_TOKEN", "nodes-verify-token");
    env.put("PARLEY_MESSENGER_PAGE_ID", PAGE_ID);
    env.put("PARLEY_MESSENGER_PAGE_TOKEN", PAGE_TOKEN);
    return env;
  }

  static PlatformSandbox sandbox() {
    return PlatformSandbox.builder().appSecret(APP_SECRET).messengerPage(PAGE_ID, PAGE_TOKEN).start();
  }

  NodeProcess node(int index) {
    return nodes.get(index);
  }

  List<NodeProcess> nodes() {
    return List.copyOf(nodes);
  }

  /**
   * Posts a signed webhook to the next live node, and on to the following ones while a node does not
   * answer or answers 5xx, 100 ms apart once every node was tried, for up to a minute (Meta keeps
   * redelivering far longer). Returns the status.
   */
  int post(byte[] body) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
      NodeProcess node = nodes.get(Math.floorMod(next.getAndIncrement(), nodes.size()));
      int status = node.alive() ? post(node, body) : 0;
      if (status > 0 && status < 500) {
        return status;
      }
      if (attempt >= nodes.size()) {
        pause(100);
      }
    }
    throw new AssertionError("no node took the webhook in a minute");
  }

  /** Posts a signed webhook to {@code node}; 0 when it did not answer. */
  int post(NodeProcess node, byte[] body) {
    int port;
    try {
      port = node.port();
    } catch (IllegalStateException dead) {
      return 0;
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/meta"))
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .header(WebhookSigner.SIGNATURE_HEADER, signer.sign(body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** GETs {@code path} from {@code node}: status and body. */
  HttpResponse<String> get(NodeProcess node, String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
        .timeout(Duration.ofSeconds(20)).GET().build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("GET " + path + " from " + node + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    nodes.forEach(NodeProcess::close);
  }
}
