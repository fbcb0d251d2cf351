package io.vitrine.spec.column;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vitrine.spec.FeatureSpecException;

/**
 * A real-valued column of shape 1 ({@code tf.feature_column.numeric_column}).
 *
 * @param name the column name and the row key
 * @param defaultValue the value of a missing key, or null when a missing key is an error
 * @param normalizer the scaling applied before the value enters the deep part
 */
public record NumericColumn(
    String name, @JsonInclude(JsonInclude.Include.NON_NULL) Double defaultValue, Normalizer normalizer)
    implements FeatureColumn {
  public NumericColumn {
    Names.checkKey(name, "numeric column");
    if (defaultValue != null && !Double.isFinite(defaultValue)) {
      throw new FeatureSpecException("column '" + name + "': default value must be finite, got " + defaultValue);
    }
    normalizer = normalizer == null ? Normalizer.none() : normalizer;
  }

  /** This column with a default for missing values. */
  public NumericColumn withDefault(double value) {
    return new NumericColumn(name, value, normalizer);
  }

  /** This column scaled by {@code normalizer}. */
  public NumericColumn normalizedBy(Normalizer normalizer) {
    return new NumericColumn(name, defaultValue, normalizer);
  }
}
