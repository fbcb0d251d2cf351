package io.vitrine.sdk;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/** The k best-scored articles by partial sort (a heap of k), ties in candidate order. */
final class TopK {
  private TopK() {}

  static List<ScoredArticle> of(List<Article> articles, float[] scores, int k) {
    int n = Math.min(k, articles.size());
    // worst kept first: lower score, then later position
    PriorityQueue<Integer> heap = new PriorityQueue<>(n + 1, (a, b) ->
        scores[a] != scores[b] ? Float.compare(scores[a], scores[b]) : Integer.compare(b, a));
    for (int i = 0; i < articles.size(); i++) {
      if (heap.size() < n) {
        heap.add(i);
      } else if (n > 0 && (scores[i] > scores[heap.peek()])) {
        heap.poll();
        heap.add(i);
      }
    }
    List<ScoredArticle> top = new ArrayList<>(n);
    while (!heap.isEmpty()) {
      int i = heap.poll();
      top.add(new ScoredArticle(articles.get(i).id(), scores[i]));
    }
    java.util.Collections.reverse(top);
    return top;
  }
}
