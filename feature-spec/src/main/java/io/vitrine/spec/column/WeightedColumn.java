package io.vitrine.spec.column;

import io.vitrine.spec.FeatureSpecException;

/**
 * A categorical column whose ids carry weights read from a parallel list under {@code weightKey}
 * ({@code tf.feature_column.weighted_categorical_column}), for example how often each category was read.
 */
public record WeightedColumn(CategoricalColumn categorical, String weightKey) implements SparseColumn {
  public WeightedColumn {
    if (categorical == null) {
      throw new FeatureSpecException("weighted column needs a categorical column");
    }
    Names.checkKey(weightKey, "weight key of '" + categorical.name() + "'");
    if (weightKey.equals(categorical.name())) {
      throw new FeatureSpecException("column '" + categorical.name() + "': the weight key must differ from the column's key");
    }
  }

  @Override
  public String name() {
    return categorical.name() + "_weighted_by_" + weightKey;
  }

  @Override
  public long numBuckets() {
    return categorical.numBuckets();
  }
}
