package dev.parley.examples.bench;

/** A client that sends a {@link SendPlan} to the loopback endpoint: Parley, the OkHttp loop, or messenger4j. */
interface Contender extends AutoCloseable {

  /** Sends every message of the plan, waits for every answer and says how it went. */
  SendTally send(SendPlan plan) throws InterruptedException;

  @Override
  void close();
}
