package dev.parley.examples.nodes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One {@link EchoNode} as a separate JVM, started with {@code java -cp <this test classpath>} and the
 * environment given (the runtime contract's variables only: inherited {@code PARLEY_*} and {@code
 * STRIPE_*} are removed). Its output is kept in memory, for waiting on a line and reading its logs.
 * {@link #kill()} is {@code kill -9}; {@link #stop()} a SIGTERM with a graceful shutdown. Thread-safe.
 */
final class NodeProcess implements AutoCloseable {
  private final String name;
  private final Map<String, String> environment;
  private final List<String> lines = new ArrayList<>();
  private int runStart;
  private Process process;
  private int port;

  NodeProcess(String name, Map<String, String> environment) {
    this.name = name;
    this.environment = Map.copyOf(environment);
  }

  /** Starts the JVM; {@link #awaitReady} waits until it serves. */
  synchronized NodeProcess start() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx160m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dsun.net.httpserver.nodelay=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
        "-Dorg.slf4j.simpleLogger.showDateTime=true", "-cp", System.getProperty("java.class.path"),
        EchoNode.class.getName());
    builder.environment().keySet().removeIf(key -> key.startsWith("PARLEY_") || key.startsWith("STRIPE_"));
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true);
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start node " + name, e);
    }
    port = 0;
    synchronized (lines) {
      runStart = lines.size();
    }
    Process started = process;
    Thread reader = new Thread(() -> read(started), "node-" + name + "-output");
    reader.setDaemon(true);
    reader.start();
    return this;
  }

  /** Waits for {@code NODE READY <port>} and returns this node. */
  NodeProcess awaitReady(Duration timeout) {
    String ready = awaitLine(line -> line.startsWith("NODE READY "), timeout);
    synchronized (this) {
      port = Integer.parseInt(ready.substring("NODE READY ".length()).trim());
    }
    return this;
  }

  /** The first line of the current run matching, waiting up to {@code timeout}. */
  String awaitLine(Predicate<String> matching, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lines) {
      while (true) {
        Optional<String> found = lines.subList(runStart, lines.size()).stream().filter(matching).findFirst();
        if (found.isPresent()) {
          return found.get();
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("node " + name + " printed no matching line in " + timeout + "; last lines:\n"
              + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
        }
        try {
          lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
  }

  /** Whether a line matching was printed since start. */
  boolean printed(Predicate<String> matching) {
    synchronized (lines) {
      return lines.stream().anyMatch(matching);
    }
  }

  /** Every line printed so far, in every run of this node. */
  List<String> output() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  synchronized int port() {
    if (port == 0) {
      throw new IllegalStateException("node " + name + " is not ready");
    }
    return port;
  }

  synchronized boolean alive() {
    return process != null && process.isAlive() && port != 0;
  }

  /** {@code kill -9}: no shutdown hook, no graceful anything. */
  void kill() {
    Process running;
    synchronized (this) {
      running = process;
      port = 0;
    }
    running.destroyForcibly();
    waitFor(running);
  }

  /** SIGTERM: the node finishes turns in flight and closes. */
  void stop() {
    Process running;
    synchronized (this) {
      running = process;
      port = 0;
    }
    running.destroy();
    waitFor(running);
  }

  /** The resident set size of the JVM in kilobytes, from /proc (Linux). */
  long residentKilobytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("no VmRSS for node " + name);
  }

  String name() {
    return name;
  }

  @Override
  public void close() {
    Process running;
    synchronized (this) {
      running = process;
    }
    if (running != null && running.isAlive()) {
      running.destroyForcibly();
      waitFor(running);
    }
  }

  private static void waitFor(Process process) {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("process " + process.pid() + " did not end in 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private void read(Process from) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(from.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
      }
    } catch (IOException e) {
      // the process died: its output ends here
    }
  }

  @Override
  public String toString() {
    return "node " + name;
  }
}
