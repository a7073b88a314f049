package dev.parley.bot.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a bot sees from the built-in recognizer trained on the labelled train split. */
class ExampleRecognizerTest {

  private static ExampleRecognizer recognizer;

  @BeforeAll
  static void train() {
    recognizer = LabelledSet.load("/nlu/train.tsv").trainer()
        .entities(EntityExtractor.builder().clock(EntityExtractorTest.CLOCK).zone(EntityExtractorTest.PARIS).build())
        .build();
  }

  @Test
  void caseAndAccentsDoNotChangeTheUnderstanding() {
    Understanding written = recognizer.recognize("où est ma commande ?", null);
    Understanding shouted = recognizer.recognize("OÙ EST MA COMMANDE ?", null);
    Understanding bare = recognizer.recognize("ou est ma commande", null);
    assertEquals("track_order", written.intent());
    assertEquals(written.ranking(), shouted.ranking());
    assertEquals(written.ranking(), bare.ranking());
    assertEquals("refund_request", recognizer.recognize("JE VEUX ETRE REMBOURSE", null).intent());
  }

  @Test
  void typographicQuotesAndLigaturesFold() {
    assertEquals(recognizer.recognize("j'ai reçu le mauvais article").ranking(),
        recognizer.recognize("j’ai reçu le mauvais article").ranking());
  }

  @Test
  void misspeltWordsAreMatchedToTheVocabulary() {
    assertEquals("track_order", recognizer.recognize("wher is my oder", null).intent());
    assertEquals("refund_request", recognizer.recognize("je voudrais un rembourssement", null).intent());
    assertEquals("talk_to_human", recognizer.recognize("I want to talk to a humna", null).intent());
    assertEquals("return_request", recognizer.recognize("how do I get a retrun label", null).intent());
  }

  @Test
  void theLanguageIsDetectedPerMessage() {
    assertEquals(Locale.ENGLISH, recognizer.recognize("where is my parcel", Locale.FRENCH).language());
    assertEquals(Locale.FRENCH, recognizer.recognize("où est mon colis", Locale.ENGLISH).language());
    assertEquals(Locale.FRENCH, recognizer.recognize("je veux parler à quelqu'un").language());
    assertEquals(Locale.ENGLISH, recognizer.recognize("can you help me").language());
  }

  @Test
  void aMessageWithoutLanguageCluesTakesTheHintThenTheDefault() {
    assertEquals(Locale.FRENCH, recognizer.recognize("#12345", Locale.FRENCH).language());
    assertEquals(Locale.FRENCH, recognizer.recognize("#12345", Locale.CANADA_FRENCH).language());
    assertEquals(Locale.ENGLISH, recognizer.recognize("#12345", null).language());
    assertEquals(Locale.ENGLISH, recognizer.recognize("#12345", Locale.GERMAN).language());
  }

  @Test
  void entitiesComeWithTheIntent() {
    Understanding understanding = recognizer.recognize("where is my order #12345?", null);
    assertTrue(understanding.is("track_order"));
    assertEquals("12345", understanding.first(Entity.OrderNumber.class).orElseThrow().number());
    Understanding booking = recognizer.recognize("je voudrais réserver une table demain à 20h", null);
    assertEquals("reservation", booking.intent());
    Entity.DateTime when = booking.first(Entity.DateTime.class).orElseThrow();
    assertEquals(20, when.time().getHour());
    assertEquals(5, when.date().getDayOfMonth());
  }

  @Test
  void outOfDomainMessagesAreUnknownButKeepTheirCandidates() {
    Understanding understanding = recognizer.recognize("what is the best pasta recipe?", null);
    assertTrue(understanding.isUnknown());
    assertEquals(Understanding.UNKNOWN, understanding.intent());
    assertFalse(understanding.is("help"));
    assertTrue(understanding.confidence() < understanding.threshold());
  }

  @Test
  void rankingIsMostConfidentFirstWithConfidencesBetweenZeroAndOne() {
    Understanding understanding = recognizer.recognize("my parcel arrived broken, I want a refund", null);
    List<ScoredIntent> ranking = understanding.ranking();
    assertTrue(ranking.size() >= 2);
    for (int i = 0; i < ranking.size(); i++) {
      assertTrue(ranking.get(i).confidence() >= 0 && ranking.get(i).confidence() <= 1);
      if (i > 0) {
        assertTrue(ranking.get(i - 1).confidence() >= ranking.get(i).confidence());
      }
    }
    assertTrue(List.of("delivery_problem", "refund_request").contains(understanding.intent()));
  }

  @Test
  void theThresholdDecidesWhatIsUnknown() {
    LabelledSet train = LabelledSet.load("/nlu/train.tsv");
    ExampleRecognizer lenient = train.trainer().threshold(0).build();
    ExampleRecognizer strict = train.trainer().threshold(1).build();
    assertFalse(lenient.recognize("where is my order").isUnknown());
    assertTrue(strict.recognize("where is my order").isUnknown());
    assertEquals(lenient.recognize("where is my order").confidence(),
        strict.recognize("where is my order").confidence());
  }

  @Test
  void aSmallRecognizerWithoutOutOfScopeExamplesStillRefusesSmallTalk() {
    ExampleRecognizer small = ExampleRecognizer.builder()
        .intent("track_order", Locale.ENGLISH, "where is my order", "track my parcel", "has my package shipped",
            "when will my order arrive", "order status")
        .intent("talk_to_human", Locale.ENGLISH, "talk to a human", "I want an agent", "real person please",
            "let me speak to someone", "customer service")
        .build();
    assertEquals("track_order", small.recognize("where's my parcel?").intent());
    assertEquals("talk_to_human", small.recognize("can I speak to a real person").intent());
    assertTrue(small.recognize("who is the best singer in the world").isUnknown());
    assertEquals(List.of("track_order", "talk_to_human"), small.intents());
  }

  @Test
  void theBuiltInOutOfScopeSetCanBeTurnedOff() {
    ExampleRecognizer bare = ExampleRecognizer.builder().builtInOutOfScope(false)
        .intent("greeting", Locale.ENGLISH, "hello", "hi there", "good morning")
        .intent("goodbye", Locale.ENGLISH, "bye", "see you later", "good night")
        .build();
    assertEquals("greeting", bare.recognize("hello there").intent());
    assertEquals("goodbye", bare.recognize("bye bye").intent());
  }
}
