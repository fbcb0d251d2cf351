package io.vitrine.serving.local;

import io.vitrine.spec.encode.PreparedArticles;
import io.vitrine.trainer.graph.BatchTensors;
import java.util.IdentityHashMap;
import java.util.Map;
import org.tensorflow.Tensor;

/**
 * The tensors of one prepared candidate set's own columns, made on first use and fed to every request ranking that
 * set. Reference-counted like {@link LoadedModel}: the cache that holds it owns one reference, each request one
 * more; the tensors are closed when the last goes.
 */
final class SharedTensors {
  private final Map<Object, Tensor> tensors = new IdentityHashMap<>();
  private final RefCount references = new RefCount();

  /** Takes a reference; false when these tensors are already closing. */
  boolean acquire() {
    return references.retain();
  }

  void release() {
    if (references.release()) {
      synchronized (this) {
        tensors.values().forEach(Tensor::close);
        tensors.clear();
      }
    }
  }

  boolean isClosed() {
    return references.isZero();
  }

  /** The tensor of {@code array} if it belongs to {@code articles}' own columns, else null. */
  synchronized Tensor tensorOf(PreparedArticles articles, Object array) {
    return articles.shares(array) ? tensors.computeIfAbsent(array, BatchTensors::tensorOf) : null;
  }
}
