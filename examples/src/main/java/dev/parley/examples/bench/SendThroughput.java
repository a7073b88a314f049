package dev.parley.examples.bench;

import dev.parley.core.RateLimits;
import java.util.List;

/**
 * P1: text sends to a loopback endpoint that answers at once, by Parley (async, policy and rate
 * limits on), the OkHttp + Gson loop (asynchronous and blocking; {@code okhttp_rps} is the faster)
 * and messenger4j, at the same concurrency. Each contender
 * warms up, then the rounds run one contender after another, the order turning each round so
 * that none always runs first. A rate is a contender's best round: on a shared machine other
 * processes only ever slow a round down. The CPU time per send (of the whole process, the loopback
 * endpoint's share included, the same for every contender) is the figure least disturbed by them.
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
      for (Contender contender : contenders) {
        contender.send(warmUp);
      }
      double[] best = new double[contenders.size()];
      long[] cpuNanos = new long[contenders.size()];
      long failures = 0;
      for (int round = 0; round < rounds; round++) {
        for (int turn = 0; turn < contenders.size(); turn++) {
          int which = (round + turn) % contenders.size();
          System.gc();
          long cpu = ProcessCpu.nanos();
          SendTally tally = contenders.get(which).send(plan);
          cpuNanos[which] += ProcessCpu.nanos() - cpu;
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
          .field("failures", failures)
          .field("sends", sends + "x" + rounds)
          .field("concurrency", CONCURRENCY);
    }
  }
}
