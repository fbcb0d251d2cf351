package io.vitrine.sdk;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.vitrine.sdk.scoring.ModelLease;
import io.vitrine.sdk.scoring.Scorer;
import io.vitrine.sdk.scoring.ScoringException;
import io.vitrine.spec.encode.FeatureEncoder;
import io.vitrine.spec.encode.FeatureEncodingException;
import io.vitrine.spec.encode.PartialEncoding;
import io.vitrine.spec.encode.PreparedArticles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ranks a portal's articles for a visitor: computes the user's features, encodes user × article rows with the
 * model's own spec (user part once, article parts from a cache), scores them, and returns the top k. Caches
 * user features, article encodings (per article, and prepared per candidate-set version) and whole rankings;
 * falls back (flagged in the answer) when the model cannot answer in time. Thread-safe; build one and share it.
 *
 * <pre>{@code
 * Recommender recommender = Recommender.builder()
 *     .scorer(localScorer).candidates(cms::currentArticles).users(profileStore)
 *     .defaultDeadline(Duration.ofMillis(30)).build();
 * Ranking top10 = recommender.recommend(RankRequest.of("user-42", 10).withContext(Map.of("device", "mobile")));
 * }</pre>
 */
public final class Recommender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Recommender.class);

  private final Scorer scorer;
  private final CandidateSource candidates;
  private final UserFeatureSource users;
  private final Duration defaultDeadline;
  private final Fallback fallback;
  private final boolean throwOnFailure;
  private final int chunkSize;
  private final ExecutorService scoringPool;
  private final Cache<String, Map<String, Object>> userFeatures;
  private final Cache<ArticleKey, PartialEncoding> articleEncodings;
  private final Cache<CandidatesKey, List<PreparedArticles>> candidateEncodings;
  private final Cache<RankingKey, Ranking> rankings;
  private final boolean cacheRankings;
  private final AtomicReference<String> lastModel = new AtomicReference<>();

  private Recommender(Builder b) {
    this.scorer = b.scorer;
    this.candidates = b.candidates;
    this.users = b.users;
    this.defaultDeadline = b.defaultDeadline;
    this.fallback = b.fallback;
    this.throwOnFailure = b.throwOnFailure;
    this.chunkSize = b.chunkSize;
    this.scoringPool = Executors.newFixedThreadPool(b.scoringThreads, runnable -> {
      Thread thread = new Thread(runnable, "vitrine-scoring");
      thread.setDaemon(true);
      return thread;
    });
    this.userFeatures = Caffeine.newBuilder().maximumSize(b.userCacheSize).expireAfterWrite(b.userFeaturesTtl)
        .recordStats().build();
    this.articleEncodings = Caffeine.newBuilder().maximumSize(b.articleCacheSize).recordStats().build();
    this.candidateEncodings = Caffeine.newBuilder().maximumSize(4).build();
    this.cacheRankings = !b.rankingTtl.isZero();
    this.rankings = Caffeine.newBuilder().maximumSize(b.rankingCacheSize).expireAfterWrite(b.rankingTtl)
        .recordStats().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The top {@code request.k()} articles for the request's user. Never throws for scoring problems (unless built
   * with {@code throwOnFailure}): the fallback answers and {@link Ranking#source()} says so.
   *
   * @throws IllegalArgumentException when explicit candidate ids are not current candidates
   */
  public Ranking recommend(RankRequest request) {
    Duration budget = request.deadline() != null ? request.deadline() : defaultDeadline;
    long deadline = System.nanoTime() + budget.toNanos();
    Candidates current = candidates.current();
    List<Article> pool = pool(request, current);
    ModelLease lease;
    try {
      lease = scorer.acquire();
    } catch (ScoringException e) {
      return fallback(request, pool, "no model: " + e.getMessage(), e);
    }
    boolean handedOver = false;
    try {
      String model = lease.modelName() + "@" + lease.version();
      onModel(model);
      RankingKey key = new RankingKey(request.userId(), request.k(), request.context(), request.candidateIds(),
          current.version(), model);
      Ranking cached = cacheRankings ? rankings.getIfPresent(key) : null;
      if (cached != null) {
        return new Ranking(cached.articles(), cached.model(), cached.modelVersion(), Ranking.Source.CACHE, null);
      }
      FeatureEncoder encoder = lease.encoder();
      PartialEncoding user = encoder.encodePart(userPart(request));
      List<PreparedArticles> chunks = request.candidateIds() == null
          ? candidateEncodings.get(new CandidatesKey(model, current.version()), k -> prepare(encoder, model, pool))
          : prepare(encoder, model, pool);
      handedOver = true;
      float[] probabilities = score(lease, user, chunks, pool.size(), deadline);
      Ranking ranking = new Ranking(TopK.of(pool, probabilities, request.k()), lease.modelName(), lease.version(),
          Ranking.Source.MODEL, null);
      if (cacheRankings) {
        rankings.put(key, ranking);
      }
      return ranking;
    } catch (TimeoutException e) {
      return fallback(request, pool, deadlinePassed(budget), e);
    } catch (ExecutionException e) {
      return failed(request, pool, e.getCause(), budget, deadline);
    } catch (RuntimeException e) {
      // a scorer's own failure (a ScoringException, or any other it lets through) or bad feature values
      return failed(request, pool, e, budget, deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fallback(request, pool, "interrupted", e);
    } finally {
      if (!handedOver) {
        lease.close();
      }
    }
  }

  /** Hit and miss counts of the "userFeatures", "articleEncodings" and "rankings" caches. */
  public Map<String, CacheStats> cacheStats() {
    return Map.of("userFeatures", userFeatures.stats(), "articleEncodings", articleEncodings.stats(),
        "rankings", rankings.stats());
  }

  /** Forgets a user's cached features and rankings, e.g. right after recording a click. */
  public void invalidateUser(String userId) {
    userFeatures.invalidate(userId);
    rankings.asMap().keySet().removeIf(key -> key.userId().equals(userId));
  }

  @Override
  public void close() {
    scoringPool.shutdownNow();
  }

  private List<Article> pool(RankRequest request, Candidates current) {
    if (request.candidateIds() == null) {
      return current.articles();
    }
    List<Article> pool = new ArrayList<>(request.candidateIds().size());
    for (String id : request.candidateIds()) {
      Article article = current.byId().get(id);
      if (article == null) {
        throw new IllegalArgumentException("candidate '" + id + "' is not a current article");
      }
      pool.add(article);
    }
    return pool;
  }

  /**
   * The encodings of {@code articles} (each from the article cache), prepared for combining in chunks of at most
   * {@code chunkSize}, to be scored in parallel.
   */
  private List<PreparedArticles> prepare(FeatureEncoder encoder, String model, List<Article> articles) {
    List<PartialEncoding> encoded = new ArrayList<>(articles.size());
    for (Article article : articles) {
      encoded.add(articleEncodings.get(new ArticleKey(model, article.id(), article.version()),
          k -> encoder.encodePart(article.features())));
    }
    int n = encoded.size();
    int chunks = Math.max(1, (n + chunkSize - 1) / chunkSize);
    List<PreparedArticles> prepared = new ArrayList<>(chunks);
    for (int c = 0; c < chunks; c++) {
      prepared.add(encoder.prepare(encoded.subList(c * n / chunks, (c + 1) * n / chunks)));
    }
    return List.copyOf(prepared);
  }

  private Map<String, Object> userPart(RankRequest request) {
    Map<String, Object> features = userFeatures.get(request.userId(), this::userFeaturesOrColdStart);
    if (request.context().isEmpty()) {
      return features;
    }
    Map<String, Object> merged = new HashMap<>(features);
    merged.putAll(request.context());
    return merged;
  }

  /** A user feature source that fails costs the user personalization, not the request. */
  private Map<String, Object> userFeaturesOrColdStart(String userId) {
    try {
      return users.features(userId);
    } catch (RuntimeException e) {
      LOG.warn("user features of {} failed, ranking with cold-start defaults: {}", userId, e.toString());
      return Map.of();
    }
  }

  /**
   * Scores all {@code n} rows, a chunk at a time: every chunk but the last goes to the scoring pool, the last is
   * scored on the calling thread, each with the time left before {@code deadline} (the scorer enforces it). The
   * lease is closed when every chunk is done.
   */
  private float[] score(ModelLease lease, PartialEncoding user, List<PreparedArticles> chunks, int n, long deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<CompletableFuture<float[]>> others = new ArrayList<>(chunks.size() - 1);
    try {
      if (n == 0) {
        return new float[0];
      }
      for (PreparedArticles chunk : chunks.subList(0, chunks.size() - 1)) {
        others.add(CompletableFuture.supplyAsync(() -> scoreChunk(lease, user, chunk, deadline), scoringPool));
      }
      float[] scores = new float[n];
      float[] last = scoreChunk(lease, user, chunks.get(chunks.size() - 1), deadline);
      System.arraycopy(last, 0, scores, n - last.length, last.length);
      int offset = 0;
      for (CompletableFuture<float[]> part : others) {
        float[] chunk = part.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        System.arraycopy(chunk, 0, scores, offset, chunk.length);
        offset += chunk.length;
      }
      return scores;
    } finally {
      CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).whenComplete((v, error) -> lease.close());
    }
  }

  private static float[] scoreChunk(ModelLease lease, PartialEncoding user, PreparedArticles chunk, long deadline) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new ScoringException("no time left to score");
    }
    return lease.score(lease.encoder().combine(user, chunk), Duration.ofNanos(left));
  }

  private void onModel(String model) {
    String previous = lastModel.getAndSet(model);
    if (previous != null && !previous.equals(model)) {
      LOG.info("model changed from {} to {}: dropping cached encodings and rankings", previous, model);
      articleEncodings.invalidateAll();
      candidateEncodings.invalidateAll();
      rankings.invalidateAll();
    }
  }

  /** A failed scoring call answers with the fallback; past the deadline, the deadline is the reason. */
  private Ranking failed(RankRequest request, List<Article> pool, Throwable cause, Duration budget, long deadline) {
    if (System.nanoTime() - deadline >= 0) {
      return fallback(request, pool, deadlinePassed(budget), cause);
    }
    String reason = cause instanceof FeatureEncodingException ? cause.getMessage() : "scoring failed: " + cause.getMessage();
    return fallback(request, pool, reason, cause);
  }

  private static String deadlinePassed(Duration budget) {
    return "deadline of " + budget.toMillis() + " ms passed";
  }

  private Ranking fallback(RankRequest request, List<Article> pool, String reason, Throwable cause) {
    if (throwOnFailure) {
      throw cause instanceof ScoringException s ? s : new ScoringException(reason, cause);
    }
    LOG.debug("fallback for user {}: {}", request.userId(), reason);
    return new Ranking(fallback.rank(pool, request.k()), null, 0, Ranking.Source.FALLBACK, reason);
  }

  private record ArticleKey(String model, String articleId, long articleVersion) {}

  /** A whole candidate set's encodings: one cache lookup per request instead of one per article. */
  private record CandidatesKey(String model, long candidatesVersion) {}

  private record RankingKey(String userId, int k, Map<String, Object> context, List<String> candidateIds,
      long candidatesVersion, String model) {}

  /** Settings of a {@link Recommender}; scorer, candidates and users are required. */
  public static final class Builder {
    private Scorer scorer;
    private CandidateSource candidates;
    private UserFeatureSource users;
    private Duration defaultDeadline = Duration.ofMillis(50);
    private Fallback fallback = Fallback.candidateOrder();
    private boolean throwOnFailure;
    private int chunkSize = 500;
    private int scoringThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
    private long userCacheSize = 100_000;
    private Duration userFeaturesTtl = Duration.ofSeconds(10);
    private long articleCacheSize = 200_000;
    private long rankingCacheSize = 100_000;
    private Duration rankingTtl = Duration.ofSeconds(5);

    public Builder scorer(Scorer scorer) {
      this.scorer = scorer;
      return this;
    }

    public Builder candidates(CandidateSource candidates) {
      this.candidates = candidates;
      return this;
    }

    public Builder users(UserFeatureSource users) {
      this.users = users;
      return this;
    }

    /** How long a request may take when it names no deadline (default 50 ms). */
    public Builder defaultDeadline(Duration deadline) {
      this.defaultDeadline = deadline;
      return this;
    }

    /** Who answers when the model cannot (default: the candidates' own order). */
    public Builder fallback(Fallback fallback) {
      this.fallback = fallback;
      return this;
    }

    /** Throw {@link ScoringException} instead of answering with the fallback. */
    public Builder throwOnFailure(boolean throwOnFailure) {
      this.throwOnFailure = throwOnFailure;
      return this;
    }

    /**
     * Candidate sets larger than this are scored in parallel chunks, one on the calling thread and the others on
     * the scoring pool (default 500).
     */
    public Builder chunkSize(int rows) {
      this.chunkSize = rows;
      return this;
    }

    /** Threads of the scoring pool, which scores all chunks but the caller's (default: the cores, at least 2). */
    public Builder scoringThreads(int threads) {
      this.scoringThreads = threads;
      return this;
    }

    /** How long a user's computed features are reused (default 10 s); 0 disables the cache. */
    public Builder userFeaturesTtl(Duration ttl) {
      this.userFeaturesTtl = ttl;
      return this;
    }

    /** How long a ranking is reused for the same user, context, candidates and model (default 5 s); 0 disables. */
    public Builder rankingTtl(Duration ttl) {
      this.rankingTtl = ttl;
      return this;
    }

    /** Cache sizes: users, article encodings, rankings. */
    public Builder cacheSizes(long users, long articles, long rankings) {
      this.userCacheSize = users;
      this.articleCacheSize = articles;
      this.rankingCacheSize = rankings;
      return this;
    }

    public Recommender build() {
      if (scorer == null || candidates == null || users == null) {
        throw new IllegalArgumentException("scorer, candidates and users are required");
      }
      if (defaultDeadline == null || defaultDeadline.isNegative() || defaultDeadline.isZero()) {
        throw new IllegalArgumentException("defaultDeadline must be positive, got " + defaultDeadline);
      }
      if (chunkSize <= 0 || scoringThreads <= 0) {
        throw new IllegalArgumentException("chunkSize and scoringThreads must be positive");
      }
      if (fallback == null) {
        throw new IllegalArgumentException("fallback is required");
      }
      return new Recommender(this);
    }
  }
}
