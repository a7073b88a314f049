package dev.parley.examples.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code bench} command: runs the measures P1 to P7 of BENCHMARKS.md and prints one line each,
 * {@code P<n> key=value ...}, ratios named like {@code parley/okhttp}. {@code --quick} finishes in
 * under 3 minutes on 2 cores; without it the full run takes longer. A measure that fails prints
 * {@code P<n> error=...} and the others still run; the exit code is then 1.
 *
 * <pre>
 * java -jar examples/target/parley-examples.jar bench --quick
 * java -jar examples/target/parley-examples.jar bench --only P1,P3
 * </pre>
 *
 * A picocli command for the examples' dispatcher, and runnable alone through {@link #main}.
 * Not thread-safe: picocli fills one instance per run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Runs the benchmarks P1-P7 and prints one line per measure (see BENCHMARKS.md).")
public final class BenchCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--quick", description = "A shorter run with smaller counts, under 3 minutes on 2 cores.")
  private boolean quick;

  @Option(names = "--only", split = ",", paramLabel = "P<n>", description = "Only these measures, e.g. P1,P3.")
  private List<String> only = new ArrayList<>();

  @Option(names = "--size-factor", hidden = true, defaultValue = "1",
      description = "Multiplies every count (smoke tests use a small fraction).")
  private double sizeFactor;

  /** Runs the benchmarks on their own, outside the examples' dispatcher. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchCommand()).execute(args));
  }

  @Override
  public Integer call() {
    quietLibraryLogs();
    BenchScale scale = scale();
    Set<String> selected = selected();
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "# bench mode=%s cores=%d jdk=%s os=%s%n", scale.mode(),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), System.getProperty("os.name"));
    out.flush();
    boolean failed = false;
    for (Measure measure : measures()) {
      if (!selected.isEmpty() && !selected.contains(measure.id())) {
        continue;
      }
      String line;
      long start = System.nanoTime();
      HostSteal stealBefore = HostSteal.now();
      try {
        MeasureLine measured = measure.run(scale);
        HostSteal stealAfter = HostSteal.now();
        if (stealBefore != null && stealAfter != null) {
          measured.decimal("host_steal_pct", stealAfter.percentSince(stealBefore));
        }
        line = measured.decimal("seconds", (System.nanoTime() - start) / 1e9).toString();
      } catch (Exception | LinkageError e) {
        failed = true;
        line = new MeasureLine(measure.id()).field("error", e.getClass().getSimpleName() + ":" + e.getMessage()).toString();
        e.printStackTrace(spec.commandLine().getErr());
      }
      out.println(line);
      out.flush();
    }
    return failed ? 1 : 0;
  }

  static List<Measure> measures() {
    return List.of(new SendThroughput(), new RateLimitedSends(), new WebhookThroughput(), new BotTurnLatency(), new OutboxDrain(),
        new ConversationFootprint(), new ServerStartup());
  }

  private BenchScale scale() {
    try {
      return new BenchScale(quick, sizeFactor);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private Set<String> selected() {
    Set<String> known = new LinkedHashSet<>();
    measures().forEach(m -> known.add(m.id()));
    Set<String> selected = new LinkedHashSet<>();
    for (String id : only) {
      String normalised = id.trim().toUpperCase(Locale.ROOT);
      if (!known.contains(normalised)) {
        throw new ParameterException(spec.commandLine(), "--only " + id + " is not a measure; choose from " + known);
      }
      selected.add(normalised);
    }
    return selected;
  }

  /** The libraries log every retried 429 and the embedded database its start; the benchmark lines are what matter. */
  private static void quietLibraryLogs() {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    }
  }
}
