package io.vitrine.examples.portal;

import static io.vitrine.spec.column.FeatureColumns.bucketized;
import static io.vitrine.spec.column.FeatureColumns.categoricalWithHashBucket;
import static io.vitrine.spec.column.FeatureColumns.categoricalWithIdentity;
import static io.vitrine.spec.column.FeatureColumns.categoricalWithVocabularyList;
import static io.vitrine.spec.column.FeatureColumns.crossed;
import static io.vitrine.spec.column.FeatureColumns.embedding;
import static io.vitrine.spec.column.FeatureColumns.indicator;
import static io.vitrine.spec.column.FeatureColumns.numeric;
import static io.vitrine.spec.column.FeatureColumns.sharedEmbedding;

import io.vitrine.spec.FeatureSpec;
import io.vitrine.spec.column.BucketizedColumn;
import io.vitrine.spec.column.CategoricalColumn;
import io.vitrine.spec.column.Normalizer;
import io.vitrine.spec.column.NumericColumn;
import java.util.List;
import java.util.Set;

/**
 * The news portal's model: user features (recently read sections and articles, visit counts), request
 * context (device, hour) and article features (id, section, tags, age, popularity), with the crosses that
 * let the wide part memorize "readers of sport click sport" and "mobile readers prefer culture".
 */
public final class PortalSpec {
  public static final List<String> SECTIONS = List.of("news", "politics", "business", "tech", "science",
      "health", "sport", "culture", "travel", "food", "opinion", "local");
  public static final List<String> DEVICES = List.of("desktop", "mobile", "tablet");
  public static final int ARTICLE_BUCKETS = 100_000;

  public static final CategoricalColumn USER_SECTIONS =
      categoricalWithVocabularyList("user_recent_sections", SECTIONS).asBag();
  public static final CategoricalColumn USER_ARTICLES =
      categoricalWithHashBucket("user_recent_articles", ARTICLE_BUCKETS).asBag();
  public static final NumericColumn USER_VISITS =
      numeric("user_visits_30d").withDefault(0).normalizedBy(Normalizer.log1p());
  public static final NumericColumn USER_DAYS_AWAY =
      numeric("user_days_since_last_visit").withDefault(30).normalizedBy(Normalizer.log1p());
  public static final CategoricalColumn DEVICE = categoricalWithVocabularyList("device", DEVICES);
  public static final CategoricalColumn HOUR = categoricalWithIdentity("hour", 24);
  public static final CategoricalColumn ARTICLE = categoricalWithHashBucket("article_id", ARTICLE_BUCKETS);
  public static final CategoricalColumn SECTION = categoricalWithVocabularyList("article_section", SECTIONS);
  public static final CategoricalColumn TAGS = categoricalWithHashBucket("article_tags", 10_000).asBag();
  public static final NumericColumn AGE_HOURS =
      numeric("article_age_hours").withDefault(24).normalizedBy(Normalizer.log1p());
  public static final NumericColumn POPULARITY =
      numeric("article_popularity").withDefault(0).normalizedBy(Normalizer.log1p());
  public static final BucketizedColumn AGE_BUCKETS = bucketized(AGE_HOURS, 1, 3, 6, 12, 24, 48, 96, 168);

  /** The keys that describe the user and the request; all others describe the article. */
  public static final Set<String> USER_KEYS = Set.of(USER_SECTIONS.name(), USER_ARTICLES.name(),
      USER_VISITS.name(), USER_DAYS_AWAY.name(), DEVICE.name(), HOUR.name());

  private PortalSpec() {}

  /** The portal spec with its default hyper-parameters. */
  public static FeatureSpec spec() {
    return builder().build();
  }

  /** The portal spec's builder, for callers that change hyper-parameters. */
  public static FeatureSpec.Builder builder() {
    return FeatureSpec.builder("portal")
        .label("clicked")
        .wide(SECTION, AGE_BUCKETS, DEVICE, TAGS,
            crossed(List.of(USER_SECTIONS, SECTION), 10_000),
            crossed(List.of(DEVICE, SECTION), 1_000),
            crossed(List.of(HOUR, SECTION), 1_000))
        .deep(sharedEmbedding("articles", List.of(ARTICLE, USER_ARTICLES), 16),
            embedding(SECTION, 8), embedding(USER_SECTIONS, 8), embedding(TAGS, 8), embedding(HOUR, 4),
            indicator(DEVICE), USER_VISITS, USER_DAYS_AWAY, AGE_HOURS, POPULARITY)
        .hiddenUnits(128, 64);
  }
}
