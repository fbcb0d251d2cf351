package io.vitrine.sdk.scoring;

/**
 * Scores encoded rows with a model (SPI). Implementations: the local TensorFlow scorer with hot reload and the
 * remote TensorFlow Serving client, in {@code serving-adapter}. Thread-safe.
 */
public interface Scorer extends AutoCloseable {
  /**
   * Leases the current model: it stays open, even if a newer version replaces it, until the lease is closed.
   *
   * @throws ScoringException when there is no model to score with
   */
  ModelLease acquire();

  /** Stops the scorer and releases its models once their leases are closed. */
  @Override
  void close();
}
