package io.vitrine.serving.local;

import static io.vitrine.spec.column.FeatureColumns.categoricalWithHashBucket;
import static io.vitrine.spec.column.FeatureColumns.categoricalWithVocabularyList;
import static io.vitrine.spec.column.FeatureColumns.crossed;
import static io.vitrine.spec.column.FeatureColumns.embedding;
import static io.vitrine.spec.column.FeatureColumns.numeric;

import io.vitrine.sdk.Article;
import io.vitrine.sdk.Candidates;
import io.vitrine.spec.FeatureSpec;
import io.vitrine.spec.column.CategoricalColumn;
import io.vitrine.spec.column.Normalizer;
import io.vitrine.spec.encode.FeatureEncoder;
import io.vitrine.spec.encode.PartialEncoding;
import io.vitrine.trainer.Trainer;
import io.vitrine.trainer.TrainingConfig;
import io.vitrine.trainer.export.ModelVersions;
import io.vitrine.trainer.input.ParquetRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * Two small news models trained once per test JVM with the real trainer (users like some sections), and helpers
 * that publish them as versions of a model directory.
 */
final class TestModels {
  static final List<String> SECTIONS = List.of("news", "sport", "tech", "culture", "travel");
  static final CategoricalColumn USER_SECTIONS = categoricalWithVocabularyList("user_recent_sections", SECTIONS).asBag();
  static final CategoricalColumn SECTION = categoricalWithVocabularyList("article_section", SECTIONS);
  static final CategoricalColumn DEVICE = categoricalWithVocabularyList("device", "desktop", "mobile");
  static final CategoricalColumn ARTICLE = categoricalWithHashBucket("article_id", 1_000);

  static final FeatureSpec SPEC = FeatureSpec.builder("news").label("clicked")
      .wide(SECTION, DEVICE, crossed(List.of(USER_SECTIONS, SECTION), 500))
      .deep(embedding(USER_SECTIONS, 4), embedding(SECTION, 4), embedding(ARTICLE, 4),
          numeric("article_popularity").withDefault(0).normalizedBy(Normalizer.log1p()))
      .hiddenUnits(16).batchSize(128).seed(3).build();

  private static Path first;
  private static Path second;

  private TestModels() {}

  /** A trained model directory (the same model every call). */
  static synchronized Path first() {
    if (first == null) {
      first = train(40);
    }
    return first;
  }

  /** A second trained model directory, trained longer: its scores differ from the first's. */
  static synchronized Path second() {
    if (second == null) {
      second = train(120);
    }
    return second;
  }

  /** Publishes a copy of {@code model} as version {@code version} under {@code base}/news. */
  static void publish(Path model, String base, long version) {
    new ModelVersions(new Configuration(), base, "news").publish(model, version);
  }

  static Candidates articles(int count) {
    Random random = new Random(11);
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      articles.add(new Article("a" + i, 1, Map.of("article_id", "a" + i,
          "article_section", SECTIONS.get(random.nextInt(SECTIONS.size())),
          "article_popularity", (double) random.nextInt(1_000))));
    }
    return new Candidates(1, articles);
  }

  /** The encoded parts of {@link #articles}{@code (count)}. */
  static List<PartialEncoding> articleParts(FeatureEncoder encoder, int count) {
    return articles(count).articles().stream().map(a -> encoder.encodePart(a.features())).toList();
  }

  /** The encoded part of a mobile reader of sport. */
  static PartialEncoding sportReader(FeatureEncoder encoder) {
    return encoder.encodePart(Map.of("user_recent_sections", List.of("sport"), "device", "mobile"));
  }

  /** Waits up to 20 s for {@code scorer} to serve {@code version}, then 200 ms more of requests on it. */
  static void awaitVersion(LocalScorer scorer, long version) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (scorer.currentVersion() != version && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    Thread.sleep(200);
  }

  private static Path train(int steps) {
    try {
      Path dir = Files.createTempDirectory("vitrine-test-model-");
      Configuration conf = new Configuration();
      String data = dir.resolve("train.parquet").toString();
      ParquetRows.write(conf, data, SPEC.trainingSchema(), rows(5_000));
      new Trainer(SPEC, TrainingConfig.builder().trainData(data).maxSteps(steps).epochs(10).logEverySteps(1_000)
          .modelBase(dir.resolve("models").toString()).build(), conf).train();
      Path model = dir.resolve("models/news/1");
      try (Stream<Path> files = Files.list(model)) {
        if (files.findAny().isEmpty()) {
          throw new IllegalStateException("no model exported to " + model);
        }
      }
      return model;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Map<String, Object>> rows(int count) {
    Random random = new Random(5);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int liked = random.nextInt(SECTIONS.size());
      int shown = random.nextInt(SECTIONS.size());
      Map<String, Object> row = new HashMap<>();
      row.put("user_recent_sections", List.of(SECTIONS.get(liked), SECTIONS.get(liked)));
      row.put("article_section", SECTIONS.get(shown));
      row.put("device", random.nextBoolean() ? "mobile" : "desktop");
      row.put("article_id", "a" + random.nextInt(200));
      row.put("article_popularity", (double) random.nextInt(1_000));
      row.put("clicked", random.nextDouble() < (liked == shown ? 0.7 : 0.1) ? 1 : 0);
      rows.add(row);
    }
    return rows;
  }
}
