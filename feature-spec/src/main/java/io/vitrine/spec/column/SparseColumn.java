package io.vitrine.spec.column;

/**
 * A column whose value is a set of ids in {@code [0, numBuckets())}: usable in the wide part, or in the
 * deep part through an {@link EmbeddingColumn} or an {@link IndicatorColumn}.
 */
public sealed interface SparseColumn extends FeatureColumn
    permits CategoricalColumn, BucketizedColumn, WeightedColumn, CrossedColumn {
  /** The number of distinct ids this column can produce. */
  long numBuckets();
}
