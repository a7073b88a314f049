package dev.parley.examples.bench;

import dev.parley.core.RateLimits;
import java.time.Duration;

/**
 * P2: sends from one page to an endpoint that answers after 100 ms and, like the platform, refuses
 * with 429 and Graph code 613 beyond 300 requests in any sliding second. Parley runs with its
 * default limits (300/s per page) and concurrency (64 requests); messenger4j with as many threads.
 * Parley should deliver at the limit without ever being refused; messenger4j has no limiter, so
 * what it delivers and what fails is reported beside it.
 *
 * <p>Each contender first sends a warm-up plan of two seconds' worth, then waits for the window to
 * forget it. Why: the endpoint runs in this JVM, and on its first requests it is still accepting
 * connections, starting its handler threads and interpreting its code, so it counts those requests
 * up to 200 ms after they were written, while the ones a second later arrive at once: a cold
 * endpoint sees 301 in a second that the sender spread over 1.03 s. The platform has no cold start
 * of its own to show a sender.
 */
final class RateLimitedSends implements Measure {
  private static final int LIMIT = 300;
  private static final int PARLEY_CONCURRENCY = 64;
  private static final Duration LATENCY = Duration.ofMillis(100);

  @Override
  public String id() {
    return "P2";
  }

  @Override
  public MeasureLine run(BenchScale scale) throws Exception {
    int sends = scale.count(3_000, 10_000, 30);
    SendPlan plan = SendPlan.roundRobin(sends, 1_000, 1);
    SendPlan warmUp = SendPlan.roundRobin(scale.count(2 * LIMIT, 2 * LIMIT, 30), 1_000, 1);
    try (LoopbackGraph graph = LoopbackGraph.limited(2 * PARLEY_CONCURRENCY + 16, LATENCY, LIMIT)) {
      SendTally parley;
      long parleyWarmUpRefused; // Parley goes first, on a fresh endpoint: every 429 so far is its warm-up's
      try (Contender contender = new ParleyContender(graph.baseUrl(), 1, PARLEY_CONCURRENCY, RateLimits.DEFAULT)) {
        parleyWarmUpRefused = warmedUp(contender, warmUp, graph);
        parley = contender.send(plan);
      }
      long parleyRefused = graph.rateLimited() - parleyWarmUpRefused;
      SendTally messenger4j;
      long refusedBefore;
      try (Contender contender = new Messenger4jContender(graph.baseUrl(), 1, PARLEY_CONCURRENCY)) {
        refusedBefore = warmedUp(contender, warmUp, graph);
        messenger4j = contender.send(plan);
      }
      long messenger4jRefused = graph.rateLimited() - refusedBefore;
      return new MeasureLine(id())
          .whole("parley_rps", parley.deliveredPerSecond())
          .ratio("parley/limit", parley.deliveredPerSecond(), LIMIT)
          .field("parley_failures", parley.failed())
          .field("parley_429s", parleyRefused)
          .field("parley_warm_up_429s", parleyWarmUpRefused)
          .whole("messenger4j_rps", messenger4j.deliveredPerSecond())
          .field("messenger4j_failures", messenger4j.failed())
          .field("messenger4j_429s", messenger4jRefused)
          .field("sends", sends)
          .field("limit", LIMIT)
          .field("warm_up", warmUp.size());
    }
  }

  /** Sends the warm-up plan, waits until the endpoint's window has forgotten it and returns the 429s so far. */
  private static long warmedUp(Contender contender, SendPlan warmUp, LoopbackGraph graph) throws InterruptedException {
    contender.send(warmUp);
    Thread.sleep(1_100); // longer than the endpoint's window
    return graph.rateLimited();
  }
}
