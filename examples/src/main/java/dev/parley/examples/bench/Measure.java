package dev.parley.examples.bench;

/** One of the measures P1 to P7: runs at a scale and returns its output line. */
interface Measure {

  /** {@code P1} ... {@code P7}. */
  String id();

  /** Runs the measure; the line starts with {@link #id()}. */
  MeasureLine run(BenchScale scale) throws Exception;
}
