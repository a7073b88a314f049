package dev.parley.examples.bench;

import java.util.Collection;
import java.util.DoubleSummaryStatistics;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * P3: webhook verify + parse (+ dedup for Parley) on the same Messenger batches of 10 events, with
 * JMH ({@link WebhookBenchmarks}) in forked JVMs: throughput in batches per second for Parley,
 * messenger4j and the raw floor, one thread.
 */
final class WebhookThroughput implements Measure {

  @Override
  public String id() {
    return "P3";
  }

  @Override
  public MeasureLine run(BenchScale scale) throws Exception {
    // Forks differ by more than the goal's margin on this machine (one fork's JIT decisions, a
    // neighbour's load while it runs): over full runs with two forks, Parley's rate ranged from 29,900
    // to 42,800 batches/s and messenger4j's from 21,600 to 35,700. Four shorter forks per contender
    // average that out better than two long ones, in about the same time.
    int warmups = scale.pick(5, 4);
    int measurements = scale.pick(3, 3);
    TimeValue time = scale.quick() ? TimeValue.seconds(1) : TimeValue.seconds(2);
    Options options = new OptionsBuilder()
        .include(WebhookBenchmarks.class.getName().replace(".", "\\.") + "\\.")
        .mode(org.openjdk.jmh.annotations.Mode.Throughput)
        .timeUnit(TimeUnit.SECONDS)
        .warmupIterations(warmups)
        .warmupTime(time)
        .measurementIterations(measurements)
        .measurementTime(time)
        .forks(scale.pick(1, 4))
        .threads(1)
        .jvmArgsAppend("-Xmx512m")
        .verbosity(VerboseMode.SILENT)
        .shouldFailOnError(true)
        .build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, Double> score = new HashMap<>();
    Map<String, Double> spread = new HashMap<>();
    for (RunResult result : results) {
      String method = result.getParams().getBenchmark();
      String name = method.substring(method.lastIndexOf('.') + 1);
      score.put(name, result.getPrimaryResult().getScore());
      DoubleSummaryStatistics forks = result.getBenchmarkResults().stream()
          .mapToDouble(fork -> fork.getPrimaryResult().getScore()).summaryStatistics();
      spread.put(name, forks.getAverage() == 0 ? 0 : 100 * (forks.getMax() - forks.getMin()) / forks.getAverage());
    }
    double parley = score.getOrDefault("parley", 0.0);
    double messenger4j = score.getOrDefault("messenger4j", 0.0);
    double raw = score.getOrDefault("raw", 0.0);
    return new MeasureLine(id())
        .whole("parley_batches_per_s", parley)
        .whole("messenger4j_batches_per_s", messenger4j)
        .whole("raw_batches_per_s", raw)
        .ratio("parley/messenger4j", parley, messenger4j)
        .ratio("parley/raw", parley, raw)
        .ratio("raw/messenger4j", raw, messenger4j)
        .whole("parley_fork_spread_pct", spread.getOrDefault("parley", 0.0))
        .whole("messenger4j_fork_spread_pct", spread.getOrDefault("messenger4j", 0.0))
        .whole("raw_fork_spread_pct", spread.getOrDefault("raw", 0.0))
        .field("events_per_batch", MessengerBatches.EVENTS_PER_BATCH)
        .field("harness", "jmh");
  }
}
