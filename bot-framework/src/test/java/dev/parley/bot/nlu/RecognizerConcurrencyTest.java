package dev.parley.bot.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One recognizer shared by many conversations gives each the same answer it gives alone. */
class RecognizerConcurrencyTest {

  @Test
  void concurrentRecognitionsMatchSequentialOnes() throws Exception {
    LabelledSet test = LabelledSet.load("/nlu/test.tsv");
    ExampleRecognizer recognizer = LabelledSet.load("/nlu/train.tsv").trainer().build();
    List<String> texts = test.utterances().stream().map(LabelledSet.Utterance::text).toList();
    List<Understanding> expected = texts.stream().map(recognizer::recognize).toList();

    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<List<Understanding>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t;
        Callable<List<Understanding>> task = () -> {
          start.await();
          List<Understanding> seen = new ArrayList<>();
          for (int round = 0; round < 3; round++) {
            for (int i = 0; i < texts.size(); i++) {
              seen.add(recognizer.recognize(texts.get((i + offset * 7) % texts.size())));
            }
          }
          return seen;
        };
        results.add(pool.submit(task));
      }
      start.countDown();
      for (int t = 0; t < threads; t++) {
        List<Understanding> seen = results.get(t).get();
        for (int k = 0; k < seen.size(); k++) {
          assertEquals(expected.get((k % texts.size() + t * 7) % texts.size()), seen.get(k));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
