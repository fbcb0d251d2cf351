package io.vitrine.spec;

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

import io.vitrine.spec.column.BucketizedColumn;
import io.vitrine.spec.column.CategoricalColumn;
import io.vitrine.spec.column.Combiner;
import io.vitrine.spec.column.NumericColumn;
import io.vitrine.spec.column.Normalizer;
import java.util.List;

/** A small spec with every column kind, shared by the tests. */
public final class TestSpecs {
  public static final NumericColumn AGE = numeric("age").withDefault(30).normalizedBy(Normalizer.zScore(40, 10));
  public static final NumericColumn CLICKS = numeric("clicks").normalizedBy(Normalizer.log1p());
  public static final BucketizedColumn AGE_BUCKETS = bucketized(AGE, 18, 25, 35, 50, 65);
  public static final CategoricalColumn DEVICE =
      categoricalWithVocabularyList("device", "desktop", "mobile", "tablet").withNumOovBuckets(2);
  public static final CategoricalColumn SECTION =
      categoricalWithVocabularyList("section", "news", "sport", "culture").withDefaultValue(0);
  public static final CategoricalColumn HOUR = categoricalWithIdentity("hour", 24);
  public static final CategoricalColumn ARTICLE = categoricalWithHashBucket("article", 1000);
  public static final CategoricalColumn RECENT = categoricalWithHashBucket("recent", 1000).asBag();
  public static final CategoricalColumn TAGS = categoricalWithVocabularyList("tags", "a", "b", "c").asBag();

  private TestSpecs() {}

  public static FeatureSpec everyKind() {
    return FeatureSpec.builder("every-kind")
        .label("clicked")
        .exampleWeight("weight")
        .wide(AGE_BUCKETS, DEVICE, SECTION, HOUR, weighted(TAGS, "tag_weights"),
            crossed(List.of(SECTION, DEVICE), 100), crossed(List.of(RECENT, SECTION, AGE_BUCKETS), 500),
            crossed(List.of(RECENT, SECTION), 300))
        .deep(AGE, CLICKS, embedding(DEVICE, 4), embedding(TAGS, 3).withCombiner(Combiner.SQRTN),
            indicator(SECTION), sharedEmbedding("articles", List.of(ARTICLE, RECENT), 8))
        .hiddenUnits(16, 8)
        .build();
  }
}
