package io.vitrine.spec.column;

import io.vitrine.spec.FeatureSpecException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Factory methods named after {@code tf.feature_column}, meant for static import:
 *
 * <pre>{@code
 * var age = numeric("age").normalizedBy(Normalizer.zScore(38.6, 13.6));
 * var education = categoricalWithVocabularyList("education", "Bachelors", "HS-grad", "Masters");
 * var occupation = categoricalWithHashBucket("occupation", 1_000);
 * var wide = List.of(bucketized(age, 18, 25, 30, 35, 40, 45, 50, 55, 60, 65),
 *                    crossed(List.of(education, occupation), 10_000));
 * var deep = List.of(age, embedding(education, 8), embedding(occupation, 8));
 * }</pre>
 */
public final class FeatureColumns {
  private FeatureColumns() {}

  /** A numeric column without default (a missing value is an error) and without normalizer. */
  public static NumericColumn numeric(String key) {
    return new NumericColumn(key, null, Normalizer.none());
  }

  /** {@code source} cut at the given strictly increasing boundaries. */
  public static BucketizedColumn bucketized(NumericColumn source, double... boundaries) {
    return new BucketizedColumn(source, Arrays.stream(boundaries).boxed().toList());
  }

  /** Words mapped to their position in {@code vocabulary}; unknown words go to one OOV bucket. */
  public static CategoricalColumn categoricalWithVocabularyList(String key, List<String> vocabulary) {
    return new CategoricalColumn(key, CategoricalColumn.Kind.VOCABULARY_LIST, vocabulary, null, 0, 1, -1, false);
  }

  /** See {@link #categoricalWithVocabularyList(String, List)}. */
  public static CategoricalColumn categoricalWithVocabularyList(String key, String... vocabulary) {
    return categoricalWithVocabularyList(key, List.of(vocabulary));
  }

  /**
   * Words read from a UTF-8 file, one per line (blank lines skipped), mapped to their position; unknown words
   * go to one OOV bucket. The words are kept in the spec, so an exported model does not need the file.
   */
  public static CategoricalColumn categoricalWithVocabularyFile(String key, Path file) {
    List<String> words = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          words.add(line.strip());
        }
      }
    } catch (IOException e) {
      throw new FeatureSpecException("column '" + key + "': cannot read vocabulary file " + file, e);
    }
    return new CategoricalColumn(key, CategoricalColumn.Kind.VOCABULARY_FILE, words,
        file.getFileName().toString(), 0, 1, -1, false);
  }

  /** Integer values used as ids in {@code [0, numBuckets)}; values outside are an error unless a default is set. */
  public static CategoricalColumn categoricalWithIdentity(String key, long numBuckets) {
    return new CategoricalColumn(key, CategoricalColumn.Kind.IDENTITY, List.of(), null, numBuckets, 0, -1, false);
  }

  /** Values hashed into {@code hashBucketSize} ids ({@code to_hash_bucket_fast}). */
  public static CategoricalColumn categoricalWithHashBucket(String key, long hashBucketSize) {
    return new CategoricalColumn(key, CategoricalColumn.Kind.HASH_BUCKET, List.of(), null, hashBucketSize, 0, -1, false);
  }

  /** {@code categorical}'s ids weighted by the parallel list of numbers under {@code weightKey}. */
  public static WeightedColumn weighted(CategoricalColumn categorical, String weightKey) {
    return new WeightedColumn(categorical, weightKey);
  }

  /** The hashed cross of categorical or bucketized columns. */
  public static CrossedColumn crossed(List<? extends FeatureColumn> keys, long hashBucketSize) {
    List<SparseColumn> sparse = new ArrayList<>();
    for (FeatureColumn key : keys) {
      if (!(key instanceof SparseColumn s)) {
        throw new FeatureSpecException("cannot cross " + kindOf(key) + " column '" + key.name() + "': "
            + (key instanceof NumericColumn ? "bucketize it first with bucketized(" + key.name() + ", boundaries)"
                : "cross its categorical source instead"));
      }
      sparse.add(s);
    }
    return new CrossedColumn(sparse, hashBucketSize);
  }

  /** A trained vector of {@code dimension} per id, combined by mean, initialized with stddev 1/sqrt(dimension). */
  public static EmbeddingColumn embedding(SparseColumn categorical, int dimension) {
    return new EmbeddingColumn(categorical, dimension, Combiner.MEAN, defaultStddev(dimension), null);
  }

  /** One embedding table of {@code dimension} shared by several columns with the same number of ids. */
  public static SharedEmbeddingColumn sharedEmbedding(String name, List<? extends SparseColumn> categoricals, int dimension) {
    return new SharedEmbeddingColumn(name, List.copyOf(categoricals), dimension, Combiner.MEAN,
        defaultStddev(dimension), null);
  }

  /** The multi-hot vector of {@code categorical}'s ids. */
  public static IndicatorColumn indicator(SparseColumn categorical) {
    return new IndicatorColumn(categorical);
  }

  private static double defaultStddev(int dimension) {
    return dimension > 0 ? 1.0 / Math.sqrt(dimension) : 1.0;
  }

  private static String kindOf(FeatureColumn column) {
    if (column instanceof NumericColumn) {
      return "numeric";
    }
    return column instanceof IndicatorColumn ? "indicator" : "embedding";
  }
}
