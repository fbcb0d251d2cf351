package io.vitrine.spec.column;

import io.vitrine.spec.FeatureSpecException;

/** Checks shared by embedding columns. */
final class Embeddings {
  private Embeddings() {}

  static void check(String name, int dimension, double initializerStddev, Double maxNorm) {
    Names.checkPositive(dimension, name, "dimension");
    if (!(initializerStddev > 0) || !Double.isFinite(initializerStddev)) {
      throw new FeatureSpecException("column '" + name + "': initializerStddev must be positive, got "
          + initializerStddev);
    }
    if (maxNorm != null && !(maxNorm > 0)) {
      throw new FeatureSpecException("column '" + name + "': maxNorm must be positive, got " + maxNorm);
    }
  }
}
