package io.vitrine.trainer.graph;

import io.vitrine.spec.encode.DenseValues;
import io.vitrine.spec.encode.EncodedBatch;
import io.vitrine.spec.encode.SparseValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** The tensors of an encoded batch, by input tensor name; closing this closes the tensors it made. */
public final class BatchTensors implements AutoCloseable {
  private final Map<String, Tensor> tensors = new LinkedHashMap<>();
  private final List<Tensor> owned = new ArrayList<>();
  private final Function<Object, Tensor> reused;

  public BatchTensors(EncodedBatch batch) {
    this(batch, array -> null);
  }

  /**
   * The tensors of {@code batch}, taking those that {@code reused} has for an array (a tensor shared across
   * batches, which this neither makes nor closes) and making the rest.
   */
  public BatchTensors(EncodedBatch batch, Function<Object, Tensor> reused) {
    this.reused = reused;
    try {
      for (SparseValues sparse : batch.sparse()) {
        put(sparse.input().idsTensor(), sparse.ids());
        put(sparse.input().splitsTensor(), sparse.rowSplits());
        if (sparse.weights() != null) {
          put(sparse.input().weightsTensor(), sparse.weights());
        }
        if (sparse.rowIndex() != null) {
          put(sparse.input().rowsTensor(), sparse.rowIndex());
        }
      }
      for (DenseValues dense : batch.dense()) {
        put(dense.input().denseTensor(), dense.values());
      }
      if (batch.labels() != null) {
        put(WideDeepGraph.LABELS, batch.labels());
      }
      if (batch.exampleWeights() != null) {
        put(WideDeepGraph.EXAMPLE_WEIGHTS, batch.exampleWeights());
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** A vector tensor of a {@code long[]} (int64) or {@code float[]} (float). */
  public static Tensor tensorOf(Object array) {
    return array instanceof long[] longs ? TInt64.vectorOf(longs) : TFloat32.vectorOf((float[]) array);
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
    owned.forEach(Tensor::close);
  }

  private void put(String name, Object array) {
    Tensor tensor = reused.apply(array);
    if (tensor == null) {
      tensor = tensorOf(array);
      owned.add(tensor);
    }
    tensors.put(name, tensor);
  }
}
