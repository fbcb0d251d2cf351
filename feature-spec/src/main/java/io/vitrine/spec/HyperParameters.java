package io.vitrine.spec;

import java.util.List;

/**
 * Everything besides the data that determines training, pinned in the spec so a spec fully determines a
 * run. Defaults follow TensorFlow's {@code DNNLinearCombinedClassifier}.
 *
 * @param hiddenUnits the sizes of the deep part's ReLU layers
 * @param dropout the probability of dropping a hidden unit during training, in [0, 1)
 * @param ftrlLearningRate the wide part's FTRL learning rate (default {@code min(0.2, 1/sqrt(#wide columns))})
 * @param ftrlL1 the wide part's L1 regularization strength
 * @param ftrlL2 the wide part's L2 regularization strength
 * @param adagradLearningRate the deep part's AdaGrad learning rate (default 0.05)
 * @param batchSize the number of rows per training step
 * @param seed the seed of initializers, dropout and shuffling
 */
public record HyperParameters(
    List<Integer> hiddenUnits,
    double dropout,
    double ftrlLearningRate,
    double ftrlL1,
    double ftrlL2,
    double adagradLearningRate,
    int batchSize,
    long seed) {
  public static final List<Integer> DEFAULT_HIDDEN_UNITS = List.of(128, 64);
  public static final double DEFAULT_ADAGRAD_LEARNING_RATE = 0.05;
  public static final int DEFAULT_BATCH_SIZE = 256;
  public static final long DEFAULT_SEED = 42;

  public HyperParameters {
    hiddenUnits = hiddenUnits == null ? DEFAULT_HIDDEN_UNITS : List.copyOf(hiddenUnits);
    for (int units : hiddenUnits) {
      if (units <= 0) {
        throw new FeatureSpecException("hidden units must be positive, got " + hiddenUnits);
      }
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new FeatureSpecException("dropout must be in [0, 1), got " + dropout);
    }
    positive(ftrlLearningRate, "ftrlLearningRate");
    positive(adagradLearningRate, "adagradLearningRate");
    if (!(ftrlL1 >= 0) || !(ftrlL2 >= 0)) {
      throw new FeatureSpecException("FTRL L1 and L2 must be >= 0, got " + ftrlL1 + ", " + ftrlL2);
    }
    if (batchSize <= 0) {
      throw new FeatureSpecException("batchSize must be positive, got " + batchSize);
    }
  }

  /** TensorFlow's default FTRL learning rate for a linear model over {@code wideColumns} columns. */
  public static double defaultFtrlLearningRate(int wideColumns) {
    return wideColumns == 0 ? 0.2 : Math.min(0.2, 1.0 / Math.sqrt(wideColumns));
  }

  private static void positive(double value, String name) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new FeatureSpecException(name + " must be positive, got " + value);
    }
  }
}
