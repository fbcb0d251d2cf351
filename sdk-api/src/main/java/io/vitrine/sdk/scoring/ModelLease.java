package io.vitrine.sdk.scoring;

import io.vitrine.spec.encode.EncodedBatch;
import io.vitrine.spec.encode.FeatureEncoder;
import java.time.Duration;

/** One model version, held open while a request uses it. Close it when done. */
public interface ModelLease extends AutoCloseable {
  /** The model's name. */
  String modelName();

  /** The model's version. */
  long version();

  /** The encoder of the spec the model was trained with: encode this model's rows with it, and only it. */
  FeatureEncoder encoder();

  /**
   * The click probability of every row of {@code batch}, in row order.
   *
   * @param timeout how long the model may take; implementations enforce it (a TensorFlow run option, a gRPC
   *     deadline) and throw rather than answer late
   * @throws ScoringException when the model fails or does not answer within {@code timeout}
   */
  float[] score(EncodedBatch batch, Duration timeout);

  @Override
  void close();
}
