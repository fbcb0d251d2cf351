package io.vitrine.examples.portal;

import io.vitrine.sdk.scoring.ModelLease;
import io.vitrine.trainer.eval.Metrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Offline metrics on held-out visits: AUC over all impressions, and NDCG@10 of each visit's slate re-ranked by a
 * scoring (visits with at least one click), for the deployed model and for a popularity baseline.
 */
public final class OfflineEvaluation {
  /** The metrics of one way of scoring. */
  public record Result(String name, double auc, double ndcgAt10, int visits) {}

  /** Scores every row of a slate. */
  @FunctionalInterface
  interface SlateScorer {
    float[] score(List<Map<String, Object>> rows);
  }

  private OfflineEvaluation() {}

  /** The model, through the serving path: the model's own encoder and scorer. */
  public static Result model(ModelLease lease, List<PortalWorld.Slate> slates) {
    return evaluate("wide & deep v" + lease.version(), slates, rows -> lease.score(lease.encoder().encode(rows), Duration.ofMinutes(1)));
  }

  /** Articles ordered by their clicks in the last 24 hours. */
  public static Result popularity(List<PortalWorld.Slate> slates) {
    return evaluate("popularity", slates, rows -> {
      float[] scores = new float[rows.size()];
      for (int i = 0; i < scores.length; i++) {
        scores[i] = ((Number) rows.get(i).get("article_popularity")).floatValue();
      }
      return scores;
    });
  }

  static Result evaluate(String name, List<PortalWorld.Slate> slates, SlateScorer scorer) {
    List<Float> allScores = new ArrayList<>();
    List<Float> allLabels = new ArrayList<>();
    double ndcgSum = 0;
    int visits = 0;
    for (PortalWorld.Slate slate : slates) {
      List<Map<String, Object>> rows = slate.rows();
      float[] scores = scorer.score(rows);
      int[] labels = rows.stream().mapToInt(r -> ((Number) r.get("clicked")).intValue()).toArray();
      for (int i = 0; i < scores.length; i++) {
        allScores.add(scores[i]);
        allLabels.add((float) labels[i]);
      }
      if (IntStream.of(labels).sum() > 0) {
        ndcgSum += ndcgAt10(scores, labels, rows);
        visits++;
      }
    }
    float[] s = new float[allScores.size()];
    float[] y = new float[allLabels.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = allScores.get(i);
      y[i] = allLabels.get(i);
    }
    return new Result(name, Metrics.of(s, y).auc(), visits == 0 ? Double.NaN : ndcgSum / visits, visits);
  }

  /** Ties are broken by article id, not by the position shown (which carries position bias). */
  static double ndcgAt10(float[] scores, int[] labels, List<Map<String, Object>> rows) {
    List<Integer> order = new ArrayList<>(IntStream.range(0, scores.length).boxed().toList());
    order.sort(Comparator.<Integer>comparingDouble(i -> -scores[i])
        .thenComparing(i -> (String) rows.get(i).get("article_id")));
    double dcg = 0;
    int relevant = 0;
    for (int rank = 0; rank < Math.min(10, order.size()); rank++) {
      dcg += labels[order.get(rank)] / log2(rank + 2);
    }
    for (int label : labels) {
      relevant += label;
    }
    double ideal = 0;
    for (int rank = 0; rank < Math.min(10, relevant); rank++) {
      ideal += 1 / log2(rank + 2);
    }
    return dcg / ideal;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
