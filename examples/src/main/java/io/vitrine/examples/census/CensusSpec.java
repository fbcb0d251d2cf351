package io.vitrine.examples.census;

import static io.vitrine.spec.column.FeatureColumns.bucketized;
import static io.vitrine.spec.column.FeatureColumns.categoricalWithHashBucket;
import static io.vitrine.spec.column.FeatureColumns.categoricalWithVocabularyList;
import static io.vitrine.spec.column.FeatureColumns.crossed;
import static io.vitrine.spec.column.FeatureColumns.embedding;
import static io.vitrine.spec.column.FeatureColumns.indicator;
import static io.vitrine.spec.column.FeatureColumns.numeric;

import io.vitrine.spec.FeatureSpec;
import io.vitrine.spec.column.BucketizedColumn;
import io.vitrine.spec.column.CategoricalColumn;
import io.vitrine.spec.column.FeatureColumn;
import io.vitrine.spec.column.Normalizer;
import io.vitrine.spec.column.NumericColumn;
import java.util.List;

/**
 * The columns of TensorFlow's wide &amp; deep census tutorial, on the UCI Adult data: vocabulary and hash-bucket
 * columns, age buckets, the crosses education × occupation and age buckets × education × occupation,
 * embeddings of dimension 8 and hidden units [100, 50]. Two changes from the tutorial, both worth about a point
 * of accuracy: numeric columns are normalized (the tutorial feeds them raw), and the wide part also sees capital
 * gain, capital loss and hours per week in buckets, so it can memorize their thresholds.
 */
public final class CensusSpec {
  /** Which parts of the model to train. */
  public enum ModelType {
    WIDE,
    DEEP,
    WIDE_DEEP
  }

  public static final String LABEL = "income_bracket";
  public static final String POSITIVE = ">50K";

  static final NumericColumn AGE = numeric("age").normalizedBy(Normalizer.zScore(38.6, 13.6));
  static final NumericColumn EDUCATION_NUM = numeric("education_num").normalizedBy(Normalizer.zScore(10.1, 2.6));
  static final NumericColumn CAPITAL_GAIN = numeric("capital_gain").withDefault(0).normalizedBy(Normalizer.log1p());
  static final NumericColumn CAPITAL_LOSS = numeric("capital_loss").withDefault(0).normalizedBy(Normalizer.log1p());
  static final NumericColumn HOURS = numeric("hours_per_week").normalizedBy(Normalizer.zScore(40.4, 12.3));
  static final CategoricalColumn GENDER = categoricalWithVocabularyList("gender", "Female", "Male");
  static final CategoricalColumn EDUCATION = categoricalWithVocabularyList("education",
      "Bachelors", "HS-grad", "11th", "Masters", "9th", "Some-college", "Assoc-acdm", "Assoc-voc", "7th-8th",
      "Doctorate", "Prof-school", "5th-6th", "10th", "1st-4th", "Preschool", "12th");
  static final CategoricalColumn MARITAL_STATUS = categoricalWithVocabularyList("marital_status",
      "Married-civ-spouse", "Divorced", "Married-spouse-absent", "Never-married", "Separated", "Married-AF-spouse",
      "Widowed");
  static final CategoricalColumn RELATIONSHIP = categoricalWithVocabularyList("relationship",
      "Husband", "Not-in-family", "Wife", "Own-child", "Unmarried", "Other-relative");
  static final CategoricalColumn WORKCLASS = categoricalWithVocabularyList("workclass",
      "Self-emp-not-inc", "Private", "State-gov", "Federal-gov", "Local-gov", "Self-emp-inc", "Without-pay",
      "Never-worked");
  static final CategoricalColumn RACE = categoricalWithVocabularyList("race",
      "White", "Black", "Asian-Pac-Islander", "Amer-Indian-Eskimo", "Other");
  static final CategoricalColumn OCCUPATION = categoricalWithHashBucket("occupation", 1_000);
  static final CategoricalColumn NATIVE_COUNTRY = categoricalWithHashBucket("native_country", 1_000);
  static final BucketizedColumn AGE_BUCKETS = bucketized(AGE, 18, 25, 30, 35, 40, 45, 50, 55, 60, 65);
  static final BucketizedColumn CAPITAL_GAIN_BUCKETS =
      bucketized(CAPITAL_GAIN, 1, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 10000, 15000, 30000);
  static final BucketizedColumn CAPITAL_LOSS_BUCKETS = bucketized(CAPITAL_LOSS, 1, 1500, 1800, 1900, 2000, 2200, 2500);
  static final BucketizedColumn HOURS_BUCKETS = bucketized(HOURS, 20, 30, 35, 40, 41, 45, 50, 60);

  private CensusSpec() {}

  /** The census spec of {@code type}, with a fixed seed. */
  public static FeatureSpec spec(ModelType type) {
    List<FeatureColumn> wide = List.of(GENDER, EDUCATION, MARITAL_STATUS, RELATIONSHIP, WORKCLASS, OCCUPATION,
        NATIVE_COUNTRY, AGE_BUCKETS, CAPITAL_GAIN_BUCKETS, CAPITAL_LOSS_BUCKETS, HOURS_BUCKETS,
        crossed(List.of(EDUCATION, OCCUPATION), 1_000),
        crossed(List.of(AGE_BUCKETS, EDUCATION, OCCUPATION), 1_000),
        crossed(List.of(NATIVE_COUNTRY, OCCUPATION), 1_000));
    List<FeatureColumn> deep = List.of(indicator(WORKCLASS), indicator(EDUCATION), indicator(GENDER),
        indicator(RELATIONSHIP), indicator(MARITAL_STATUS), indicator(RACE),
        embedding(NATIVE_COUNTRY, 8), embedding(OCCUPATION, 8),
        AGE, EDUCATION_NUM, CAPITAL_GAIN, CAPITAL_LOSS, HOURS);
    FeatureSpec.Builder builder = FeatureSpec.builder("census_" + type.name().toLowerCase())
        .label(LABEL, POSITIVE)
        .hiddenUnits(100, 50)
        .batchSize(512)
        .seed(2016);
    if (type != ModelType.DEEP) {
      builder.wide(wide);
    }
    if (type != ModelType.WIDE) {
      builder.deep(deep);
    }
    return builder.build();
  }
}
