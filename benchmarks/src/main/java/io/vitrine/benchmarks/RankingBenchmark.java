package io.vitrine.benchmarks;

import io.vitrine.examples.portal.PortalSpec;
import io.vitrine.sdk.Article;
import io.vitrine.sdk.Candidates;
import io.vitrine.sdk.RankRequest;
import io.vitrine.sdk.Ranking;
import io.vitrine.sdk.Recommender;
import io.vitrine.sdk.scoring.ModelLease;
import io.vitrine.serving.local.LocalScorer;
import io.vitrine.spec.FeatureSpec;
import io.vitrine.spec.encode.EncodedBatch;
import io.vitrine.spec.encode.FeatureEncoder;
import io.vitrine.spec.encode.PreparedArticles;
import io.vitrine.trainer.Trainer;
import io.vitrine.trainer.TrainingConfig;
import io.vitrine.trainer.export.ServingCall;
import io.vitrine.trainer.graph.BatchTensors;
import io.vitrine.trainer.input.ParquetRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tensorflow.SavedModelBundle;

/**
 * Ranking one user's candidates with the portal model: {@code recommend} with a cold ranking cache (article
 * encodings cached, as in production), the raw TensorFlow call on the same rows as pre-built tensors, and a
 * ranking-cache hit. Sample mode: the output has p50 and p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = "-Xmx4g")
public class RankingBenchmark {
  @Param({"100", "1000"})
  public int candidates;

  /** Candidate sets larger than this are scored in parallel chunks. */
  @Param({"250", "500", "1000"})
  public int chunkSize;

  private Path dir;
  private LocalScorer scorer;
  private Recommender cold;
  private Recommender cached;
  private SavedModelBundle bundle;
  private ServingCall serving;
  private BatchTensors tensors;
  private RankRequest request;
  private PreparedArticles preparedArticles;
  private Map<String, Object> userPart;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    FeatureSpec spec = PortalSpec.spec();
    dir = Files.createTempDirectory("vitrine-ranking-bench-");
    Configuration conf = new Configuration();
    Random random = new Random(3);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < 4_000; i++) {
      Map<String, Object> row = new HashMap<>(user(random));
      row.putAll(article(random, i).features());
      row.put("clicked", random.nextInt(2));
      rows.add(row);
    }
    String data = dir.resolve("train.parquet").toString();
    ParquetRows.write(conf, data, spec.trainingSchema(), rows);
    new Trainer(spec, TrainingConfig.builder().trainData(data).maxSteps(30).modelBase(dir.toString()).build(), conf).train();

    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < candidates; i++) {
      articles.add(article(random, i));
    }
    Candidates pool = new Candidates(1, articles);
    Map<String, Object> user = user(random);
    scorer = LocalScorer.builder().modelBase(dir.toString()).modelName("portal").build().awaitModel(Duration.ofSeconds(30));
    cold = Recommender.builder().scorer(scorer).candidates(() -> pool).users(id -> user)
        .rankingTtl(Duration.ZERO).chunkSize(chunkSize).defaultDeadline(Duration.ofSeconds(1)).build();
    cached = Recommender.builder().scorer(scorer).candidates(() -> pool).users(id -> user)
        .rankingTtl(Duration.ofHours(1)).defaultDeadline(Duration.ofSeconds(1)).build();
    request = RankRequest.of("reader", 10).withContext(Map.of("device", "mobile", "hour", 20));

    bundle = SavedModelBundle.load(dir.resolve("portal/1").toString(), "serve");
    serving = new ServingCall(bundle);
    try (ModelLease lease = scorer.acquire()) {
      FeatureEncoder encoder = lease.encoder();
      Map<String, Object> userPart = new HashMap<>(user);
      userPart.putAll(request.context());
      preparedArticles = encoder.prepare(articles.stream().map(a -> encoder.encodePart(a.features())).toList());
      this.userPart = userPart;
      tensors = new BatchTensors(encoder.combine(encoder.encodePart(userPart), preparedArticles));
    }
    cold.recommend(request);
    cached.recommend(request);
  }

  static Map<String, Object> user(Random random) {
    List<String> sections = new ArrayList<>();
    List<String> recent = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      sections.add(PortalSpec.SECTIONS.get(random.nextInt(PortalSpec.SECTIONS.size())));
      recent.add("a" + random.nextInt(5_000));
    }
    return Map.of("user_recent_sections", sections, "user_recent_articles", recent, "user_visits_30d", 12.0,
        "user_days_since_last_visit", 1.5, "device", "mobile", "hour", 20);
  }

  static Article article(Random random, int i) {
    String section = PortalSpec.SECTIONS.get(random.nextInt(PortalSpec.SECTIONS.size()));
    return new Article("a" + i, 1, Map.of("article_id", "a" + i, "article_section", section,
        "article_tags", List.of(section + "-" + random.nextInt(30), section + "-" + random.nextInt(30)),
        "article_age_hours", random.nextDouble() * 72, "article_popularity", (double) random.nextInt(300)));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    tensors.close();
    bundle.close();
    cold.close();
    cached.close();
    scorer.close();
  }

  /** The SDK path with a cold ranking cache: user features, encoding, parallel scoring, top-k. */
  @Benchmark
  public Ranking recommendColdRankingCache() {
    return cold.recommend(request);
  }

  /** The TensorFlow call alone on the same rows, already as tensors (the SDK's own lean call). */
  @Benchmark
  public float[] rawSessionCall() {
    return serving.probabilities(tensors.features());
  }

  /** Encoding and scoring through a model lease on the calling thread: the SDK's work without its hand-off. */
  @Benchmark
  public float[] encodeAndScoreInline() {
    try (ModelLease lease = scorer.acquire()) {
      FeatureEncoder encoder = lease.encoder();
      return lease.score(encoder.combine(encoder.encodePart(userPart), preparedArticles), Duration.ofSeconds(1));
    }
  }

  /** A repeated request answered from the ranking cache. */
  @Benchmark
  public Ranking recommendRankingCacheHit() {
    return cached.recommend(request);
  }
}
