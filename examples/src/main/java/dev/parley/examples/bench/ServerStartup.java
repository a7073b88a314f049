package dev.parley.examples.bench;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * P7: from launching the server's JVM (with README.md's small-node options) to its first {@code /healthz}
 * 200, best of a few starts, with the CPU time the start took; and the {@code demo} command from
 * launch to its exit.
 */
final class ServerStartup implements Measure {

  @Override
  public String id() {
    return "P7";
  }

  @Override
  public MeasureLine run(BenchScale scale) throws Exception {
    MeasureLine line = new MeasureLine(id());
    Optional<List<String>> server = ServerProcess.launcher("server",
        ServerProcess.SMALL_NODE_JVM_OPTIONS.toArray(String[]::new));
    if (server.isEmpty()) {
      return line.field("server_start_ms", "n/a").field("demo_ms", "n/a").field("server", "needs_the_examples_dispatcher");
    }
    int starts = scale.pick(2, 5);
    long best = Long.MAX_VALUE;
    long bestCpu = Long.MAX_VALUE;
    try (LoopbackGraph graph = LoopbackGraph.immediate(4)) {
      for (int i = 0; i < starts; i++) {
        long start = System.nanoTime();
        try (ServerProcess process = ServerProcess.start(server.get(), graph.baseUrl())) {
          if (!process.awaitHealthy(60_000)) {
            throw new IllegalStateException("the server did not become healthy: " + process.logTail());
          }
          best = Math.min(best, System.nanoTime() - start);
          bestCpu = Math.min(bestCpu, process.cpuNanos());
        }
      }
    }
    line.millis("server_start_ms", best);
    if (bestCpu >= 0) {
      line.millis("server_start_cpu_ms", bestCpu); // what the start costs, whatever else runs on the machine
    }
    line.field("starts", starts).field("server_jvm", "small_node");
    return demo(line, ServerProcess.launcher("demo").orElseThrow());
  }

  /** Runs the demo to its end, as README.md tells (no JVM options); names the failure if it does not end well. */
  private static MeasureLine demo(MeasureLine line, List<String> launch) throws Exception {
    long start = System.nanoTime();
    Process demo = new ProcessBuilder(launch).redirectErrorStream(true).start();
    Thread drain = new Thread(() -> {
      try {
        demo.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      } catch (java.io.IOException e) {
        // the demo ended; its exit code tells
      }
    }, "bench-demo-output");
    drain.setDaemon(true);
    drain.start();
    if (!demo.waitFor(120, TimeUnit.SECONDS)) {
      demo.destroyForcibly();
      return line.field("demo_ms", "timeout");
    }
    long elapsed = System.nanoTime() - start;
    if (demo.exitValue() != 0) {
      return line.field("demo_ms", "failed_exit_" + demo.exitValue());
    }
    long cpu = demo.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
    line.millis("demo_ms", elapsed);
    return cpu >= 0 ? line.millis("demo_cpu_ms", cpu) : line;
  }
}
