package dev.parley.bot.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The recognizer's figures on the labelled set: trained on {@code nlu/train.tsv}, measured on {@code nlu/test.tsv},
 * which shares no sentence with it.
 */
class RecognizerAccuracyTest {

  private static LabelledSet train;
  private static LabelledSet test;
  private static ExampleRecognizer recognizer;

  @BeforeAll
  static void trainOnce() {
    train = LabelledSet.load("/nlu/train.tsv");
    test = LabelledSet.load("/nlu/test.tsv");
    recognizer = train.trainer().build();
  }

  @Test
  void theDataSetIsLargeEnoughAndTheSplitsDoNotOverlap() {
    assertTrue(train.utterances().size() + test.utterances().size() >= 200);
    Set<String> trainSentences = new HashSet<>();
    train.utterances().forEach(u -> trainSentences.add(key(u.text())));
    for (LabelledSet.Utterance u : test.utterances()) {
      assertTrue(!trainSentences.contains(key(u.text())), "test sentence also in train: " + u.text());
    }
    Set<String> trainIntents = new HashSet<>();
    train.utterances().forEach(u -> trainIntents.add(u.intent()));
    test.utterances().forEach(u -> assertTrue(trainIntents.contains(u.intent()), u.intent()));
    assertTrue(test.utterances().stream().anyMatch(u -> u.language().equals(Locale.FRENCH)));
  }

  @Test
  void intentAccuracyAndOutOfDomainDetectionReachTheGoals() {
    int inDomain = 0;
    int right = 0;
    int outOfDomain = 0;
    int refused = 0;
    int languageRight = 0;
    StringBuilder mistakes = new StringBuilder();
    for (LabelledSet.Utterance u : test.utterances()) {
      Understanding understanding = recognizer.recognize(u.text(), null);
      if (understanding.language().equals(u.language())) {
        languageRight++;
      }
      String expected = u.outOfScope() ? Understanding.UNKNOWN : u.intent();
      if (u.outOfScope()) {
        outOfDomain++;
        refused += understanding.isUnknown() ? 1 : 0;
      } else {
        inDomain++;
        right += understanding.intent().equals(u.intent()) ? 1 : 0;
      }
      if (!understanding.intent().equals(expected)) {
        mistakes.append(String.format(Locale.ROOT, "  %-18s got %-18s %.2f  %s%n", expected,
            understanding.intent(), understanding.confidence(), u.text()));
      }
    }
    double accuracy = 100.0 * right / inDomain;
    double detection = 100.0 * refused / outOfDomain;
    double language = 100.0 * languageRight / test.utterances().size();
    System.out.printf(Locale.ROOT, "NLU test split: intent accuracy %.1f %% (%d/%d), out-of-domain detected"
        + " %.1f %% (%d/%d), language detected %.1f %%%n", accuracy, right, inDomain, detection, refused,
        outOfDomain, language);
    System.out.print(mistakes);
    assertTrue(accuracy >= 90, "intent accuracy " + accuracy + " % is below the 90 % goal");
    assertTrue(detection >= 95, "out-of-domain detection " + detection + " % is below the 95 % goal");
  }

  @Test
  void everyTrainingSentenceIsRecognizedAsItsOwnIntent() {
    List<LabelledSet.Utterance> inDomain = train.utterances().stream().filter(u -> !u.outOfScope()).toList();
    long right = inDomain.stream().filter(u -> recognizer.recognize(u.text()).is(u.intent())).count();
    assertEquals(inDomain.size(), right);
  }

  private static String key(String text) {
    return String.join(" ", TextFolding.tokens(TextFolding.fold(text)));
  }
}
