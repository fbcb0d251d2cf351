package io.vitrine.trainer;

import static io.vitrine.spec.column.FeatureColumns.bucketized;
import static io.vitrine.spec.column.FeatureColumns.categoricalWithHashBucket;
import static io.vitrine.spec.column.FeatureColumns.categoricalWithIdentity;
import static io.vitrine.spec.column.FeatureColumns.categoricalWithVocabularyList;
import static io.vitrine.spec.column.FeatureColumns.crossed;
import static io.vitrine.spec.column.FeatureColumns.embedding;
import static io.vitrine.spec.column.FeatureColumns.indicator;
import static io.vitrine.spec.column.FeatureColumns.numeric;
import static io.vitrine.spec.column.FeatureColumns.sharedEmbedding;
import static io.vitrine.spec.column.FeatureColumns.weighted;

import io.vitrine.spec.FeatureSpec;
import io.vitrine.spec.column.CategoricalColumn;
import io.vitrine.spec.column.Combiner;
import io.vitrine.spec.column.Normalizer;
import io.vitrine.spec.column.NumericColumn;
import io.vitrine.trainer.input.ParquetRows;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;

/**
 * A learnable synthetic click data set over every column kind: the click probability depends on
 * segment × category (a cross only the wide part can memorize), on x, and on the tags.
 */
public final class SyntheticClicks {
  static final List<String> SEGMENTS = List.of("s0", "s1", "s2", "s3", "s4");
  static final List<String> CATEGORIES = List.of("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7");
  static final CategoricalColumn SEGMENT = categoricalWithVocabularyList("segment", SEGMENTS);
  static final CategoricalColumn CATEGORY = categoricalWithVocabularyList("category", CATEGORIES).withNumOovBuckets(2);
  static final NumericColumn X = numeric("x").withDefault(0).normalizedBy(Normalizer.zScore(0, 1));
  static final NumericColumn COUNT = numeric("count").withDefault(0).normalizedBy(Normalizer.log1p());
  static final CategoricalColumn HOUR = categoricalWithIdentity("hour", 24);
  static final CategoricalColumn ITEM = categoricalWithHashBucket("item", 1_000);
  static final CategoricalColumn HISTORY = categoricalWithHashBucket("history", 1_000).asBag();
  static final CategoricalColumn TAGS = categoricalWithVocabularyList("tags", "t0", "t1", "t2", "t3").asBag();

  private SyntheticClicks() {}

  /** Every column kind, wide and deep. */
  public static FeatureSpec spec() {
    return builder().build();
  }

  public static FeatureSpec.Builder builder() {
    return FeatureSpec.builder("clicks")
        .label("clicked")
        .wide(SEGMENT, CATEGORY, bucketized(X, -1, 0, 1), weighted(TAGS, "tag_weights"),
            crossed(List.of(SEGMENT, CATEGORY), 200))
        .deep(X, COUNT, embedding(SEGMENT, 4), embedding(CATEGORY, 4).withMaxNorm(1.0),
            embedding(HOUR, 3).withCombiner(Combiner.SUM), embedding(TAGS, 3).withCombiner(Combiner.SQRTN),
            indicator(SEGMENT), sharedEmbedding("items", List.of(ITEM, HISTORY), 4))
        .hiddenUnits(16, 8)
        .batchSize(128)
        .seed(7);
  }

  /** {@code count} rows from {@code seed}. */
  public static List<Map<String, Object>> rows(long seed, int count) {
    Random random = new Random(seed);
    double[][] affinity = new double[SEGMENTS.size()][CATEGORIES.size()];
    Random fixed = new Random(99);
    for (double[] row : affinity) {
      for (int c = 0; c < row.length; c++) {
        row[c] = fixed.nextGaussian() * 2;
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int segment = random.nextInt(SEGMENTS.size());
      int category = random.nextInt(CATEGORIES.size());
      double x = random.nextGaussian();
      List<String> tags = new ArrayList<>();
      List<Double> weights = new ArrayList<>();
      double tagEffect = 0;
      for (int t = 0; t < 4; t++) {
        if (random.nextBoolean()) {
          double w = 0.5 + random.nextDouble();
          tags.add("t" + t);
          weights.add(w);
          tagEffect += t == 0 ? w : 0;
        }
      }
      double logit = affinity[segment][category] + 0.8 * x + tagEffect - 0.5;
      Map<String, Object> row = new HashMap<>();
      row.put("segment", SEGMENTS.get(segment));
      row.put("category", CATEGORIES.get(category));
      row.put("x", x);
      row.put("count", (double) random.nextInt(50));
      row.put("hour", (long) random.nextInt(24));
      row.put("item", "item-" + random.nextInt(300));
      row.put("history", List.of("item-" + random.nextInt(300), "item-" + random.nextInt(300)));
      row.put("tags", tags);
      row.put("tag_weights", weights);
      row.put("clicked", random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0);
      rows.add(row);
    }
    return rows;
  }

  /** Writes {@code count} rows as one Parquet file at {@code path}. */
  public static void write(Configuration conf, String path, FeatureSpec spec, long seed, int count) {
    ParquetRows.write(conf, path, spec.trainingSchema(), rows(seed, count));
  }
}
