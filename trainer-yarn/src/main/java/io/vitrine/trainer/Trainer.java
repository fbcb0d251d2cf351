package io.vitrine.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vitrine.spec.FeatureSpec;
import io.vitrine.spec.encode.EncodedBatch;
import io.vitrine.spec.encode.FeatureEncoder;
import io.vitrine.spec.encode.FeatureEncodingException;
import io.vitrine.trainer.eval.Metrics;
import io.vitrine.trainer.export.ModelExporter;
import io.vitrine.trainer.export.ModelVersions;
import io.vitrine.trainer.graph.BatchTensors;
import io.vitrine.trainer.graph.WideDeepGraph;
import io.vitrine.trainer.input.ParquetRows;
import io.vitrine.trainer.input.ShuffledBatches;
import io.vitrine.trainer.input.SourcedRow;
import io.vitrine.trainer.summary.EventFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Trains the Wide &amp; Deep model of a spec from Parquet rows, evaluates it, and exports it. The local trainer,
 * and what each YARN container runs.
 *
 * <pre>{@code
 * TrainingReport report = new Trainer(spec, TrainingConfig.builder()
 *     .trainData("hdfs:///data/clicks/train").evalData("hdfs:///data/clicks/eval")
 *     .epochs(5).modelBase("hdfs:///models").build()).train();
 * }</pre>
 */
public final class Trainer {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
  private static final int EVAL_BATCH = 4_096;
  private static final int LOGGED_BAD_ROWS = 10;
  private static final String CHECKPOINT = "ckpt";
  private static final String PROGRESS = "progress.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FeatureSpec spec;
  private final TrainingConfig config;
  private final Configuration conf;
  private final FeatureEncoder encoder;
  private final Schema schema;
  private final List<String> requiredColumns;
  private long skippedRows;

  public Trainer(FeatureSpec spec, TrainingConfig config) {
    this(spec, config, new Configuration());
  }

  /** A trainer reading and publishing through the Hadoop filesystems of {@code conf}. */
  public Trainer(FeatureSpec spec, TrainingConfig config, Configuration conf) {
    this.spec = spec;
    this.config = config;
    this.conf = conf;
    this.encoder = spec.encoder();
    this.schema = spec.trainingSchema();
    this.requiredColumns = List.of(spec.label().key());
  }

  /** Trains, evaluates and (when a model base is configured) publishes a new version. */
  public TrainingReport train() {
    List<org.apache.hadoop.fs.Path> trainFiles = ParquetRows.files(conf, config.trainData());
    List<EncodedBatch> evalBatches = config.evalData().isEmpty() ? List.of()
        : readEvalBatches(ParquetRows.files(conf, config.evalData()));
    long evalRows = evalBatches.stream().mapToLong(EncodedBatch::rows).sum();
    LOG.info("training '{}' ({} wide, {} deep columns) on {} file(s), evaluating on {} rows", spec.name(),
        spec.wide().size(), spec.deep().size(), trainFiles.size(), evalRows);
    ConfigProto session = ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(config.threads()).setInterOpParallelismThreads(config.threads() == 0 ? 0 : 1)
        .build();
    try (Graph graph = new Graph();
         EventFileWriter events = config.logDir() == null ? null : new EventFileWriter(Path.of(config.logDir()))) {
      WideDeepGraph model = new WideDeepGraph(graph, spec);
      try (Session s = new Session(graph, session)) {
        int startEpoch = restoreOrInitialize(s);
        Run run = new Run(s, model, events, evalBatches);
        run.train(trainFiles, startEpoch);
        Metrics metrics = evalBatches.isEmpty() ? null : run.evaluate();
        TrainingReport report = new TrainingReport(modelName(), spec.fingerprint(), config, run.epochRows,
            evalRows, skippedRows, run.globalStep(), run.epochsDone, run.windowLoss(), metrics, run.trainSeconds(),
            run.examples / Math.max(run.trainSeconds(), 1e-9), 0, null, libraries());
        if (metrics != null) {
          LOG.info("final evaluation: {}", metrics);
        }
        return config.modelBase() == null ? report : export(s, model, report, run.checkBatch(trainFiles));
      }
    }
  }

  private TrainingReport export(Session session, WideDeepGraph model, TrainingReport report, EncodedBatch check) {
    ModelVersions versions = new ModelVersions(conf, config.modelBase(), modelName());
    long version = Math.max(versions.latest() + 1, 1);
    String path = new org.apache.hadoop.fs.Path(versions.modelDir(), Long.toString(version)).toString();
    TrainingReport exported = report.withExport(version, path);
    long start = System.nanoTime();
    org.apache.hadoop.fs.Path published = ModelExporter.export(session, model, versions, version, exported, check, conf);
    LOG.info("exported and checked version {} at {} in {} ms", version, published, (System.nanoTime() - start) / 1_000_000);
    return exported;
  }

