package io.vitrine.spec.column;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vitrine.spec.FeatureSpecException;
import java.util.HashSet;
import java.util.List;

/**
 * A column of discrete values mapped to ids, in one of the four ways of {@code tf.feature_column}:
 * by vocabulary list, by vocabulary file (read when declared, the words kept in the spec), by identity,
 * or by hash bucket. A {@linkplain #multiValued() multi-valued} column ("bag") takes a list per row, such as
 * a user's recently read categories.
 *
 * @param name the column name and the row key
 * @param kind how values become ids
 * @param vocabulary the words of a vocabulary column (id = position), empty otherwise
 * @param vocabularyFile where a vocabulary-file column's words came from (documentation only)
 * @param bucketSize the number of ids of an identity or hash-bucket column; 0 for vocabularies
 * @param numOovBuckets vocabulary columns: out-of-vocabulary values hash into this many extra ids
 * @param defaultValue the id of an unknown value when there are no OOV buckets; -1 for none
 * @param multiValued whether each row holds a list of values
 */
public record CategoricalColumn(
    String name,
    Kind kind,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> vocabulary,
    @JsonInclude(JsonInclude.Include.NON_NULL) String vocabularyFile,
    long bucketSize,
    int numOovBuckets,
    long defaultValue,
    boolean multiValued)
    implements SparseColumn {

  /** How values become ids. */
  public enum Kind {
    VOCABULARY_LIST,
    VOCABULARY_FILE,
    IDENTITY,
    HASH_BUCKET
  }

  public CategoricalColumn {
    Names.checkKey(name, "categorical column");
    if (kind == null) {
      throw new FeatureSpecException("column '" + name + "': kind is required");
    }
    vocabulary = vocabulary == null ? List.of() : List.copyOf(vocabulary);
    boolean isVocabulary = kind == Kind.VOCABULARY_LIST || kind == Kind.VOCABULARY_FILE;
    if (isVocabulary) {
      if (vocabulary.isEmpty()) {
        throw new FeatureSpecException("column '" + name + "': the vocabulary is empty");
      }
      if (new HashSet<>(vocabulary).size() != vocabulary.size()) {
        throw new FeatureSpecException("column '" + name + "': the vocabulary has duplicate words");
      }
      if (numOovBuckets < 0) {
        throw new FeatureSpecException("column '" + name + "': numOovBuckets must be >= 0, got " + numOovBuckets);
      }
      if (numOovBuckets > 0 && defaultValue >= 0) {
        throw new FeatureSpecException("column '" + name
            + "': declare either OOV buckets or a default value for unknown words, not both");
      }
      if (numOovBuckets == 0 && (defaultValue < 0 || defaultValue >= vocabulary.size())) {
        throw new FeatureSpecException("column '" + name + "': unknown words need a place: use"
            + " withNumOovBuckets(n > 0) or withDefaultValue(id in [0, " + vocabulary.size() + "))");
      }
    } else {
      Names.checkPositive(bucketSize, name, kind == Kind.IDENTITY ? "numBuckets" : "hashBucketSize");
      if (numOovBuckets != 0) {
        throw new FeatureSpecException("column '" + name + "': OOV buckets apply only to vocabulary columns");
      }
      if (kind == Kind.HASH_BUCKET && defaultValue != -1) {
        throw new FeatureSpecException("column '" + name + "': a hash-bucket column has no default value");
      }
      if (kind == Kind.IDENTITY && defaultValue != -1 && (defaultValue < 0 || defaultValue >= bucketSize)) {
        throw new FeatureSpecException("column '" + name + "': default value " + defaultValue
            + " is outside [0, " + bucketSize + ")");
      }
    }
  }

  @Override
  public long numBuckets() {
    return switch (kind) {
      case VOCABULARY_LIST, VOCABULARY_FILE -> vocabulary.size() + (long) numOovBuckets;
      case IDENTITY, HASH_BUCKET -> bucketSize;
    };
  }

  /** Unknown words hash into {@code n} extra ids (vocabulary columns). */
  public CategoricalColumn withNumOovBuckets(int n) {
    return new CategoricalColumn(name, kind, vocabulary, vocabularyFile, bucketSize, n, -1, multiValued);
  }

  /** Unknown words (vocabulary) or out-of-range ids (identity) map to {@code id}. */
  public CategoricalColumn withDefaultValue(long id) {
    return new CategoricalColumn(name, kind, vocabulary, vocabularyFile, bucketSize, 0, id, multiValued);
  }

  /** The multi-valued ("bag") form of this column: each row holds a list of values. */
  public CategoricalColumn asBag() {
    return new CategoricalColumn(name, kind, vocabulary, vocabularyFile, bucketSize, numOovBuckets,
        defaultValue, true);
  }

  /** Whether raw values are integers (identity) rather than strings. */
  public boolean integerValued() {
    return kind == Kind.IDENTITY;
  }
}
