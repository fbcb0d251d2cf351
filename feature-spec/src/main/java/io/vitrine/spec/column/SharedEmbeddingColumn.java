package io.vitrine.spec.column;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vitrine.spec.FeatureSpecException;
import java.util.List;

/**
 * Several categorical columns looked up in one embedding table
 * ({@code tf.feature_column.shared_embeddings}), e.g. the article being ranked and the user's recently read
 * articles. Each column contributes its own vector to the deep input; all must have the same number of ids.
 */
public record SharedEmbeddingColumn(
    String name,
    List<SparseColumn> categoricals,
    int dimension,
    Combiner combiner,
    double initializerStddev,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double maxNorm)
    implements FeatureColumn {
  public SharedEmbeddingColumn {
    Names.checkKey(name, "shared embedding");
    if (categoricals == null || categoricals.size() < 2) {
      throw new FeatureSpecException("shared embedding '" + name + "' needs at least two categorical columns");
    }
    categoricals = List.copyOf(categoricals);
    long buckets = categoricals.get(0).numBuckets();
    for (SparseColumn c : categoricals) {
      if (c.numBuckets() != buckets) {
        throw new FeatureSpecException("shared embedding '" + name + "': '" + c.name() + "' has "
            + c.numBuckets() + " ids but '" + categoricals.get(0).name() + "' has " + buckets
            + "; columns sharing a table need the same number of ids");
      }
    }
    Embeddings.check(name, dimension, initializerStddev, maxNorm);
    combiner = combiner == null ? Combiner.MEAN : combiner;
  }

  /** The number of rows of the shared table. */
  public long numBuckets() {
    return categoricals.get(0).numBuckets();
  }
}
