package io.vitrine.benchmarks;

import io.vitrine.examples.portal.PortalSpec;
import io.vitrine.spec.encode.EncodedBatch;
import io.vitrine.spec.encode.FeatureEncoder;
import io.vitrine.spec.encode.PartialEncoding;
import io.vitrine.spec.encode.PreparedArticles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding one user against 1,000 candidate articles with the portal spec (15 columns, 3 crosses, a user bag
 * of 20 recent sections). Scores are rows per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EncodingBenchmark {
  static final int ARTICLES = 1_000;

  private FeatureEncoder encoder;
  private Map<String, Object> user;
  private List<Map<String, Object>> articles;
  private List<PartialEncoding> cachedArticles;
  private PreparedArticles preparedArticles;

  @Setup
  public void setUp() {
    encoder = PortalSpec.spec().encoder();
    Random random = new Random(1);
    List<String> recentSections = new ArrayList<>();
    List<String> recentArticles = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      recentSections.add(PortalSpec.SECTIONS.get(random.nextInt(PortalSpec.SECTIONS.size())));
      recentArticles.add("a-" + random.nextInt(50_000));
    }
    user = new HashMap<>();
    user.put("user_recent_sections", recentSections);
    user.put("user_recent_articles", recentArticles);
    user.put("user_visits_30d", 14);
    user.put("user_days_since_last_visit", 0.8);
    user.put("device", "mobile");
    user.put("hour", 21);
    articles = new ArrayList<>();
    for (int i = 0; i < ARTICLES; i++) {
      Map<String, Object> article = new HashMap<>();
      article.put("article_id", "a-" + (60_000 + i));
      article.put("article_section", PortalSpec.SECTIONS.get(random.nextInt(PortalSpec.SECTIONS.size())));
      article.put("article_tags", List.of("tag-" + random.nextInt(500), "tag-" + random.nextInt(500), "tag-" + random.nextInt(500)));
      article.put("article_age_hours", random.nextDouble() * 200);
      article.put("article_popularity", random.nextInt(5_000));
      articles.add(article);
    }
    cachedArticles = articles.stream().map(encoder::encodePart).toList();
    preparedArticles = encoder.prepare(cachedArticles);
  }

  /** User part and all 1,000 article parts encoded from raw maps, then combined. */
  @Benchmark
  @OperationsPerInvocation(ARTICLES)
  public EncodedBatch freshArticleEncodings() {
    List<PartialEncoding> parts = new ArrayList<>(ARTICLES);
    for (Map<String, Object> article : articles) {
      parts.add(encoder.encodePart(article));
    }
    return encoder.combine(encoder.encodePart(user), parts);
  }

  /** User part encoded from its raw map; article parts come from a cache. */
  @Benchmark
  @OperationsPerInvocation(ARTICLES)
  public EncodedBatch cachedArticleEncodings() {
    return encoder.combine(encoder.encodePart(user), cachedArticles);
  }

  /** User part encoded from its raw map; articles prepared once for the candidate set, as the SDK caches them. */
  @Benchmark
  @OperationsPerInvocation(ARTICLES)
  public EncodedBatch preparedArticles() {
    return encoder.combine(encoder.encodePart(user), preparedArticles);
  }
}
