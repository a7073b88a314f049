package dev.parley.examples.bench;

import dev.parley.core.RateLimits;
import java.util.List;

/**
 * P1: text sends to a loopback endpoint that answers at once, by Parley (async, policy and rate
 * limits on), the OkHttp + Gson loop (asynchronous and blocking; {@code okhttp_rps} is the faster)
 * and messenger4j, at the same concurrency. The contenders warm up in
 * {@link #warmUpPasses passes}, the order turning each pass, then the rounds run one contender after
 * another, the order turning each round so that none always runs first. A rate is a contender's best
 * round: on a shared machine other processes only ever slow a round down. The CPU time per send (of
 * the whole process, the loopback endpoint's share included, the same for every contender) is the
 * figure least disturbed by them.
 *
 * <p>Why several warm-up passes: on two busy cores the JIT's optimizing compiler lags far behind.
 * After one pass of 5,000 sends per contender, its queue still held the big methods of OkHttp and of
 * the loopback server, and the first measured round, Parley's, paid for them twice: about 56 µs per
 * send of compiler CPU, and the shared code still running unoptimized (Parley's workers at 136 µs per
 * send against about 50 in later rounds). That round alone cost 333 µs per send against about 145 in
 * Parley's later ones, and made Parley's average look 9 % dearer than the blocking loop's while its
 * later rounds were as cheap or cheaper. The compiler never goes fully idle here (10 % to 20 % of the
 * CPU even after a few hundred thousand sends), so {@code *_jit_us} reports its CPU per send during
 * each contender's rounds: a share that falls on whoever runs while it works, not a cost of that
 * contender's sends.
 *
 * <p>The sends are spread over 128 pages so that Messenger's 300 requests/s per page, which Parley
 * enforces, does not bind: Parley keeps it over a window of 1.03 s, so 128 pages allow about
 * 37,000 sends/s, twice the fastest contender here (64 pages allowed 18,640/s, which a round of the
 * OkHttp loop has exceeded: Parley alone would then have waited for slots). P1 measures what the
 * checks cost, P2 the limit.
 */
final class SendThroughput implements Measure {
  static final int CONCURRENCY = 16;
  static final int PAGES = 128;
  private static final int CUSTOMERS = 1_000;

  /** Warm-up passes: every contender sends the warm-up plan once per pass. */
  static int warmUpPasses(BenchScale scale) {
    return scale.pick(2, 4);
  }

  @Override
  public String id() {
    return "P1";
  }

  @Override
  public MeasureLine run(BenchScale scale) throws Exception {
    int sends = scale.count(3_000, 20_000, 50);
    int rounds = scale.pick(3, 5);
    SendPlan warmUp = SendPlan.roundRobin(scale.count(3_000, 5_000, 50), CUSTOMERS, PAGES);
    SendPlan plan = SendPlan.roundRobin(sends, CUSTOMERS, PAGES);
    try (LoopbackGraph graph = LoopbackGraph.immediate(CONCURRENCY);
        Contender parley = new ParleyContender(graph.baseUrl(), PAGES, CONCURRENCY, RateLimits.DEFAULT);
        Contender okHttpAsync = new OkHttpContender(graph.baseUrl(), PAGES, CONCURRENCY, false);
        Contender okHttpBlocking = new OkHttpContender(graph.baseUrl(), PAGES, CONCURRENCY, true);
        Contender messenger4j = new Messenger4jContender(graph.baseUrl(), PAGES, CONCURRENCY)) {
      List<Contender> contenders = List.of(parley, okHttpAsync, okHttpBlocking, messenger4j);
      int passes = warmUpPasses(scale);
      for (int pass = 0; pass < passes; pass++) {
        for (int turn = 0; turn < contenders.size(); turn++) {
          contenders.get((pass + turn) % contenders.size()).send(warmUp);
        }
      }
      double[] best = new double[contenders.size()];
      long[] cpuNanos = new long[contenders.size()];
      long[] jitNanos = new long[contenders.size()];
      long failures = 0;
      for (int round = 0; round < rounds; round++) {
        for (int turn = 0; turn < contenders.size(); turn++) {
          int which = (round + turn) % contenders.size();
          System.gc();
          long cpu = ProcessCpu.nanos();
          long jit = ProcessCpu.compilerNanos();
          SendTally tally = contenders.get(which).send(plan);
          cpuNanos[which] += ProcessCpu.nanos() - cpu;
          jitNanos[which] += ProcessCpu.compilerNanos() - jit;
          best[which] = Math.max(best[which], tally.deliveredPerSecond());
          failures += tally.failed();
        }
      }
      double perSend = 1e-3 / ((double) sends * rounds);
      double okHttp = Math.max(best[1], best[2]);
      return new MeasureLine(id())
          .whole("parley_rps", best[0])
          .whole("okhttp_rps", okHttp)
          .whole("messenger4j_rps", best[3])
          .ratio("parley/okhttp", best[0], okHttp)
          .ratio("parley/messenger4j", best[0], best[3])
          .whole("okhttp_async_rps", best[1])
          .whole("okhttp_blocking_rps", best[2])
          .decimal("parley_cpu_us", cpuNanos[0] * perSend)
          .decimal("okhttp_async_cpu_us", cpuNanos[1] * perSend)
          .decimal("okhttp_blocking_cpu_us", cpuNanos[2] * perSend)
          .decimal("messenger4j_cpu_us", cpuNanos[3] * perSend)
          .decimal("parley_jit_us", jitNanos[0] * perSend)
          .decimal("okhttp_async_jit_us", jitNanos[1] * perSend)
          .decimal("okhttp_blocking_jit_us", jitNanos[2] * perSend)
          .decimal("messenger4j_jit_us", jitNanos[3] * perSend)
          .field("failures", failures)
          .field("sends", sends + "x" + rounds)
          .field("concurrency", CONCURRENCY)
          .field("warm_up", warmUp.size() + "x" + passes);
    }
  }
}
