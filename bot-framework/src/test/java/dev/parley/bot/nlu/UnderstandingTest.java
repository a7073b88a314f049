package dev.parley.bot.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.Money;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The value an external recognizer (an NLU service, a language model) builds for the bot. */
class UnderstandingTest {

  @Test
  void anExternalRecognizerRanksItsIntentsAndSharesTheEntityExtractor() {
    IntentRecognizer external = (text, hint) -> Understanding.builder(text)
        .language(Locale.FRENCH)
        .intent("refund_request", 0.35)
        .intent("delivery_problem", 0.82)
        .entities(EntityExtractor.builder().build().extract(text, Locale.FRENCH))
        .threshold(0.6)
        .build();
    Understanding understanding = external.recognize("colis cassé, remboursez-moi 42,50 €");
    assertEquals("delivery_problem", understanding.intent());
    assertEquals(List.of("delivery_problem", "refund_request"),
        understanding.ranking().stream().map(ScoredIntent::name).toList());
    assertEquals(Money.parse("42.50", "EUR"), understanding.first(Entity.Amount.class).orElseThrow().money());
  }

  @Test
  void belowTheThresholdTheResultIsUnknown() {
    Understanding weak = Understanding.builder("hmm").intent("help", 0.4).threshold(0.5).build();
    assertTrue(weak.isUnknown());
    assertEquals(Understanding.UNKNOWN, weak.intent());
    assertEquals(0.4, weak.confidence());
    Understanding empty = Understanding.builder("").build();
    assertTrue(empty.isUnknown());
    assertEquals(0, empty.confidence());
  }

  @Test
  void valuesRejectWhatABrokenRecognizerCouldSend() {
    assertThrows(IllegalArgumentException.class, () -> new ScoredIntent("help", 1.2));
    assertThrows(IllegalArgumentException.class, () -> new ScoredIntent("help", Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Understanding.builder("x").intent("unknown", 0.9));
    assertThrows(IllegalArgumentException.class, () -> new TextSpan(2, 5, "ab"));
    assertThrows(IllegalArgumentException.class, () -> new Understanding("x", Locale.ENGLISH,
        List.of(new ScoredIntent("a", 0.1), new ScoredIntent("b", 0.9)), List.of(), 0.5));
  }

  @Test
  void customEntitiesTravelAsOther() {
    Entity.Other size = new Entity.Other(new TextSpan(4, 6, "XL"), "size", "XL");
    Understanding understanding = Understanding.builder("one XL").entities(List.of(size)).build();
    assertEquals("size", understanding.first(Entity.Other.class).orElseThrow().type());
  }
}