  private String modelName() {
    return config.modelName() != null ? config.modelName() : spec.name();
  }

  private int restoreOrInitialize(Session session) {
    if (config.checkpointDir() != null) {
      Path progress = Path.of(config.checkpointDir(), PROGRESS);
      if (Files.exists(progress)) {
        try {
          JsonNode saved = JSON.readTree(progress.toFile());
          if (!spec.fingerprint().equals(saved.get("fingerprint").asText())) {
            throw new TrainingException("checkpoint in " + config.checkpointDir() + " was written for another spec ("
                + saved.get("fingerprint").asText() + "); use an empty checkpoint directory for this spec");
          }
          session.restore(Path.of(config.checkpointDir(), CHECKPOINT).toString());
          LOG.info("resumed from checkpoint at step {}, {} epoch(s) done", saved.get("step").asLong(),
              saved.get("epochs").asInt());
          return saved.get("epochs").asInt();
        } catch (IOException e) {
          throw new TrainingException("cannot read checkpoint progress " + progress, e);
        }
      }
    }
    session.initialize();
    return 0;
  }

  private List<EncodedBatch> readEvalBatches(List<org.apache.hadoop.fs.Path> files) {
    List<EncodedBatch> batches = new ArrayList<>();
    Iterator<SourcedRow> rows = ParquetRows.read(conf, files, schema, requiredColumns);
    List<SourcedRow> chunk = new ArrayList<>(EVAL_BATCH);
    while (rows.hasNext()) {
      chunk.add(rows.next());
      if (chunk.size() == EVAL_BATCH || !rows.hasNext()) {
        batches.add(encode(chunk));
        chunk = new ArrayList<>(EVAL_BATCH);
      }
    }
    return batches;
  }

  /** Encodes training rows; a malformed row fails the run or is skipped, per the config, never zeroed. */
  EncodedBatch encode(List<SourcedRow> rows) {
    List<SourcedRow> remaining = new ArrayList<>(rows);
    while (true) {
      List<Map<String, Object>> values = new ArrayList<>(remaining.size());
      remaining.forEach(r -> values.add(r.values()));
      try {
        return encoder.encodeTraining(values);
      } catch (FeatureEncodingException e) {
        SourcedRow bad = remaining.get(e.row());
        String problem = bad.where() + ": column '" + e.column() + "': " + e.problem();
        if (config.badRows() == BadRowPolicy.FAIL) {
          throw new TrainingException("malformed training row at " + problem
              + " (set badRows(SKIP) to skip such rows)", e);
        }
        if (++skippedRows <= LOGGED_BAD_ROWS) {
          LOG.warn("skipping malformed row at {}", problem);
        }
        remaining.remove(e.row());
      }
    }
  }

  private static Map<String, String> libraries() {
    String vitrine = Trainer.class.getPackage().getImplementationVersion();
    return Map.of("vitrine", vitrine == null ? "development" : vitrine, "tensorflow", TensorFlow.version(),
        "java", System.getProperty("java.version"));
  }

  /** The state of one training run. */
  private final class Run {
    private final Session session;
    private final WideDeepGraph model;
    private final EventFileWriter events;
    private final List<EncodedBatch> evalBatches;
    private final float keepProbability;
    private long examples;
    private long epochRows;
    private int epochsDone;
    private long trainNanos;
    private double lossSum;
    private int lossCount;
    private double lastWindowLoss = Double.NaN;
    private long step;

    Run(Session session, WideDeepGraph model, EventFileWriter events, List<EncodedBatch> evalBatches) {
      this.session = session;
      this.model = model;
      this.events = events;
      this.evalBatches = evalBatches;
      this.keepProbability = (float) (1 - spec.hyperParameters().dropout());
      try (Result result = session.runner().fetch(model.globalStep()).run()) {
        this.step = ((TInt64) result.get(0)).getLong();
      }
    }

