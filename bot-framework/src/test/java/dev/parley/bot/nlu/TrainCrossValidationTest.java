package dev.parley.bot.nlu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Five-fold cross-validation on the train split alone: how the recognizer's settings (neighbours, weights, the
 * default threshold of 0.5) were chosen without looking at the test split. Guards that the confidence learned
 * at build time generalises to sentences it has not seen.
 */
class TrainCrossValidationTest {

  @Test
  void confidenceLearnedFromTheExamplesGeneralisesToUnseenSentences() {
    LabelledSet train = LabelledSet.load("/nlu/train.tsv");
    int folds = 5;
    int inDomain = 0;
    int right = 0;
    int outOfDomain = 0;
    int refused = 0;
    for (int fold = 0; fold < folds; fold++) {
      List<LabelledSet.Utterance> fit = new ArrayList<>();
      List<LabelledSet.Utterance> held = new ArrayList<>();
      for (int i = 0; i < train.utterances().size(); i++) {
        (i % folds == fold ? held : fit).add(train.utterances().get(i));
      }
      ExampleRecognizer recognizer = new LabelledSet(fit).trainer().build();
      for (LabelledSet.Utterance u : held) {
        Understanding understanding = recognizer.recognize(u.text());
        if (u.outOfScope()) {
          outOfDomain++;
          refused += understanding.isUnknown() ? 1 : 0;
        } else {
          inDomain++;
          right += understanding.is(u.intent()) ? 1 : 0;
        }
      }
    }
    double accuracy = 100.0 * right / inDomain;
    double detection = 100.0 * refused / outOfDomain;
    System.out.printf(Locale.ROOT, "NLU 5-fold cross-validation on train: intent accuracy %.1f %%,"
        + " out-of-domain detected %.1f %%%n", accuracy, detection);
    assertTrue(accuracy >= 65, "cross-validated accuracy " + accuracy + " %");
    assertTrue(detection >= 85, "cross-validated out-of-domain detection " + detection + " %");
  }
}
