package dev.parley.testkit;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK HTTP server a {@link PlatformSandbox} listens with: bound when constructed, so its base URL
 * is known before the APIs that quote it are built, then {@link #start started} with the one handler
 * that serves every path, on daemon threads that never keep a JVM alive. Thread-safe.
 */
final class SandboxServer {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final HttpServer server;
  private final ExecutorService executor;
  private final String baseUrl;

  /** Binds to {@code port} on {@code bindAddress} (0 picks a free port); nothing is served until {@link #start}. */
  SandboxServer(InetAddress bindAddress, int port) {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      // Without it the JDK server's Nagle + delayed ACK hold each keep-alive answer about 40 ms.
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    try {
      this.server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the platform sandbox on " + bindAddress.getHostAddress()
          + ":" + port, e);
    }
    String host = bindAddress.isAnyLocalAddress() ? "localhost" : bindAddress.getHostAddress();
    this.baseUrl = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.getAddress().getPort();
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "parley-sandbox-http-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** {@code http://host:port}: no path, no trailing slash; an IPv6 host in brackets, a wildcard one as localhost. */
  String baseUrl() {
    return baseUrl;
  }

  /** The port bound, the one picked when 0 was asked for. */
  int port() {
    return server.getAddress().getPort();
  }

  /** Serves every request with {@code handler}. */
  void start(HttpHandler handler) {
    server.createContext("/", handler);
    server.setExecutor(executor);
    server.start();
  }

  /** Stops at once, without waiting for exchanges in progress, and ends the handler threads. */
  void stop() {
    server.stop(0);
    executor.shutdownNow();
  }
}
