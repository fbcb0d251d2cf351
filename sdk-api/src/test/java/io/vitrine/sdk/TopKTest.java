package io.vitrine.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopKTest {
  @Test
  void topKEqualsAFullSortBestFirstTiesInCandidateOrder() {
    Random random = new Random(1);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + random.nextInt(300);
      List<Article> articles = new ArrayList<>();
      float[] scores = new float[n];
      for (int i = 0; i < n; i++) {
        articles.add(new Article("a" + i, 1, Map.of()));
        scores[i] = random.nextInt(20) / 20f;
      }
      int k = 1 + random.nextInt(n + 5);
      List<String> expected = IntStream.range(0, n).boxed()
          .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
          .limit(k).map(i -> "a" + i).toList();
      assertThat(TopK.of(articles, scores, k)).extracting(ScoredArticle::articleId).isEqualTo(expected);
    }
  }
}
