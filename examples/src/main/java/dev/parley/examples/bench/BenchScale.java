package dev.parley.examples.bench;

/**
 * How big a benchmark run is: the full run the figures in BENCHMARKS.md come from, or the quick one
 * (under 3 minutes on 2 cores), optionally shrunk further by a factor for smoke tests. Immutable.
 *
 * @param quick the quick run
 * @param factor multiplies every count (1 normally; a small fraction in a smoke test)
 */
record BenchScale(boolean quick, double factor) {

  BenchScale {
    if (!(factor > 0 && factor <= 1)) {
      throw new IllegalArgumentException("size factor " + factor + " must be above 0 and at most 1");
    }
  }

  /** {@code quickCount} or {@code fullCount} as the run asks, times the factor, at least {@code floor}. */
  int count(int quickCount, int fullCount, int floor) {
    return Math.max(floor, (int) Math.round((quick ? quickCount : fullCount) * factor));
  }

  /** {@code quickValue} or {@code fullValue}, not scaled: rounds, iterations, forks. */
  int pick(int quickValue, int fullValue) {
    return quick ? quickValue : fullValue;
  }

  String mode() {
    return quick ? "quick" : "full";
  }
}
