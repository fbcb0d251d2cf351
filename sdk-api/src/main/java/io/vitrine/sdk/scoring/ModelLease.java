package io.vitrine.sdk.scoring;

import io.vitrine.spec.encode.EncodedBatch;
import io.vitrine.spec.encode.FeatureEncoder;

/** One model version, held open while a request uses it. Close it when done. */
public interface ModelLease extends AutoCloseable {
  /** The model's name. */
  String modelName();

  /** The model's version. */
  long version();

  /** The encoder of the spec the model was trained with: encode this model's rows with it, and only it. */
  FeatureEncoder encoder();

  /** The click probability of every row of {@code batch}, in row order. */
  float[] score(EncodedBatch batch);

  @Override
  void close();
}