    void train(List<org.apache.hadoop.fs.Path> files, int startEpoch) {
      epochsDone = startEpoch;
      long windowStart = System.nanoTime();
      long windowExamples = 0;
      for (int epoch = startEpoch; epoch < config.epochs() && !stepLimitReached(); epoch++) {
        Random random = new Random(spec.hyperParameters().seed() * 1_000_003L + epoch);
        ShuffledBatches batches = new ShuffledBatches(ParquetRows.read(conf, files, schema, requiredColumns),
            config.shuffleBuffer(), spec.hyperParameters().batchSize(), random);
        epochRows = 0;
        long start = System.nanoTime();
        for (List<SourcedRow> rows = batches.next(); !rows.isEmpty() && !stepLimitReached(); rows = batches.next()) {
          EncodedBatch batch = encode(rows);
          if (batch.rows() == 0) {
            continue;
          }
          lossSum += step(batch);
          lossCount++;
          epochRows += batch.rows();
          examples += batch.rows();
          windowExamples += batch.rows();
          if (step % config.logEverySteps() == 0) {
            double seconds = (System.nanoTime() - windowStart) / 1e9;
            double perSecond = windowExamples / seconds;
            lastWindowLoss = lossSum / lossCount;
            LOG.info("epoch {} step {}: loss {} at {} examples/s", epoch + 1, step,
                String.format("%.4f", lastWindowLoss), String.format("%,.0f", perSecond));
            scalar("loss", step, lastWindowLoss);
            scalar("examples_per_second", step, perSecond);
            lossSum = 0;
            lossCount = 0;
            windowStart = System.nanoTime();
            windowExamples = 0;
          }
          if (config.evalEverySteps() > 0 && step % config.evalEverySteps() == 0 && !evalBatches.isEmpty()) {
            evaluate();
          }
          if (config.checkpointDir() != null && step % config.checkpointEverySteps() == 0) {
            checkpoint(epoch);
          }
        }
        trainNanos += System.nanoTime() - start;
        if (!stepLimitReached() || epochRows > 0) {
          epochsDone = epoch + 1;
        }
        LOG.info("epoch {} done: {} rows, step {}", epoch + 1, epochRows, globalStep());
        if (config.checkpointDir() != null) {
          checkpoint(epochsDone);
        }
        if (!evalBatches.isEmpty() && epoch + 1 < config.epochs()) {
          evaluate();
        }
      }
      if (lossCount > 0) {
        lastWindowLoss = lossSum / lossCount;
      }
      if (events != null) {
        events.flush();
      }
    }

    private float step(EncodedBatch batch) {
      try (BatchTensors tensors = new BatchTensors(batch);
           TFloat32 keep = TFloat32.scalarOf(keepProbability)) {
        Session.Runner runner = session.runner();
        tensors.all().forEach(runner::feed);
        runner.feed(model.keepProbability(), keep);
        model.trainOps().forEach(runner::addTarget);
        try (Result result = runner.fetch(model.loss()).run()) {
          step++;
          return ((TFloat32) result.get(0)).getFloat();
        }
      }
    }

    Metrics evaluate() {
      List<float[]> predictions = new ArrayList<>();
      List<float[]> labels = new ArrayList<>();
      for (EncodedBatch batch : evalBatches) {
        predictions.add(predict(batch));
        labels.add(batch.labels());
      }
      Metrics metrics = Metrics.of(concat(predictions), concat(labels));
      LOG.info("evaluation at step {}: {}", step, metrics);
      scalar("eval/auc", step, metrics.auc());
      scalar("eval/log_loss", step, metrics.logLoss());
      scalar("eval/accuracy", step, metrics.accuracy());
      return metrics;
    }

    float[] predict(EncodedBatch batch) {
      try (BatchTensors tensors = new BatchTensors(batch)) {
        Session.Runner runner = session.runner();
        tensors.features().forEach(runner::feed);
        try (Result result = runner.fetch(model.probabilities()).run()) {
          return ModelExporter.flat((TFloat32) result.get(0));
        }
      }
    }

    /** Rows to check the exported model against: the first evaluation batch, else the first training rows. */
    EncodedBatch checkBatch(List<org.apache.hadoop.fs.Path> files) {
      if (!evalBatches.isEmpty()) {
        return evalBatches.get(0);
      }
      ShuffledBatches first = new ShuffledBatches(ParquetRows.read(conf, files, schema, requiredColumns), 1, 256,
          new Random(0));
      return encode(first.next());
    }

    private void checkpoint(int epochs) {
      try {
        Path dir = Files.createDirectories(Path.of(config.checkpointDir()));
        session.save(dir.resolve(CHECKPOINT).toString());
        Files.writeString(dir.resolve(PROGRESS), JSON.writeValueAsString(Map.of(
            "fingerprint", spec.fingerprint(), "step", globalStep(), "epochs", epochs)));
      } catch (IOException e) {
        throw new TrainingException("cannot write checkpoint to " + config.checkpointDir(), e);
      }
    }

    long globalStep() {
      return step;
    }

    private boolean stepLimitReached() {
      return config.maxSteps() > 0 && step >= config.maxSteps();
    }

    double windowLoss() {
      return lastWindowLoss;
    }

    double trainSeconds() {
      return trainNanos / 1e9;
    }

    private void scalar(String tag, long step, double value) {
      if (events != null) {
        events.scalar(tag, step, value);
      }
    }
  }

  private static float[] concat(List<float[]> parts) {
    int n = parts.stream().mapToInt(p -> p.length).sum();
    float[] all = new float[n];
    int offset = 0;
    for (float[] part : parts) {
      System.arraycopy(part, 0, all, offset, part.length);
      offset += part.length;
    }
    return all;
  }
}
