package dev.parley.examples.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A Send API endpoint on the loopback interface, the far end of every send benchmark: the JDK's
 * {@code HttpServer} on a fixed-size executor, answering every POST with a Messenger success body,
 * at once or after a delay, and, like the platform, with 429 and Graph code 613 beyond a number of
 * requests in any sliding second. It serves any path, so Parley's {@code /v25.0/<page>/messages}
 * and messenger4j's {@code /v3.2/me/messages} both land here.
 *
 * <p>Thread-safe; counters may be read while requests run.
 */
final class LoopbackGraph implements AutoCloseable {
  static {
    // Read once by the JDK server when its first instance starts: without it, Nagle's algorithm and
    // delayed ACKs hold each keep-alive response for about 40 ms.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final byte[] RATE_LIMITED = ("{\"error\":{\"message\":\"(#613) Calls to this API have exceeded the"
      + " rate limit.\",\"type\":\"OAuthException\",\"code\":613,\"fbtrace_id\":\"BenchLoopback\"}}")
      .getBytes(StandardCharsets.US_ASCII);

  private final HttpServer server;
  private final ExecutorService executor;
  private final Duration delay;
  private final int perSecondLimit;
  private final Consumer<byte[]> bodies;
  private final ArrayDeque<Long> window = new ArrayDeque<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong rateLimited = new AtomicLong();

  private LoopbackGraph(int threads, Duration delay, int perSecondLimit, Consumer<byte[]> bodies) throws IOException {
    this.delay = delay;
    this.perSecondLimit = perSecondLimit;
    this.bodies = bodies;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    this.executor = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "bench-loopback");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext("/", this::answer);
    server.start();
  }

  /** An endpoint that answers every request at once, never refusing. */
  static LoopbackGraph immediate(int threads) throws IOException {
    return new LoopbackGraph(threads, Duration.ZERO, 0, body -> {});
  }

  /** An endpoint that answers at once and hands every request body to {@code bodies} first. */
  static LoopbackGraph recording(int threads, Consumer<byte[]> bodies) throws IOException {
    return new LoopbackGraph(threads, Duration.ZERO, 0, bodies);
  }

  /** An endpoint that accepts {@code perSecondLimit} requests in any sliding second, answering them after {@code delay}. */
  static LoopbackGraph limited(int threads, Duration delay, int perSecondLimit) throws IOException {
    return new LoopbackGraph(threads, delay, perSecondLimit, body -> {});
  }

  /** The base URL to give a client instead of the Graph API's. */
  String baseUrl() {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
  }

  long requests() {
    return requests.get();
  }

  long accepted() {
    return accepted.get();
  }

  long rateLimited() {
    return rateLimited.get();
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      long number = requests.incrementAndGet();
      if (!admit()) {
        rateLimited.incrementAndGet();
        respond(exchange, 429, RATE_LIMITED);
        return;
      }
      bodies.accept(body);
      if (!delay.isZero()) {
        pause();
      }
      accepted.incrementAndGet();
      respond(exchange, 200, ("{\"recipient_id\":\"1254477777772919\",\"message_id\":\"m_bench_" + number + "\"}")
          .getBytes(StandardCharsets.US_ASCII));
    }
  }

  /** The platform's sliding one-second window: a request is admitted while fewer than the limit were admitted in the last second. */
  private boolean admit() {
    if (perSecondLimit <= 0) {
      return true;
    }
    synchronized (window) {
      // read under the lock, so the window stays in order: a time read before it and added after a
      // later one would hold that later one's place, and the window could not drop it when it expires
      long now = System.nanoTime();
      long horizon = now - TimeUnit.SECONDS.toNanos(1);
      while (!window.isEmpty() && window.peekFirst() <= horizon) {
        window.pollFirst();
      }
      if (window.size() >= perSecondLimit) {
        return false;
      }
      window.addLast(now);
      return true;
    }
  }

  private void pause() {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
