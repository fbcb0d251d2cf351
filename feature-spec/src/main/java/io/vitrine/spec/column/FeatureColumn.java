package io.vitrine.spec.column;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A feature column, with the meaning of its namesake in TensorFlow's {@code tf.feature_column}.
 * Create columns with {@link FeatureColumns}; every column is an immutable value.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = NumericColumn.class, name = "numeric"),
  @JsonSubTypes.Type(value = BucketizedColumn.class, name = "bucketized"),
  @JsonSubTypes.Type(value = CategoricalColumn.class, name = "categorical"),
  @JsonSubTypes.Type(value = WeightedColumn.class, name = "weighted"),
  @JsonSubTypes.Type(value = CrossedColumn.class, name = "crossed"),
  @JsonSubTypes.Type(value = EmbeddingColumn.class, name = "embedding"),
  @JsonSubTypes.Type(value = SharedEmbeddingColumn.class, name = "shared_embedding"),
  @JsonSubTypes.Type(value = IndicatorColumn.class, name = "indicator")
})
public sealed interface FeatureColumn
    permits SparseColumn, NumericColumn, EmbeddingColumn, SharedEmbeddingColumn, IndicatorColumn {
  /** The column's name; for base columns it is also the key of the raw value in a row. */
  String name();
}
