package dev.parley.examples.bench;

import dev.parley.core.RateLimits;
import java.util.List;

/**
 * P1: text sends to a loopback endpoint that answers at once, by Parley (async, policy and rate
 * limits on), the OkHttp + Gson loop and messenger4j, at the same concurrency. Each contender
 * warms up, then the rounds run one contender after another, the order turning each round so
 * that none always runs first; the rates are totals over the rounds.
 *
 * <p>The sends are spread over 64 pages so that Messenger's 300 requests/s per page, which Parley
 * enforces, does not bind (19,200/s in all): P1 measures what the checks cost, P2 the limit.
 */
final class SendThroughput implements Measure {
  static final int CONCURRENCY = 16;
  static final int PAGES = 64;
  private static final int CUSTOMERS = 1_000;

  @Override
  public String id() {
    return "P1";
  }

  @Override
  public MeasureLine run(BenchScale scale) throws Exception {
    int sends = scale.count(5_000, 20_000, 50);
    int rounds = scale.pick(2, 3);
    SendPlan warmUp = SendPlan.roundRobin(scale.count(3_000, 5_000, 50), CUSTOMERS, PAGES);
    SendPlan plan = SendPlan.roundRobin(sends, CUSTOMERS, PAGES);
    try (LoopbackGraph graph = LoopbackGraph.immediate(CONCURRENCY);
        Contender parley = new ParleyContender(graph.baseUrl(), PAGES, CONCURRENCY, RateLimits.DEFAULT);
        Contender okHttp = new OkHttpContender(graph.baseUrl(), PAGES, CONCURRENCY);
        Contender messenger4j = new Messenger4jContender(graph.baseUrl(), PAGES, CONCURRENCY)) {
      List<Contender> contenders = List.of(parley, okHttp, messenger4j);
      for (Contender contender : contenders) {
        contender.send(warmUp);
      }
      SendTally[] totals = {SendTally.none(), SendTally.none(), SendTally.none()};
      for (int round = 0; round < rounds; round++) {
        for (int turn = 0; turn < contenders.size(); turn++) {
          int which = (round + turn) % contenders.size();
          System.gc();
          totals[which] = totals[which].plus(contenders.get(which).send(plan));
        }
      }
      double parleyRate = totals[0].deliveredPerSecond();
      double okHttpRate = totals[1].deliveredPerSecond();
      double messenger4jRate = totals[2].deliveredPerSecond();
      return new MeasureLine(id())
          .whole("parley_rps", parleyRate)
          .whole("okhttp_rps", okHttpRate)
          .whole("messenger4j_rps", messenger4jRate)
          .ratio("parley/okhttp", parleyRate, okHttpRate)
          .ratio("parley/messenger4j", parleyRate, messenger4jRate)
          .field("failures", totals[0].failed() + totals[1].failed() + totals[2].failed())
          .field("sends", sends + "x" + rounds)
          .field("concurrency", CONCURRENCY);
    }
  }
}
