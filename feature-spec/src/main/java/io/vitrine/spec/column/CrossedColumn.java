package io.vitrine.spec.column;

import io.vitrine.spec.FeatureSpecException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The hashed cross of two or more categorical or bucketized columns ({@code tf.feature_column.crossed_column}):
 * every combination of the components' values in a row becomes one id,
 * {@code h = 0xDECAFCAFFE; for each component value v: h = FingerprintCat64(h, Fingerprint64(v));
 * id = h mod hashBucketSize} (unsigned), where {@code v} is the raw string of a categorical column and the
 * decimal id of an identity or bucketized column. See {@link io.vitrine.spec.hash.FarmHash}.
 */
public record CrossedColumn(List<SparseColumn> keys, long hashBucketSize) implements SparseColumn {
  public CrossedColumn {
    if (keys == null || keys.size() < 2) {
      throw new FeatureSpecException("a crossed column needs at least two columns, got " + keys);
    }
    keys = List.copyOf(keys);
    String name = keys.stream().map(FeatureColumn::name).collect(Collectors.joining("_X_"));
    for (SparseColumn key : keys) {
      if (!(key instanceof CategoricalColumn || key instanceof BucketizedColumn)) {
        throw new FeatureSpecException("column '" + name + "': cannot cross '" + key.name()
            + "'; cross its categorical or bucketized source instead");
      }
    }
    Names.checkPositive(hashBucketSize, name, "hashBucketSize");
  }

  @Override
  public String name() {
    return keys.stream().map(FeatureColumn::name).collect(Collectors.joining("_X_"));
  }

  @Override
  public long numBuckets() {
    return hashBucketSize;
  }
}
