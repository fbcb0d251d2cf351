package io.vitrine.spec.column;

import io.vitrine.spec.FeatureSpecException;
import java.util.List;

/**
 * A numeric column cut into ranges ({@code tf.feature_column.bucketized_column}): N sorted boundaries make
 * N + 1 buckets; value {@code x} falls in bucket {@code i} where {@code boundaries[i-1] <= x < boundaries[i]}.
 * Boundaries apply to the raw value, before the source column's normalizer.
 */
public record BucketizedColumn(NumericColumn source, List<Double> boundaries) implements SparseColumn {
  public BucketizedColumn {
    if (source == null) {
      throw new FeatureSpecException("bucketized column needs a numeric source column");
    }
    if (boundaries == null || boundaries.isEmpty()) {
      throw new FeatureSpecException(
          "column '" + source.name() + "_bucketized': give at least one boundary");
    }
    boundaries = List.copyOf(boundaries);
    for (int i = 0; i < boundaries.size(); i++) {
      double b = boundaries.get(i);
      if (!Double.isFinite(b) || (i > 0 && b <= boundaries.get(i - 1))) {
        throw new FeatureSpecException("column '" + source.name() + "_bucketized': boundaries must be finite"
            + " and strictly increasing, got " + boundaries);
      }
    }
  }

  @Override
  public String name() {
    return source.name() + "_bucketized";
  }

  @Override
  public long numBuckets() {
    return boundaries.size() + 1L;
  }

  /** The bucket of {@code x}. */
  public int bucket(double x) {
    int lo = 0;
    int hi = boundaries.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (boundaries.get(mid) <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
