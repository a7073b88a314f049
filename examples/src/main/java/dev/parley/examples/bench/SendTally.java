package dev.parley.examples.bench;

/**
 * What one contender achieved on a {@link SendPlan}: sends the endpoint accepted, sends that ended
 * in an error, and the wall time from the first submission to the last answer. Immutable.
 */
record SendTally(long delivered, long failed, long elapsedNanos) {

  /** Accepted sends per second. */
  double deliveredPerSecond() {
    return elapsedNanos == 0 ? 0 : delivered * 1e9 / elapsedNanos;
  }

  /** This tally and another run's, as if they were one run. */
  SendTally plus(SendTally other) {
    return new SendTally(delivered + other.delivered, failed + other.failed, elapsedNanos + other.elapsedNanos);
  }

  static SendTally none() {
    return new SendTally(0, 0, 0);
  }
}
