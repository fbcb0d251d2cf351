package io.vitrine.trainer.graph;

import io.vitrine.spec.encode.DenseValues;
import io.vitrine.spec.encode.EncodedBatch;
import io.vitrine.spec.encode.SparseValues;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** The tensors of an encoded batch, by input tensor name; closing this closes them all. */
public final class BatchTensors implements AutoCloseable {
  private final Map<String, Tensor> tensors = new LinkedHashMap<>();

  public BatchTensors(EncodedBatch batch) {
    try {
      for (SparseValues sparse : batch.sparse()) {
        tensors.put(sparse.input().idsTensor(), TInt64.vectorOf(sparse.ids()));
        tensors.put(sparse.input().splitsTensor(), TInt64.vectorOf(sparse.rowSplits()));
        if (sparse.weights() != null) {
          tensors.put(sparse.input().weightsTensor(), TFloat32.vectorOf(sparse.weights()));
        }
        if (sparse.rowIndex() != null) {
          tensors.put(sparse.input().rowsTensor(), TInt64.vectorOf(sparse.rowIndex()));
        }
      }
      for (DenseValues dense : batch.dense()) {
        tensors.put(dense.input().denseTensor(), TFloat32.vectorOf(dense.values()));
      }
      if (batch.labels() != null) {
        tensors.put(WideDeepGraph.LABELS, TFloat32.vectorOf(batch.labels()));
      }
      if (batch.exampleWeights() != null) {
        tensors.put(WideDeepGraph.EXAMPLE_WEIGHTS, TFloat32.vectorOf(batch.exampleWeights()));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Every tensor by name: the feature inputs, and labels and example weights when the batch has them. */
  public Map<String, Tensor> all() {
    return tensors;
  }

  /** Only the feature inputs, as the serving signature takes them. */
  public Map<String, Tensor> features() {
    Map<String, Tensor> features = new LinkedHashMap<>(tensors);
    features.remove(WideDeepGraph.LABELS);
    features.remove(WideDeepGraph.EXAMPLE_WEIGHTS);
    return features;
  }

  @Override
  public void close() {
    tensors.values().forEach(Tensor::close);
  }
}
