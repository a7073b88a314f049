package dev.parley.bot.nlu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The building blocks of tolerance: folding that keeps positions, and typo correction that stays cautious. */
class TextFoldingAndTyposTest {

  private final TypoCorrector corrector = new TypoCorrector(Map.of(
      "remboursement", 3, "delivered", 2, "hello", 5, "card", 1, "commande", 4, "never", 1, "mind", 1));

  @Test
  void foldingRemovesCaseAndAccentsButKeepsEveryCharacterInPlace() {
    String text = "Après-Demain À 20H, Ça Coûte 42\u00a0€ – ‘OK’";
    String folded = TextFolding.fold(text);
    assertEquals(text.length(), folded.length());
    assertEquals("apres-demain a 20h, ca coute 42 € - 'ok'", folded);
    assertEquals(List.of("apres", "demain", "a", "20h", "ca", "coute", "42", "ok"), TextFolding.tokens(folded));
    assertEquals(List.of("voeux", "l", "adresse"), TextFolding.tokens(TextFolding.fold("Vœux l'adresse")));
  }

  @Test
  void misspeltWordsFindTheirClosestKnownWord() {
    assertEquals("remboursement", corrector.correct("remboursment"));
    assertEquals("remboursement", corrector.correct("rembourssement"));
    assertEquals("delivered", corrector.correct("delivred"));
    assertEquals("commande", corrector.correct("comande"));
    assertEquals("hello", corrector.correct("helo"));
    assertEquals("delivered", corrector.correct("delievred"));
  }

  @Test
  void shortWordsAndFarWordsAreLeftAlone() {
    assertNull(corrector.correct("cart"), "4 letters, a substitution: another word, not a typo");
    assertNull(corrector.correct("hel"), "3 letters: never");
    assertNull(corrector.correct("weather"));
    assertNull(corrector.correct("hello"), "known words are not corrected");
  }

  @Test
  void gluedWordsAreSplit() {
    assertArrayEquals(new String[] {"never", "mind"}, corrector.split("nevermind"));
    assertNull(corrector.split("neverland"));
  }

  @Test
  void editDistanceCountsASwapAsOneEdit() {
    assertEquals(1, TypoCorrector.distance("form", "from", 2));
    assertEquals(2, TypoCorrector.distance("kitten", "sitting", 3) - 1);
    assertEquals(3, TypoCorrector.distance("abc", "xyzabc", 2));
  }
}
