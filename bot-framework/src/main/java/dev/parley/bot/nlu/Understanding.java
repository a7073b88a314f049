package dev.parley.bot.nlu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a recognizer understood of one message: the intents ranked by confidence, the detected language and the
 * entities found.
 *
 * <pre>{@code
 * Understanding u = recognizer.recognize("where is my order #12345?", null);
 * if (u.isUnknown()) { ... offer a human ... }
 * switch (u.intent()) { case "track_order" -> track(u.first(Entity.OrderNumber.class)); ... }
 * }</pre>
 *
 * <p>The result is unknown when no intent reaches the threshold; the ranking still lists the candidates so a
 * bot can ask "did you mean ...?". Immutable and thread-safe.
 *
 * @param text the message as received
 * @param language the language the message is in (for the built-in recognizer {@link Locale#ENGLISH} or
 *     {@link Locale#FRENCH})
 * @param ranking candidate intents, most confident first; may be empty
 * @param entities entities in the order they appear in the text
 * @param threshold the confidence the top intent needs to count, in [0, 1]
 */
public record Understanding(String text, Locale language, List<ScoredIntent> ranking, List<Entity> entities,
    double threshold) {

  /** The name {@link #intent()} returns when no intent reaches the threshold; no declared intent may use it. */
  public static final String UNKNOWN = "unknown";

  public Understanding {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(language, "language");
    ranking = List.copyOf(Objects.requireNonNull(ranking, "ranking"));
    entities = List.copyOf(Objects.requireNonNull(entities, "entities"));
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold is " + threshold + "; it must be between 0 and 1");
    }
    for (int i = 1; i < ranking.size(); i++) {
      if (ranking.get(i).confidence() > ranking.get(i - 1).confidence()) {
        throw new IllegalArgumentException("ranking must be most confident first: " + ranking);
      }
    }
  }

  /** The top intent's name, or {@link #UNKNOWN} when its confidence is below the threshold. */
  public String intent() {
    return isUnknown() ? UNKNOWN : ranking.get(0).name();
  }

  /** The top intent's confidence (0 when there is no candidate), reported even when the result is unknown. */
  public double confidence() {
    return ranking.isEmpty() ? 0 : ranking.get(0).confidence();
  }

  /** True when no intent reached the threshold: the bot should say so and offer a human. */
  public boolean isUnknown() {
    return ranking.isEmpty() || ranking.get(0).confidence() < threshold;
  }

  /** Whether {@code name} is the understood intent (never true for an unknown result). */
  public boolean is(String name) {
    return !isUnknown() && ranking.get(0).name().equals(name);
  }

  /** The entities of one kind, in text order: {@code entities(Entity.Amount.class)}. */
  public <T extends Entity> List<T> entities(Class<T> kind) {
    Objects.requireNonNull(kind, "kind");
    List<T> found = new ArrayList<>();
    for (Entity entity : entities) {
      if (kind.isInstance(entity)) {
        found.add(kind.cast(entity));
      }
    }
    return found;
  }

  /** The first entity of one kind in the text, if any. */
  public <T extends Entity> Optional<T> first(Class<T> kind) {
    List<T> found = entities(kind);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** Starts an understanding; for recognizers other than the built-in one. */
  public static Builder builder(String text) {
    return new Builder(text);
  }

  @Override
  public String toString() {
    return "Understanding{intent=" + intent() + ", language=" + language + ", ranking=" + ranking
        + ", entities=" + entities + '}';
  }

  /**
   * Assembles an {@link Understanding} from what an external service returned; sorts the intents by confidence.
   * Not thread-safe; build one per message.
   */
  public static final class Builder {
    private final String text;
    private Locale language = Locale.ENGLISH;
    private final List<ScoredIntent> ranking = new ArrayList<>();
    private final List<Entity> entities = new ArrayList<>();
    private double threshold = 0.5;

    private Builder(String text) {
      this.text = Objects.requireNonNull(text, "text");
    }

    public Builder language(Locale language) {
      this.language = Objects.requireNonNull(language, "language");
      return this;
    }

    /** Adds a candidate intent; call once per candidate. */
    public Builder intent(String name, double confidence) {
      if (UNKNOWN.equals(name)) {
        throw new IllegalArgumentException("intent name '" + UNKNOWN + "' is reserved for unknown results;"
            + " report a low confidence instead");
      }
      ranking.add(new ScoredIntent(name, confidence));
      return this;
    }

    public Builder entities(List<? extends Entity> found) {
      entities.addAll(Objects.requireNonNull(found, "entities"));
      return this;
    }

    /** The confidence the top intent needs, in [0, 1]; 0.5 unless set. */
    public Builder threshold(double threshold) {
      this.threshold = threshold;
      return this;
    }

    public Understanding build() {
      List<ScoredIntent> sorted = new ArrayList<>(ranking);
      sorted.sort(Comparator.comparingDouble(ScoredIntent::confidence).reversed());
      List<Entity> ordered = new ArrayList<>(entities);
      ordered.sort(Comparator.comparingInt(entity -> entity.span().start()));
      return new Understanding(text, language, sorted, ordered, threshold);
    }
  }
}
