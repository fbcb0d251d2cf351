package io.vitrine.serving.local;

import io.vitrine.sdk.scoring.ModelLease;
import io.vitrine.sdk.scoring.Scorer;
import io.vitrine.sdk.scoring.ScoringException;
import io.vitrine.spec.EncodedInput;
import io.vitrine.spec.FeatureSpec;
import io.vitrine.spec.column.FeatureColumn;
import io.vitrine.spec.column.NumericColumn;
import io.vitrine.spec.encode.EncodedBatch;
import io.vitrine.spec.encode.FeatureEncoder;
import io.vitrine.spec.encode.PartialEncoding;
import io.vitrine.trainer.export.ModelExporter;
import io.vitrine.trainer.export.ModelVersions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;

/**
 * Serves SavedModels exported by the trainer from {@code <base>/<model>/<version>/} on any Hadoop filesystem, in
 * process with TensorFlow Java. Each version is encoded with the spec stored inside it. A watcher polls the
 * base path (default every second, as TensorFlow Serving does), loads a new complete version in the background,
 * checks its signature and the application's expectations, warms it up, and swaps it in atomically; the old
 * version closes when its last in-flight request finishes. A corrupt or incompatible version is logged and
 * skipped, and the current one keeps serving.
 */
public final class LocalScorer implements Scorer {
  private static final Logger LOG = LoggerFactory.getLogger(LocalScorer.class);
  /** Warm-up runs a freshly loaded graph for the first time, which can take far longer than a request. */
  private static final Duration WARMUP_TIMEOUT = Duration.ofMinutes(1);

  private final String modelName;
  private final ModelVersions versions;
  private final VersionPolicy policy;
  private final Set<String> providedKeys;
  private final List<Integer> warmupBatches;
  private final AtomicReference<LoadedModel> current = new AtomicReference<>();
  private final Map<Long, String> rejected = new ConcurrentHashMap<>();
  private final ScheduledExecutorService watcher;
  private volatile String lastProblem = "no version published yet";
  private volatile boolean closed;

