package dev.parley.examples.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The examples' {@code server} (or {@code demo}) command in a child JVM, started the way this JVM
 * was: {@code java -jar <jar> server} when the benchmarks run from the runnable jar, {@code java -cp
 * <classpath> <main> server} when they run under another main class. Run through
 * {@link BenchCommand#main} alone there is no dispatcher, so there is no launcher.
 */
final class ServerProcess implements AutoCloseable {
  static final String APP_SECRET = "bench-app-secret";
  static final String VERIFY_TOKEN = "bench-verify-token";
  private static final String DISPATCHER = "dev.parley.examples.Main";
  /**
   * The JVM options README.md gives for running the server on a small node (up to tens of thousands of
   * conversations on an embedded store): a bounded heap, metaspace and code cache, small thread stacks,
   * the serial collector and the client compiler only (half the start-up CPU; no C2 compiler arenas).
   */
  static final List<String> SMALL_NODE_JVM_OPTIONS = List.of("-Xmx128m", "-Xss512k", "-XX:MaxMetaspaceSize=96m",
      "-XX:ReservedCodeCacheSize=32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private final Process process;
  private final int port;
  private final Path dataDirectory;

  private ServerProcess(Process process, int port, Path dataDirectory) {
    this.process = process;
    this.port = port;
    this.dataDirectory = dataDirectory;
  }

  /**
   * The command that runs a subcommand of the examples: the runnable jar or the dispatcher this JVM
   * was started with, else the examples' dispatcher on this classpath; empty if there is none.
   */
  static Optional<List<String>> launcher(String subcommand, String... jvmOptions) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command = System.getProperty("sun.java.command", "").trim();
    String first = command.isEmpty() ? "" : command.split("\\s+")[0];
    List<String> launch = new ArrayList<>(List.of(java, "-Dsun.net.httpserver.nodelay=true"));
    launch.addAll(List.of(jvmOptions));
    if (first.endsWith(".jar")) {
      launch.addAll(List.of("-jar", first, subcommand));
      return Optional.of(launch);
    }
    String main = first.isEmpty() || first.equals(BenchCommand.class.getName()) || first.startsWith("org.openjdk.jmh")
        ? DISPATCHER : first;
    try {
      Class.forName(main, false, ServerProcess.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
    launch.addAll(List.of("-cp", System.getProperty("java.class.path"), main, subcommand));
    return Optional.of(launch);
  }

  /**
   * Starts the server with a fresh embedded database, one Messenger page whose Graph API is
   * {@code graphBase}, and the benchmark's app secret and verify token.
   */
  static ServerProcess start(List<String> launch, String graphBase) throws IOException {
    int port = freePort();
    Path data = Files.createTempDirectory("parley-bench-server");
    ProcessBuilder builder = new ProcessBuilder(launch)
        .redirectErrorStream(true)
        .redirectOutput(data.resolve("server.log").toFile());
    Map<String, String> env = builder.environment();
    env.put("PARLEY_PORT", Integer.toString(port));
    env.put("PARLEY_DB_URL", "jdbc:h2:file:" + data.resolve("parley").toAbsolutePath());
    env.put("PARLEY_GRAPH_API_BASE", graphBase);
    env.put("PARLEY_APP_SECRET", APP_SECRET);
    env.put("PARLEY_VERIFY_TOKEN", VERIFY_TOKEN);
    env.put("PARLEY_MESSENGER_PAGE_ID", MessengerBatches.PAGE_ID);
    env.put("PARLEY_MESSENGER_PAGE_TOKEN", "bench-page-token");
    return new ServerProcess(builder.start(), port, data);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** Waits until {@code /healthz} answers 200; false if the process died or the time ran out. */
  boolean awaitHealthy(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return false;
      }
      try {
        HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl() + "/healthz").toURL().openConnection();
        connection.setConnectTimeout(200);
        connection.setReadTimeout(1000);
        int status = connection.getResponseCode();
        connection.disconnect();
        if (status == 200) {
          return true;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(10);
    }
    return false;
  }

  /** The CPU time the server process has used so far, in nanoseconds, or -1 where the platform does not tell. */
  long cpuNanos() {
    return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
  }

  /** The resident set size of the server process in bytes, from /proc (Linux), or -1. */
  long residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** The last lines the server wrote, to explain a failure. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(data().resolve("server.log"), StandardCharsets.UTF_8);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private Path data() {
    return dataDirectory;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (var files = Files.walk(dataDirectory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
