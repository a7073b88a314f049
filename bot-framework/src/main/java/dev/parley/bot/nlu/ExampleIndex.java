package dev.parley.bot.nlu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The training examples as TF-IDF vectors in an inverted index, and how close a message is to each class of
 * examples: a class scores the mean cosine similarity of its three closest examples, so one lucky neighbour
 * counts less than several good ones (cross-validation on the labelled set preferred three to one, two or five);
 * a near copy of an example (similarity 0.9 or more) scores its own similarity. Class {@code classCount() - 1} is "out of scope" when the
 * recognizer has such examples. Immutable and thread-safe once built.
 */
final class ExampleIndex {

  private static final double WORD_SHARE = 0.65;
  private static final double NEAR_COPY = 0.9;
  /** How many of a class's closest examples its score averages. */
  private static final int NEIGHBOURS = 3;
  /** An unseen word weighs like a word seen in this fraction of the examples. */
  private static final double UNSEEN_DOCUMENT_SHARE = 0.02;

  private final Map<String, Integer> ids;
  private final float[] idf;
  private final double unseenIdf;
  private final int[][] postingExamples;
  private final float[][] postingValues;
  private final int[] exampleClass;
  private final int classCount;
  private final SparseVector[] vectors;

  ExampleIndex(List<TextFeatures.Counts> examples, int[] exampleClass, int classCount) {
    this.exampleClass = exampleClass.clone();
    this.classCount = classCount;
    Map<String, Integer> documentFrequency = new HashMap<>();
    for (TextFeatures.Counts counts : examples) {
      counts.words().keySet().forEach(key -> documentFrequency.merge(key, 1, Integer::sum));
      counts.grams().keySet().forEach(key -> documentFrequency.merge(key, 1, Integer::sum));
    }
    this.ids = new HashMap<>(documentFrequency.size() * 2);
    this.idf = new float[documentFrequency.size()];
    int n = examples.size();
    documentFrequency.forEach((key, df) -> {
      int id = ids.size();
      ids.put(key, id);
      idf[id] = (float) (Math.log((n + 1.0) / (df + 1.0)) + 1);
    });
    this.unseenIdf = Math.log((n + 1.0) / (Math.max(1, n * UNSEEN_DOCUMENT_SHARE) + 1.0)) + 1;
    this.vectors = new SparseVector[n];
    List<List<int[]>> postings = new ArrayList<>();
    for (int i = 0; i < idf.length; i++) {
      postings.add(new ArrayList<>());
    }
    for (int e = 0; e < n; e++) {
      vectors[e] = vector(examples.get(e));
      SparseVector v = vectors[e];
      for (int k = 0; k < v.ids().length; k++) {
        postings.get(v.ids()[k]).add(new int[] {e, Float.floatToIntBits(v.values()[k])});
      }
    }
    this.postingExamples = new int[idf.length][];
    this.postingValues = new float[idf.length][];
    for (int f = 0; f < idf.length; f++) {
      List<int[]> list = postings.get(f);
      postingExamples[f] = new int[list.size()];
      postingValues[f] = new float[list.size()];
      for (int k = 0; k < list.size(); k++) {
        postingExamples[f][k] = list.get(k)[0];
        postingValues[f][k] = Float.intBitsToFloat(list.get(k)[1]);
      }
    }
  }

  int exampleCount() {
    return vectors.length;
  }

  int classCount() {
    return classCount;
  }

  int classOf(int example) {
    return exampleClass[example];
  }

  SparseVector exampleVector(int example) {
    return vectors[example];
  }

  /** TF-IDF weights, each block normalised; unseen features only lengthen the vector (they match nothing). */
  SparseVector vector(TextFeatures.Counts counts) {
    List<Integer> outIds = new ArrayList<>();
    List<Double> outValues = new ArrayList<>();
    double wordNorm = block(counts.words(), outIds, outValues);
    int wordEnd = outIds.size();
    double gramNorm = block(counts.grams(), outIds, outValues);
    int[] vectorIds = new int[outIds.size()];
    float[] vectorValues = new float[outIds.size()];
    double wordScale = wordNorm == 0 ? 0 : Math.sqrt(WORD_SHARE) / wordNorm;
    double gramScale = gramNorm == 0 ? 0 : Math.sqrt(1 - WORD_SHARE) / gramNorm;
    for (int i = 0; i < vectorIds.length; i++) {
      vectorIds[i] = outIds.get(i);
      vectorValues[i] = (float) (outValues.get(i) * (i < wordEnd ? wordScale : gramScale));
    }
    return new SparseVector(vectorIds, vectorValues);
  }

  private double block(Map<String, Double> counts, List<Integer> outIds, List<Double> outValues) {
    double squares = 0;
    for (Map.Entry<String, Double> entry : counts.entrySet()) {
      Integer id = ids.get(entry.getKey());
      double count = entry.getValue();
      double tf = count <= 1 ? count : 1 + Math.log(count);
      double weight = tf * (id == null ? unseenIdf : idf[id]);
      squares += weight * weight;
      if (id != null) {
        outIds.add(id);
        outValues.add(weight);
      }
    }
    return Math.sqrt(squares);
  }

  /**
   * Each class's score for a message vector; {@code excluded} is an example to leave out (for leave-one-out
   * calibration) or -1.
   */
  double[] classScores(SparseVector query, int excluded) {
    double[] similarity = new double[vectors.length];
    for (int k = 0; k < query.ids().length; k++) {
      int feature = query.ids()[k];
      float weight = query.values()[k];
      int[] examples = postingExamples[feature];
      float[] values = postingValues[feature];
      for (int p = 0; p < examples.length; p++) {
        similarity[examples[p]] += weight * values[p];
      }
    }
    double[][] top = new double[classCount][NEIGHBOURS];
    for (int e = 0; e < similarity.length; e++) {
      if (e == excluded) {
        continue;
      }
      double[] kept = top[exampleClass[e]];
      double s = similarity[e];
      for (int k = 0; k < kept.length; k++) {
        if (s > kept[k]) {
          System.arraycopy(kept, k, kept, k + 1, kept.length - k - 1);
          kept[k] = s;
          break;
        }
      }
    }
    double[] scores = new double[classCount];
    for (int c = 0; c < classCount; c++) {
      double sum = 0;
      for (int k = 0; k < NEIGHBOURS; k++) {
        sum += top[c][k];
      }
      // A near copy of one example must not be averaged away by the class's other, different examples.
      double mean = sum / NEIGHBOURS;
      scores[c] = Math.min(1, top[c][0] >= NEAR_COPY ? Math.max(mean, top[c][0]) : mean);
    }
    return scores;
  }
}
