package io.vitrine.spec.column;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vitrine.spec.FeatureSpecException;

/**
 * A dense, trained vector per id of a sparse column ({@code tf.feature_column.embedding_column}).
 *
 * @param categorical the ids to embed
 * @param dimension the vector length
 * @param combiner how a bag's vectors are reduced to one
 * @param initializerStddev the standard deviation of the truncated-normal initial values
 * @param maxNorm if set, vectors are clipped to this L2 norm when looked up
 */
public record EmbeddingColumn(
    SparseColumn categorical,
    int dimension,
    Combiner combiner,
    double initializerStddev,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double maxNorm)
    implements FeatureColumn {
  public EmbeddingColumn {
    if (categorical == null) {
      throw new FeatureSpecException("embedding column needs a categorical column");
    }
    String name = categorical.name() + "_embedding";
    Embeddings.check(name, dimension, initializerStddev, maxNorm);
    combiner = combiner == null ? Combiner.MEAN : combiner;
  }

  @Override
  public String name() {
    return categorical.name() + "_embedding";
  }

  public EmbeddingColumn withCombiner(Combiner combiner) {
    return new EmbeddingColumn(categorical, dimension, combiner, initializerStddev, maxNorm);
  }

  public EmbeddingColumn withInitializerStddev(double stddev) {
    return new EmbeddingColumn(categorical, dimension, combiner, stddev, maxNorm);
  }

  public EmbeddingColumn withMaxNorm(double maxNorm) {
    return new EmbeddingColumn(categorical, dimension, combiner, initializerStddev, maxNorm);
  }
}
