package dev.parley.core.message;

import dev.parley.core.internal.send.Limits;
import java.util.List;

/** One to ten cards the customer swipes through (Messenger's generic template). Immutable and thread-safe. */
public record Carousel(List<Card> cards) implements Message {
  public Carousel {
    Limits.requireCount("carousel cards", cards, 1, 10, "Messenger");
    cards = List.copyOf(cards);
  }

  public static Carousel of(Card... cards) {
    return new Carousel(List.of(cards));
  }
}
