package io.vitrine.spec.encode;

import java.util.List;

/**
 * A batch of encoded rows, columnar, in the order of {@link io.vitrine.spec.FeatureSpec#inputs()}: ready to
 * become tensors.
 *
 * @param rows the number of rows
 * @param sparse the sparse inputs
 * @param dense the dense inputs
 * @param labels the 0/1 labels of training rows, else null
 * @param exampleWeights the example weights of training rows when the spec declares them, else null
 * @param prepared the prepared articles this batch was combined from, else null: arrays that
 *     {@link PreparedArticles#shares} are the same in every batch made from them, so a scorer may convert them once
 */
public record EncodedBatch(int rows, List<SparseValues> sparse, List<DenseValues> dense, float[] labels,
    float[] exampleWeights, PreparedArticles prepared) {

  /** The sparse input named {@code name}. */
  public SparseValues sparse(String name) {
    for (SparseValues values : sparse) {
      if (values.input().name().equals(name)) {
        return values;
      }
    }
    throw new IllegalArgumentException("no sparse input named '" + name + "'");
  }

  /** The dense input named {@code name}. */
  public DenseValues dense(String name) {
    for (DenseValues values : dense) {
      if (values.input().name().equals(name)) {
        return values;
      }
    }
    throw new IllegalArgumentException("no dense input named '" + name + "'");
  }
}
