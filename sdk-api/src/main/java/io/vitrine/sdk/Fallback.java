package io.vitrine.sdk;

import java.util.Comparator;
import java.util.List;

/** How to rank when the model cannot: no model yet, scorer down, or the deadline passed. */
@FunctionalInterface
public interface Fallback {
  /** The top {@code k} of {@code candidates}. */
  List<ScoredArticle> rank(List<Article> candidates, int k);

  /** Candidates in the order the source gives them (typically the editors' order); scores count down from 1. */
  static Fallback candidateOrder() {
    return (candidates, k) -> {
      List<ScoredArticle> top = new java.util.ArrayList<>();
      for (int i = 0; i < Math.min(k, candidates.size()); i++) {
        top.add(new ScoredArticle(candidates.get(i).id(), 1.0 - (double) i / candidates.size()));
      }
      return top;
    };
  }

  /** Highest value of the numeric article feature {@code key} first (e.g. recent clicks); missing counts as 0. */
  static Fallback byFeature(String key) {
    return (candidates, k) -> candidates.stream()
        .map(a -> new ScoredArticle(a.id(), a.features().get(key) instanceof Number n ? n.doubleValue() : 0))
        .sorted(Comparator.comparingDouble(ScoredArticle::score).reversed())
        .limit(k)
        .toList();
  }
}
