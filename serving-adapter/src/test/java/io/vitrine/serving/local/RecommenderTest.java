package io.vitrine.serving.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vitrine.sdk.Article;
import io.vitrine.sdk.Candidates;
import io.vitrine.sdk.Fallback;
import io.vitrine.sdk.RankRequest;
import io.vitrine.sdk.Ranking;
import io.vitrine.sdk.Recommender;
import io.vitrine.sdk.ScoredArticle;
import io.vitrine.sdk.profile.EventType;
import io.vitrine.sdk.profile.UserProfileStore;
import io.vitrine.sdk.scoring.ModelLease;
import io.vitrine.sdk.scoring.Scorer;
import io.vitrine.sdk.scoring.ScoringException;
import io.vitrine.spec.encode.FeatureEncoder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Recommender over a real LocalScorer and real TensorFlow models. */
class RecommenderTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final Candidates CANDIDATES = TestModels.articles(300);
  @TempDir Path base;

  private LocalScorer scorer() {
    return LocalScorer.builder().modelBase(base.toString()).modelName("news").pollInterval(Duration.ofMillis(50)).build();
  }

  private static UserProfileStore profiles() {
    UserProfileStore store = UserProfileStore.builder()
        .categoryOf(id -> (String) CANDIDATES.byId().get(id).features().get("article_section")).build();
    Instant now = Instant.now();
    for (Article article : CANDIDATES.articles()) {
      if (article.features().get("article_section").equals("sport")) {
        store.record("sporty", article.id(), EventType.CLICK, now.minusSeconds(60));
      }
    }
    return store;
  }

  private Recommender.Builder recommender(LocalScorer scorer) {
    return Recommender.builder().scorer(scorer).candidates(() -> CANDIDATES).users(profiles())
        .defaultDeadline(Duration.ofSeconds(5)).chunkSize(100);
  }

  @Test
  void rankingOrderMatchesTheModelsScores() {
    TestModels.publish(TestModels.first(), base.toString(), 1);
    try (LocalScorer scorer = scorer(); Recommender recommender = recommender(scorer).build()) {
      Map<String, Object> context = Map.of("device", "mobile");
      Ranking ranking = recommender.recommend(RankRequest.of("sporty", 300).withContext(context));
      assertThat(ranking.source()).isEqualTo(Ranking.Source.MODEL);
      assertThat(ranking.model()).isEqualTo("news");
      assertThat(ranking.modelVersion()).isEqualTo(1);
      assertThat(ranking.articles()).hasSize(300);
      List<Double> scores = ranking.articles().stream().map(ScoredArticle::score).toList();
      assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));

      // every score is the model's probability for that user x article row, scored on its own
      try (ModelLease lease = scorer.acquire()) {
        FeatureEncoder encoder = lease.encoder();
        Map<String, Object> user = new HashMap<>(profiles().features("sporty"));
        user.putAll(context);
        for (ScoredArticle scored : ranking.articles().subList(0, 20)) {
          Article article = CANDIDATES.byId().get(scored.articleId());
          float[] alone = lease.score(encoder.combine(encoder.encodePart(user), List.of(encoder.encodePart(article.features()))), TIMEOUT);
          // TensorFlow's kernels round differently at different batch shapes (seen: 6e-8), so not bit-exact
          assertThat(scored.score()).isCloseTo(alone[0], within(1e-6));
        }
      }
      // the trained model learned that this user reads sport
      long sportInTop10 = ranking.articles().subList(0, 10).stream()
          .filter(a -> CANDIDATES.byId().get(a.articleId()).features().get("article_section").equals("sport")).count();
      assertThat(sportInTop10).isGreaterThanOrEqualTo(8);

      Ranking top5 = recommender.recommend(RankRequest.of("sporty", 5).withContext(context));
      assertThat(top5.articles()).isEqualTo(ranking.articles().subList(0, 5));
    }
  }

  @Test
  void cachesHitAndAModelSwapInvalidatesThem() throws Exception {
    TestModels.publish(TestModels.first(), base.toString(), 1);
    try (LocalScorer scorer = scorer(); Recommender recommender = recommender(scorer).build()) {
      RankRequest request = RankRequest.of("sporty", 10);
      Ranking first = recommender.recommend(request);
      Ranking second = recommender.recommend(request);
      assertThat(first.source()).isEqualTo(Ranking.Source.MODEL);
      assertThat(second.source()).isEqualTo(Ranking.Source.CACHE);
      assertThat(second.articles()).isEqualTo(first.articles());
      recommender.recommend(RankRequest.of("someone-else", 10));
      recommender.recommend(RankRequest.of("someone-else", 10).withCandidates(List.of("a1", "a2")));
      // the whole candidate set is encoded once per model; explicit candidates reuse the article cache
      assertThat(recommender.cacheStats().get("articleEncodings").missCount()).isEqualTo(300);
      assertThat(recommender.cacheStats().get("articleEncodings").hitCount()).isEqualTo(2);
      assertThat(recommender.cacheStats().get("rankings").hitCount()).isEqualTo(1);

      TestModels.publish(TestModels.second(), base.toString(), 2);
      scorer.poll();
      Ranking afterSwap = recommender.recommend(request);
      assertThat(afterSwap.source()).isEqualTo(Ranking.Source.MODEL);
      assertThat(afterSwap.modelVersion()).isEqualTo(2);
      assertThat(afterSwap.articles()).isNotEqualTo(first.articles());
      assertThat(recommender.cacheStats().get("articleEncodings").missCount()).isEqualTo(600);
    }
  }

  @Test
  void aRankingTtlOfZeroScoresEveryRequest() {
    TestModels.publish(TestModels.first(), base.toString(), 1);
    try (LocalScorer scorer = scorer(); Recommender recommender = recommender(scorer).rankingTtl(Duration.ZERO).build()) {
      RankRequest request = RankRequest.of("sporty", 10);
      Ranking first = recommender.recommend(request);
      Ranking second = recommender.recommend(request);
      assertThat(List.of(first.source(), second.source())).containsOnly(Ranking.Source.MODEL);
      assertThat(second.articles()).isEqualTo(first.articles());
      assertThat(recommender.cacheStats().get("rankings").requestCount()).isZero();
    }
  }

  @Test
  void aPassedDeadlineAnswersWithTheFlaggedFallback() {
    TestModels.publish(TestModels.first(), base.toString(), 1);
    try (LocalScorer scorer = scorer();
         Recommender recommender = recommender(scorer).fallback(Fallback.byFeature("article_popularity")).build()) {
      Ranking ranking = recommender.recommend(RankRequest.of("sporty", 5).withDeadline(Duration.ofNanos(1)));
      assertThat(ranking.source()).isEqualTo(Ranking.Source.FALLBACK);
      assertThat(ranking.fallbackReason()).contains("deadline of 0 ms passed");
      assertThat(ranking.articles()).hasSize(5);
      assertThat(ranking.articles().stream().map(ScoredArticle::score).toList())
          .isSortedAccordingTo((a, b) -> Double.compare(b, a));
      assertThat(ranking.articles().get(0).score())
          .isEqualTo(CANDIDATES.articles().stream().mapToDouble(a -> (Double) a.features().get("article_popularity")).max().orElseThrow());
    }
  }

  @Test
  void withoutAModelTheFallbackAnswersOrTheCallerIsToldWhenConfiguredSo() {
    try (LocalScorer scorer = scorer(); Recommender recommender = recommender(scorer).build()) {
      Ranking ranking = recommender.recommend(RankRequest.of("sporty", 3));
      assertThat(ranking.isFallback()).isTrue();
      assertThat(ranking.fallbackReason()).startsWith("no model: no version of model 'news'");
      assertThat(ranking.articles()).extracting(ScoredArticle::articleId).containsExactly("a0", "a1", "a2");
    }
    try (LocalScorer scorer = scorer(); Recommender strict = recommender(scorer).throwOnFailure(true).build()) {
      assertThatThrownBy(() -> strict.recommend(RankRequest.of("sporty", 3))).isInstanceOf(ScoringException.class);
    }
  }

  @Test
  void anUnknownUserGetsColdStartFeatures() {
    TestModels.publish(TestModels.first(), base.toString(), 1);
    try (LocalScorer scorer = scorer(); Recommender recommender = recommender(scorer).build()) {
      Ranking ranking = recommender.recommend(RankRequest.of("never-seen", 10));
      assertThat(ranking.source()).isEqualTo(Ranking.Source.MODEL);
      assertThat(ranking.articles()).hasSize(10);
    }
  }

  @Test
  void aFailingUserFeatureSourceCostsPersonalizationNotTheRequest() {
    TestModels.publish(TestModels.first(), base.toString(), 1);
    try (LocalScorer scorer = scorer();
         Recommender recommender = recommender(scorer).users(id -> {
           throw new IllegalStateException("profile service down");
         }).build()) {
      Ranking ranking = recommender.recommend(RankRequest.of("anyone", 5));
      assertThat(ranking.source()).isEqualTo(Ranking.Source.MODEL);
      assertThat(ranking.articles()).hasSize(5);
    }
  }

  @Test
  void badRequestsAreClearErrors() {
    TestModels.publish(TestModels.first(), base.toString(), 1);
    try (LocalScorer scorer = scorer(); Recommender recommender = recommender(scorer).build()) {
      assertThatThrownBy(() -> RankRequest.of("u", 0)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("k must be positive");
      assertThatThrownBy(() -> recommender.recommend(RankRequest.of("u", 3).withCandidates(List.of("a1", "gone"))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("candidate 'gone' is not a current article");
      Ranking explicit = recommender.recommend(RankRequest.of("u", 5).withCandidates(List.of("a7", "a3")));
      assertThat(explicit.articles()).extracting(ScoredArticle::articleId).containsExactlyInAnyOrder("a7", "a3");
      Ranking none = recommender.recommend(RankRequest.of("u", 5).withCandidates(List.of()));
      assertThat(none.articles()).isEmpty();
      assertThat(none.source()).isEqualTo(Ranking.Source.MODEL);
    }
  }

  @Test
  void badFeaturesFallBackWithTheReason() {
    TestModels.publish(TestModels.first(), base.toString(), 1);
    try (LocalScorer scorer = scorer(); Recommender recommender = recommender(scorer).build()) {
      Ranking ranking = recommender.recommend(RankRequest.of("u", 3).withContext(Map.of("device", 42)));
      assertThat(ranking.isFallback()).isTrue();
      assertThat(ranking.fallbackReason()).contains("column 'device': expected a string, got Integer 42");
    }
  }

  @Test
  void aScorerThatThrowsAnyExceptionAnswersWithTheFallback() {
    TestModels.publish(TestModels.first(), base.toString(), 1);
    try (LocalScorer real = scorer()) {
      real.awaitModel(Duration.ofSeconds(30));
      // an application's own scorer that fails with an unchecked exception of its own kind
      Scorer failing = new Scorer() {
        @Override
        public ModelLease acquire() {
          ModelLease lease = real.acquire();
          return new ModelLease() {
            @Override
            public String modelName() {
              return lease.modelName();
            }

            @Override
            public long version() {
              return lease.version();
            }

            @Override
            public io.vitrine.spec.encode.FeatureEncoder encoder() {
              return lease.encoder();
            }

            @Override
            public float[] score(io.vitrine.spec.encode.EncodedBatch batch, Duration timeout) {
              throw new IllegalStateException("backend exploded");
            }

            @Override
            public void close() {
              lease.close();
            }
          };
        }

        @Override
        public void close() {}
      };
      try (Recommender recommender = Recommender.builder().scorer(failing).candidates(() -> CANDIDATES)
          .users(profiles()).chunkSize(100).build()) {
        Ranking ranking = recommender.recommend(RankRequest.of("u", 3));
        assertThat(ranking.isFallback()).isTrue();
        assertThat(ranking.fallbackReason()).contains("backend exploded");
      }
    }
  }

  @Test
  void hotSwapUnderConcurrentRecommendationsFailsNoRequest() throws Exception {
    TestModels.publish(TestModels.first(), base.toString(), 1);
    TestModels.second();
    try (LocalScorer scorer = scorer();
         Recommender recommender = recommender(scorer).rankingTtl(Duration.ZERO).build()) {
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<Long>> workers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        workers.add(pool.submit(() -> {
          long served = 0;
          long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
          while (!stop.get() && System.nanoTime() < until && served < 50_000) {
            Ranking ranking = recommender.recommend(RankRequest.of("user-" + thread, 10));
            if (ranking.isFallback() || ranking.articles().size() != 10) {
              throw new AssertionError("request failed: " + ranking);
            }
            served++;
          }
          return served;
        }));
      }
      Thread.sleep(200);
      TestModels.publish(TestModels.second(), base.toString(), 2);
      TestModels.awaitVersion(scorer, 2);
      stop.set(true);
      long served = 0;
      for (Future<Long> worker : workers) {
        served += worker.get();
      }
      pool.shutdown();
      assertThat(served).isPositive();
      assertThat(recommender.recommend(RankRequest.of("user-0", 10)).modelVersion()).isEqualTo(2);
    }
  }
}
