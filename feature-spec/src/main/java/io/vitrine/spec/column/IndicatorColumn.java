package io.vitrine.spec.column;

import io.vitrine.spec.FeatureSpecException;

/** The multi-hot vector of a sparse column ({@code tf.feature_column.indicator_column}), for the deep part. */
public record IndicatorColumn(SparseColumn categorical) implements FeatureColumn {
  public IndicatorColumn {
    if (categorical == null) {
      throw new FeatureSpecException("indicator column needs a categorical column");
    }
  }

  @Override
  public String name() {
    return categorical.name() + "_indicator";
  }
}
