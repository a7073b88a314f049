package dev.parley.examples.bench;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * P7: from launching the server's JVM to its first {@code /healthz} 200 (best of a few starts), and
 * the demo from launch to its exit, when the examples have a {@code demo} command.
 */
final class ServerStartup implements Measure {

  @Override
  public String id() {
    return "P7";
  }

  @Override
  public MeasureLine run(BenchScale scale) throws Exception {
    MeasureLine line = new MeasureLine(id());
    Optional<List<String>> server = ServerProcess.launcher("server");
    if (server.isEmpty()) {
      return line.field("server_start_ms", "n/a").field("demo_ms", "n/a").field("server", "needs_the_examples_dispatcher");
    }
    int starts = scale.pick(2, 5);
    long best = Long.MAX_VALUE;
    try (LoopbackGraph graph = LoopbackGraph.immediate(4)) {
      for (int i = 0; i < starts; i++) {
        long start = System.nanoTime();
        try (ServerProcess process = ServerProcess.start(server.get(), graph.baseUrl())) {
          if (!process.awaitHealthy(30_000)) {
            throw new IllegalStateException("the server did not become healthy: " + process.logTail());
          }
          best = Math.min(best, System.nanoTime() - start);
        }
      }
    }
    line.millis("server_start_ms", best).field("starts", starts);
    return demo(line, ServerProcess.launcher("demo").orElseThrow());
  }

  /** Runs the demo to its end; n/a when the examples have no demo command yet. */
  private static MeasureLine demo(MeasureLine line, List<String> launch) throws Exception {
    long start = System.nanoTime();
    Process demo = new ProcessBuilder(launch).redirectErrorStream(true).start();
    String output = new String(demo.getInputStream().readAllBytes());
    if (!demo.waitFor(120, TimeUnit.SECONDS)) {
      demo.destroyForcibly();
      return line.field("demo_ms", "timeout");
    }
    long elapsed = System.nanoTime() - start;
    if (demo.exitValue() != 0) {
      boolean missing = output.contains("Unmatched argument") || output.contains("Unknown");
      return line.field("demo_ms", missing ? "n/a" : "failed_exit_" + demo.exitValue());
    }
    return line.millis("demo_ms", elapsed);
  }
}
