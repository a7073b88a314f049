package dev.parley.bot.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Bad messages and bad declarations: clear errors at build time, safe and bounded results at run time. */
class RecognizerInputTest {

  private static final ExampleRecognizer RECOGNIZER = ExampleRecognizer.builder()
      .intent("track_order", Locale.ENGLISH, "where is my order", "track my parcel", "has my package shipped")
      .intent("track_order", Locale.FRENCH, "où est ma commande", "suivre mon colis", "mon colis est parti ?")
      .intent("greeting", Locale.ENGLISH, "hello", "hi there", "good morning")
      .maxTextLength(200)
      .build();

  private static IllegalArgumentException refused(Runnable declaration) {
    return assertThrows(IllegalArgumentException.class, declaration::run);
  }

  @Test
  void nullTextIsRefusedWithAClearMessage() {
    IllegalArgumentException e = refused(() -> RECOGNIZER.recognize(null, Locale.ENGLISH));
    assertTrue(e.getMessage().contains("text must not be null"), e.getMessage());
  }

  @Test
  void emptyAndBlankTextsAreUnknownWithNothingFound() {
    for (String text : new String[] {"", "   ", "\n\t", "?!...", "👍"}) {
      Understanding understanding = RECOGNIZER.recognize(text, null);
      assertTrue(understanding.isUnknown(), text);
      assertTrue(understanding.entities().isEmpty(), text);
      assertEquals(text, understanding.text());
    }
  }

  @Test
  void aHugeMessageIsReadOnlyUpToTheLimit() {
    String start = "where is my order #12345 ";
    String huge = start + "blah ".repeat(200_000) + " my email is late@example.com";
    Understanding understanding = RECOGNIZER.recognize(huge, null);
    assertEquals(huge, understanding.text());
    assertEquals("12345", understanding.first(Entity.OrderNumber.class).orElseThrow().number());
    assertTrue(understanding.entities(Entity.Email.class).isEmpty(), "read past the limit");
  }

  @Test
  void aCutThroughAnEmojiDoesNotBreakTheText() {
    String text = "a".repeat(199) + "😀 where is my order";
    Understanding understanding = RECOGNIZER.recognize(text, null);
    assertEquals(text, understanding.text());
  }

  @Test
  void aRecognizerNeedsIntentsWithEnoughExamples() {
    IllegalArgumentException none = refused(() -> ExampleRecognizer.builder().build());
    assertTrue(none.getMessage().contains("no intent declared"), none.getMessage());
    IllegalArgumentException one = refused(() -> ExampleRecognizer.builder()
        .intent("greeting", Locale.ENGLISH, "hello").build());
    assertTrue(one.getMessage().contains("intent 'greeting' has 1 example; give at least 2"), one.getMessage());
  }

  @Test
  void onlyEnglishAndFrenchAreSupported() {
    IllegalArgumentException e = refused(() -> ExampleRecognizer.builder()
        .intent("greeting", Locale.GERMAN, "hallo", "guten Tag"));
    assertTrue(e.getMessage().contains("language 'de' is not supported"), e.getMessage());
  }

  @Test
  void badNamesAndExamplesAreRefusedNamingWhatIsWrong() {
    assertTrue(refused(() -> ExampleRecognizer.builder().intent("Track Order", Locale.ENGLISH, "a", "b"))
        .getMessage().contains("'Track Order'"));
    assertTrue(refused(() -> ExampleRecognizer.builder().intent("unknown", Locale.ENGLISH, "a", "b"))
        .getMessage().contains("reserved"));
    assertTrue(refused(() -> ExampleRecognizer.builder().intent("greeting", Locale.ENGLISH, "hello", " "))
        .getMessage().contains("blank example"));
    assertTrue(refused(() -> ExampleRecognizer.builder().intent("greeting", Locale.ENGLISH, "x".repeat(501)))
        .getMessage().contains("is 501 characters; examples may have 500"));
    assertTrue(refused(() -> ExampleRecognizer.builder().threshold(1.5)).getMessage().contains("1.5"));
    assertTrue(refused(() -> ExampleRecognizer.builder().maxTextLength(3)).getMessage().contains("3"));
  }

  @Test
  void oneSentenceForTwoIntentsIsAMistake() {
    IllegalArgumentException e = refused(() -> ExampleRecognizer.builder()
        .intent("cancel", Locale.ENGLISH, "stop", "never mind")
        .intent("help", Locale.ENGLISH, "Stop!", "help me")
        .build());
    assertTrue(e.getMessage().contains("given to both 'cancel' and 'help'"), e.getMessage());
  }
}