  private LocalScorer(Builder b) {
    this.modelName = b.modelName;
    this.versions = new ModelVersions(b.conf, b.modelBase, b.modelName);
    this.policy = b.policy;
    this.providedKeys = b.providedKeys;
    this.warmupBatches = b.warmupBatches;
    poll();
    this.watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "vitrine-model-watcher-" + modelName);
      thread.setDaemon(true);
      return thread;
    });
    long interval = b.pollInterval.toMillis();
    watcher.scheduleWithFixedDelay(this::pollQuietly, interval, interval, TimeUnit.MILLISECONDS);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public ModelLease acquire() {
    while (true) {
      LoadedModel model = current.get();
      if (model == null) {
        throw new ScoringException("no version of model '" + modelName + "' under " + versions.modelDir()
            + " is loaded: " + lastProblem);
      }
      ModelLease lease = model.lease();
      if (lease != null) {
        return lease;
      }
      // the version was swapped out and closed between get() and lease(): take the new one
    }
  }

  /** The version being served, or 0 when none is. */
  public long currentVersion() {
    LoadedModel model = current.get();
    return model == null ? 0 : model.version();
  }

  /** The version being served, for tests of its life cycle. */
  LoadedModel loaded() {
    return current.get();
  }

  /** The spec of the version being served, or null. */
  public FeatureSpec currentSpec() {
    LoadedModel model = current.get();
    return model == null ? null : model.spec();
  }

  /** Versions that were found unusable, with the reason. */
  public Map<Long, String> rejectedVersions() {
    return Map.copyOf(rejected);
  }

  /** Waits until some version serves; throws {@link ModelLoadException} with the last problem on timeout. */
  public LocalScorer awaitModel(Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (current.get() == null) {
      if (System.nanoTime() > end) {
        throw new ModelLoadException("no version of '" + modelName + "' loaded within " + timeout + ": " + lastProblem);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ModelLoadException("interrupted while waiting for a model", e);
      }
    }
    return this;
  }

  /** Checks for a new version now instead of at the next poll. */
  public synchronized void poll() {
    if (closed) {
      return;
    }
    List<Long> published = versions.versions();
    LoadedModel serving = current.get();
    for (long version : policy.candidates(published)) {
      if (serving != null && version == serving.version()) {
        return;
      }
      if (serving != null && policy instanceof VersionPolicy.Latest && version < serving.version()) {
        return;
      }
      if (rejected.containsKey(version) || !isComplete(version)) {
        continue;
      }
      try {
        LoadedModel loaded = load(version);
        LoadedModel old = current.getAndSet(loaded);
        LOG.info("serving {} v{}{}", modelName, version, old == null ? "" : " (was v" + old.version() + ")");
        if (old != null) {
          old.retire();
        }
        return;
      } catch (RuntimeException e) {
        rejected.put(version, e.getMessage());
        lastProblem = "v" + version + ": " + e.getMessage();
        LOG.warn("skipping {} v{}: {}{}", modelName, version, e.getMessage(),
            serving == null ? "" : "; still serving v" + serving.version());
      }
    }
    if (serving == null && !published.isEmpty() && rejected.isEmpty()) {
      lastProblem = "no complete version among " + published;
    }
  }

  private void pollQuietly() {
    try {
      poll();
    } catch (RuntimeException e) {
      lastProblem = e.getMessage();
      LOG.warn("cannot check for new versions of {}: {}", modelName, e.getMessage());
    }
  }

  private boolean isComplete(long version) {
    try {
      FileSystem fs = versions.fileSystem();
      org.apache.hadoop.fs.Path dir = versions.versionDir(version);
      return fs.exists(new org.apache.hadoop.fs.Path(dir, "saved_model.pb"))
          && fs.exists(new org.apache.hadoop.fs.Path(dir, ModelExporter.ASSETS_EXTRA + "/" + ModelExporter.SPEC_FILE));
    } catch (IOException e) {
      return false;
    }
  }

  private LoadedModel load(long version) {
    long start = System.nanoTime();
    Path local = null;
    try {
      local = Files.createTempDirectory("vitrine-model-");
      versions.fileSystem().copyToLocalFile(false, versions.versionDir(version), new org.apache.hadoop.fs.Path(local.toUri()), true);
      Path dir = local.resolve(Long.toString(version));
      FeatureSpec spec = FeatureSpec.fromJson(Files.readString(
          dir.resolve(ModelExporter.ASSETS_EXTRA).resolve(ModelExporter.SPEC_FILE), StandardCharsets.UTF_8));
      checkExpectations(spec);
      SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve");
      LoadedModel model = null;
      try {
        model = new LoadedModel(modelName, version, spec, bundle);
        checkSignature(model);
        warmUp(model);
        LOG.info("loaded {} v{} in {} ms", modelName, version, (System.nanoTime() - start) / 1_000_000);
        return model;
      } catch (RuntimeException e) {
        if (model != null) {
          model.retire();
        } else {
          bundle.close();
        }
        throw e;
      }
    } catch (IOException e) {
      throw new ModelLoadException("cannot read " + versions.versionDir(version) + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw e instanceof ModelLoadException ? e : new ModelLoadException(e.getMessage(), e);
    } finally {
      if (local != null) {
        FileUtil.fullyDelete(local.toFile());
      }
    }
  }

  private void checkExpectations(FeatureSpec spec) {
    if (providedKeys == null) {
      return;
    }
    Set<String> missing = new HashSet<>(spec.featureKeys());
    missing.removeAll(providedKeys);
    if (!missing.isEmpty()) {
      throw new ModelLoadException("its spec '" + spec.name() + "' (" + spec.fingerprint().substring(0, 12)
          + ") needs features the application does not provide: " + missing.stream().sorted().toList());
    }
  }

  private static void checkSignature(LoadedModel model) {
    Signature signature = model.serving().signature();
    Set<String> inputs = signature.inputNames();
    for (EncodedInput input : model.spec().inputs()) {
      for (String name : input.tensorNames()) {
        if (!inputs.contains(name)) {
          throw new ModelLoadException("its serving_default signature has no input '" + name
              + "' that its spec requires; inputs are " + inputs);
        }
      }
    }
    if (!signature.outputNames().contains("probabilities")) {
      throw new ModelLoadException("its serving_default signature has no 'probabilities' output");
    }
  }

  /** Scores rows of defaults at each warm-up batch size, so the first real request does not pay for it. */
  private void warmUp(LoadedModel model) {
    FeatureEncoder encoder = model.spec().encoder();
    Map<String, Object> row = new HashMap<>();
    for (FeatureColumn column : model.spec().columns()) {
      if (column instanceof NumericColumn numeric && numeric.defaultValue() == null) {
        row.put(numeric.name(), 0.0);
      }
    }
    PartialEncoding part = encoder.encodePart(row);
    PartialEncoding empty = encoder.encodePart(Map.of());
    for (int size : warmupBatches) {
      EncodedBatch batch = encoder.combine(part, Collections.nCopies(size, empty));
      float[] scores = model.score(batch, WARMUP_TIMEOUT);
      for (float score : scores) {
        if (!(score >= 0 && score <= 1)) {
          throw new ModelLoadException("warm-up scored " + score + ", not a probability");
        }
      }
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (watcher != null) {
      watcher.shutdownNow();
    }
    LoadedModel model = current.getAndSet(null);
    if (model != null) {
      model.retire();
    }
  }

  /** Settings of a {@link LocalScorer}; model base and name are required. */
  public static final class Builder {
    private String modelBase;
    private String modelName;
    private Configuration conf = new Configuration();
    private Duration pollInterval = Duration.ofSeconds(1);
    private VersionPolicy policy = VersionPolicy.latest();
    private Set<String> providedKeys;
    private List<Integer> warmupBatches = List.of(1, 100);

    /** Where models are published ({@code file:}, {@code hdfs:} or a local path). */
    public Builder modelBase(String modelBase) {
      this.modelBase = modelBase;
      return this;
    }

    public Builder modelName(String modelName) {
      this.modelName = modelName;
      return this;
    }

    /** The Hadoop configuration that resolves the model base's filesystem. */
    public Builder conf(Configuration conf) {
      this.conf = conf;
      return this;
    }

    /** How often to look for new versions (default 1 s). */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = interval;
      return this;
    }

    public Builder versionPolicy(VersionPolicy policy) {
      this.policy = policy;
      return this;
    }

    /**
     * The feature keys the application provides (user, context and article keys); a version whose spec needs
     * others is rejected at load time with the missing keys named.
     */
    public Builder providedFeatureKeys(Collection<String> keys) {
      this.providedKeys = Set.copyOf(keys);
      return this;
    }

    /** Batch sizes scored once before a version serves (default 1 and 100). */
    public Builder warmupBatches(Integer... sizes) {
      this.warmupBatches = List.of(sizes);
      return this;
    }

    /** Builds the scorer, loads the best version present (if any) and starts watching for new ones. */
    public LocalScorer build() {
      if (modelBase == null || modelName == null) {
        throw new IllegalArgumentException("modelBase and modelName are required");
      }
      if (pollInterval.isNegative() || pollInterval.isZero()) {
        throw new IllegalArgumentException("pollInterval must be positive, got " + pollInterval);
      }
      return new LocalScorer(this);
    }
  }
}
