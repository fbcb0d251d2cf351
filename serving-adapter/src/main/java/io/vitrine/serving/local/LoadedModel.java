package io.vitrine.serving.local;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.vitrine.sdk.scoring.ModelLease;
import io.vitrine.sdk.scoring.ScoringException;
import io.vitrine.spec.FeatureSpec;
import io.vitrine.spec.encode.EncodedBatch;
import io.vitrine.spec.encode.FeatureEncoder;
import io.vitrine.spec.encode.PreparedArticles;
import io.vitrine.trainer.export.ServingCall;
import io.vitrine.trainer.graph.BatchTensors;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * One loaded SavedModel version, reference-counted: the scorer holds one reference while the version is
 * current, each lease one more; the bundle is closed when the last reference goes.
 */
final class LoadedModel {
  private final String name;
  private final long version;
  private final FeatureSpec spec;
  private final FeatureEncoder encoder;
  private final SavedModelBundle bundle;
  private final ServingCall serving;
  private final RefCount references = new RefCount();
  /** Tensors of prepared candidate sets, closed when their set is collected or evicted, or this model closes. */
  private final Cache<PreparedArticles, SharedTensors> sharedTensors = Caffeine.newBuilder().weakKeys()
      .maximumSize(16).executor(Runnable::run)
      .removalListener((PreparedArticles articles, SharedTensors tensors, RemovalCause cause) -> tensors.release())
      .build();
  private volatile boolean closed;

  LoadedModel(String name, long version, FeatureSpec spec, SavedModelBundle bundle) {
    this.name = name;
    this.version = version;
    this.spec = spec;
    this.encoder = spec.encoder();
    this.bundle = bundle;
    this.serving = new ServingCall(bundle);
  }

  long version() {
    return version;
  }

  FeatureSpec spec() {
    return spec;
  }

  ServingCall serving() {
    return serving;
  }

  boolean isClosed() {
    return closed;
  }

  /** A lease, or null when this version is already closing. */
  ModelLease lease() {
    return references.retain() ? new Lease() : null;
  }

  /** Drops the scorer's own reference: the version closes when its last lease does. */
  void retire() {
    release();
  }

  /** Scores {@code batch}; TensorFlow cancels the run after {@code timeout} (rounded up to whole milliseconds). */
  float[] score(EncodedBatch batch, Duration timeout) {
    long millis = Math.max(1, (timeout.toNanos() + 999_999) / 1_000_000);
    long start = System.nanoTime();
    PreparedArticles articles = batch.prepared();
    SharedTensors shared = acquireShared(articles);
    try (BatchTensors tensors = new BatchTensors(batch, array -> shared == null ? null : shared.tensorOf(articles, array))) {
      return serving.probabilities(tensors.features(), millis);
    } catch (TensorFlowException e) {
      long took = (System.nanoTime() - start) / 1_000_000;
      throw new ScoringException(took >= millis
          ? "model " + name + " v" + version + " did not answer within " + millis + " ms"
          : "model " + name + " v" + version + " failed: " + e.getMessage(), e);
    } finally {
      if (shared != null) {
        shared.release();
      }
    }
  }

  /** The tensors shared by batches of {@code articles}, with a reference taken; null without articles. */
  private SharedTensors acquireShared(PreparedArticles articles) {
    if (articles == null) {
      return null;
    }
    SharedTensors shared = sharedTensors.get(articles, k -> new SharedTensors());
    return shared.acquire() ? shared : null;
  }

  private void release() {
    if (references.release()) {
      closed = true;
      sharedTensors.invalidateAll();
      bundle.close();
    }
  }

  private final class Lease implements ModelLease {
    private final AtomicInteger open = new AtomicInteger(1);

    @Override
    public String modelName() {
      return name;
    }

    @Override
    public long version() {
      return version;
    }

    @Override
    public FeatureEncoder encoder() {
      return encoder;
    }

    @Override
    public float[] score(EncodedBatch batch, Duration timeout) {
      if (open.get() == 0) {
        throw new ScoringException("lease of " + name + " v" + version + " is closed");
      }
      return LoadedModel.this.score(batch, timeout);
    }

    @Override
    public void close() {
      if (open.compareAndSet(1, 0)) {
        release();
      }
    }
  }
}
