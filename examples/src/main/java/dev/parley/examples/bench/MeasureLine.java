package dev.parley.examples.bench;

import java.util.Locale;

/**
 * One output line of the benchmarks: {@code P<n>} followed by {@code key=value} fields, in the order
 * they were added. Rates print as whole numbers, ratios with two decimals. Not thread-safe.
 */
final class MeasureLine {
  private final StringBuilder text;

  MeasureLine(String measure) {
    this.text = new StringBuilder(measure);
  }

  /** A field printed as it is; spaces would break the line into fields, so they become underscores. */
  MeasureLine field(String key, Object value) {
    text.append(' ').append(key).append('=').append(String.valueOf(value).replace(' ', '_'));
    return this;
  }

  /** A rate or a count, rounded to a whole number. */
  MeasureLine whole(String key, double value) {
    return field(key, Math.round(value));
  }

  /** A ratio or a small figure, with two decimals. */
  MeasureLine decimal(String key, double value) {
    return field(key, String.format(Locale.ROOT, "%.2f", value));
  }

  /** A duration given in nanoseconds, printed in milliseconds with three decimals. */
  MeasureLine millis(String key, long nanos) {
    return field(key, String.format(Locale.ROOT, "%.3f", nanos / 1e6));
  }

  /** {@code numerator / denominator} with two decimals, or {@code n/a} when the denominator is zero. */
  MeasureLine ratio(String key, double numerator, double denominator) {
    return denominator == 0 ? field(key, "n/a") : decimal(key, numerator / denominator);
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
