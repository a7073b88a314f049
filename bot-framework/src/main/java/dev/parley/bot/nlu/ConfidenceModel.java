package dev.parley.bot.nlu;

import java.util.List;

/**
 * Turns how close a message is to an intent's examples into a confidence: the probability that the message is
 * one this bot handles, were that intent its meaning. A logistic regression over three signals: the intent's
 * similarity score, its lead over the out-of-scope examples, and the share of the message's meaningful words
 * the recognizer has seen (misspelt words corrected to a known one count half).
 *
 * <p>The regression is fitted when the recognizer is built, on leave-one-out trials: each training example is
 * scored against all the others with its best intent; intent examples are positive, out-of-scope examples
 * (the developer's and the built-in ones) negative, weighed as they occur. With fewer than eight of either,
 * or coefficients that would let a closer match lower the confidence, the prior coefficients stand (those
 * fitted on Parley's own labelled set). Immutable and thread-safe.
 */
final class ConfidenceModel {

  /** Prior coefficients (bias, score, lead over out of scope, coverage), fitted on Parley's labelled set. */
  private static final double[] PRIOR = {-4.8, 9.2, 9.5, 3.7};
  private static final double RIDGE = 0.5;
  private static final int MIN_NEGATIVES = 8;
  private static final double MAX_STEP = 2;
  private static final double MAX_COEFFICIENT = 60;

  /** One leave-one-out trial; {@code correct} when the example belongs to an intent. */
  record Trial(double score, double margin, double coverage, boolean correct) {
  }

  private final double[] coefficients;

  private ConfidenceModel(double[] coefficients) {
    this.coefficients = coefficients;
  }

  static ConfidenceModel prior() {
    return new ConfidenceModel(PRIOR.clone());
  }

  static ConfidenceModel fit(List<Trial> trials) {
    long positives = trials.stream().filter(Trial::correct).count();
    long negatives = trials.size() - positives;
    if (negatives < MIN_NEGATIVES || positives < MIN_NEGATIVES) {
      return prior();
    }
    double[] w = PRIOR.clone();
    for (int iteration = 0; iteration < 50; iteration++) {
      double[] gradient = new double[4];
      double[][] hessian = new double[4][4];
      for (Trial trial : trials) {
        double[] x = features(trial.score(), trial.margin(), trial.coverage());
        double p = sigmoid(dot(w, x));
        double y = trial.correct() ? 1 : 0;
        for (int i = 0; i < 4; i++) {
          gradient[i] += (p - y) * x[i];
          for (int j = 0; j < 4; j++) {
            hessian[i][j] += p * (1 - p) * x[i] * x[j];
          }
        }
      }
      for (int i = 0; i < 4; i++) {
        // The ridge pulls towards the prior, not towards zero, so a small example set cannot flip a sign.
        gradient[i] += RIDGE * (w[i] - PRIOR[i]);
        hessian[i][i] += RIDGE;
      }
      double[] step = solve(hessian, gradient);
      double largest = 0;
      for (double component : step) {
        largest = Math.max(largest, Math.abs(component));
      }
      if (!(largest <= MAX_STEP)) {
        // Newton steps overshoot when the trials are nearly separable; a bounded step still converges.
        double scale = Double.isFinite(largest) ? MAX_STEP / largest : 0;
        for (int i = 0; i < step.length; i++) {
          step[i] *= scale;
        }
      }
      double change = 0;
      for (int i = 0; i < 4; i++) {
        w[i] -= step[i];
        change += Math.abs(step[i]);
      }
      if (change < 1e-6) {
        break;
      }
    }
    boolean bounded = true;
    for (double coefficient : w) {
      bounded &= Math.abs(coefficient) <= MAX_COEFFICIENT;
    }
    if (!bounded || !(w[1] > 0 && w[1] + w[2] > 0 && w[3] >= 0)) {
      // A closer match must never lower the confidence; an odd example set that says otherwise is not trusted.
      return prior();
    }
    return new ConfidenceModel(w);
  }

  double confidence(double score, double margin, double coverage) {
    return sigmoid(dot(coefficients, features(score, margin, coverage)));
  }

  private static double[] features(double score, double margin, double coverage) {
    return new double[] {1, score, margin, coverage};
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /** Gaussian elimination with partial pivoting; the ridge keeps the matrix well conditioned. */
  private static double[] solve(double[][] matrix, double[] vector) {
    int n = vector.length;
    double[][] a = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(matrix[i], 0, a[i], 0, n);
      a[i][n] = vector[i];
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int row = col + 1; row < n; row++) {
        if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
          pivot = row;
        }
      }
      double[] swap = a[col];
      a[col] = a[pivot];
      a[pivot] = swap;
      for (int row = col + 1; row < n; row++) {
        double factor = a[row][col] / a[col][col];
        for (int k = col; k <= n; k++) {
          a[row][k] -= factor * a[col][k];
        }
      }
    }
    double[] x = new double[n];
    for (int row = n - 1; row >= 0; row--) {
      double sum = a[row][n];
      for (int k = row + 1; k < n; k++) {
        sum -= a[row][k] * x[k];
      }
      x[row] = sum / a[row][row];
    }
    return x;
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "ConfidenceModel{bias=%.2f, score=%.2f, margin=%.2f, coverage=%.2f}",
        coefficients[0], coefficients[1], coefficients[2], coefficients[3]);
  }
}
