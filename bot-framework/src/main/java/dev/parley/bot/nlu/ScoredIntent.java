package dev.parley.bot.nlu;

import java.util.Objects;

/**
 * One candidate intent and the recognizer's confidence in it, between 0 and 1.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the intent's name as the bot developer declared it: {@code "track_order"}
 * @param confidence how sure the recognizer is that this is what the customer meant, in [0, 1]
 */
public record ScoredIntent(String name, double confidence) {

  public ScoredIntent {
    name = IntentNames.require(name);
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence of intent '" + name + "' is " + confidence
          + "; it must be between 0 and 1");
    }
  }

  @Override
  public String toString() {
    return name + '=' + String.format(java.util.Locale.ROOT, "%.3f", confidence);
  }

  static ScoredIntent of(String name, double confidence) {
    return new ScoredIntent(Objects.requireNonNull(name, "name"), Math.max(0, Math.min(1, confidence)));
  }
}
