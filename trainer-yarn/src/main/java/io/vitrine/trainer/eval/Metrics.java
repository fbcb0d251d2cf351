package io.vitrine.trainer.eval;

import java.util.Arrays;

/**
 * Binary classification metrics of predicted probabilities against 0/1 labels.
 *
 * @param examples the number of examples
 * @param auc the area under the ROC curve (ties count half)
 * @param logLoss the mean negative log-likelihood (probabilities clipped to [1e-7, 1 - 1e-7])
 * @param accuracy the fraction classified right at threshold 0.5
 * @param precision true positives over predicted positives at 0.5
 * @param recall true positives over actual positives at 0.5
 * @param meanPrediction the mean predicted probability
 * @param meanLabel the fraction of positive labels
 */
public record Metrics(long examples, double auc, double logLoss, double accuracy, double precision, double recall,
    double meanPrediction, double meanLabel) {

  /** Computes the metrics; {@code labels} are 0 or 1. */
  public static Metrics of(float[] probabilities, float[] labels) {
    int n = probabilities.length;
    if (n != labels.length) {
      throw new IllegalArgumentException(n + " predictions but " + labels.length + " labels");
    }
    double logLoss = 0;
    double sumPrediction = 0;
    long positives = 0;
    long truePositives = 0;
    long predictedPositives = 0;
    long correct = 0;
    for (int i = 0; i < n; i++) {
      double p = Math.min(Math.max(probabilities[i], 1e-7), 1 - 1e-7);
      boolean positive = labels[i] > 0.5f;
      boolean predicted = probabilities[i] >= 0.5f;
      logLoss -= positive ? Math.log(p) : Math.log(1 - p);
      sumPrediction += probabilities[i];
      positives += positive ? 1 : 0;
      predictedPositives += predicted ? 1 : 0;
      truePositives += positive && predicted ? 1 : 0;
      correct += positive == predicted ? 1 : 0;
    }
    return new Metrics(n, auc(probabilities, labels, positives), n == 0 ? Double.NaN : logLoss / n,
        n == 0 ? Double.NaN : (double) correct / n,
        predictedPositives == 0 ? 0 : (double) truePositives / predictedPositives,
        positives == 0 ? 0 : (double) truePositives / positives,
        n == 0 ? Double.NaN : sumPrediction / n, n == 0 ? Double.NaN : (double) positives / n);
  }

  /** Mann-Whitney: the probability that a random positive scores above a random negative. */
  private static double auc(float[] probabilities, float[] labels, long positives) {
    int n = probabilities.length;
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Float.compare(probabilities[a], probabilities[b]));
    double rankSumPositives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && probabilities[order[j + 1]] == probabilities[order[i]]) {
        j++;
      }
      double averageRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (labels[order[k]] > 0.5f) {
          rankSumPositives += averageRank;
        }
      }
      i = j + 1;
    }
    return (rankSumPositives - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  @Override
  public String toString() {
    return String.format("examples %d, AUC %.4f, log loss %.4f, accuracy %.4f, precision %.4f, recall %.4f,"
        + " mean prediction %.4f, mean label %.4f", examples, auc, logLoss, accuracy, precision, recall,
        meanPrediction, meanLabel);
  }
}
