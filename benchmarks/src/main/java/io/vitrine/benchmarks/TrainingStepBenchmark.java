package io.vitrine.benchmarks;

import static io.vitrine.spec.column.FeatureColumns.categoricalWithHashBucket;
import static io.vitrine.spec.column.FeatureColumns.embedding;

import io.vitrine.examples.census.CensusData;
import io.vitrine.examples.census.CensusSpec;
import io.vitrine.spec.FeatureSpec;
import io.vitrine.spec.encode.EncodedBatch;
import io.vitrine.trainer.graph.BatchTensors;
import io.vitrine.trainer.graph.WideDeepGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;

/**
 * One Wide &amp; Deep training step on pre-built tensors (batch 512): the census model, and a model whose only
 * wide table and embedding have 10k or 1M rows, to show that sparse updates keep the step cost flat.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = "-Xmx4g")
public class TrainingStepBenchmark {
  static final int BATCH = 512;

  /** A graph, its session and one batch of tensors fed to every step. */
  abstract static class StepState {
    Graph graph;
    Session session;
    WideDeepGraph model;
    BatchTensors tensors;

    void open(FeatureSpec spec, EncodedBatch batch) {
      graph = new Graph();
      model = new WideDeepGraph(graph, spec);
      session = new Session(graph);
      session.initialize();
      tensors = new BatchTensors(batch);
    }

    float step() {
      Session.Runner runner = session.runner();
      tensors.all().forEach(runner::feed);
      model.trainOps().forEach(runner::addTarget);
      try (Result result = runner.fetch(model.loss()).run()) {
        return ((org.tensorflow.types.TFloat32) result.get(0)).getFloat();
      }
    }

    @TearDown(Level.Trial)
    public void close() {
      tensors.close();
      session.close();
      graph.close();
    }
  }

  @State(Scope.Benchmark)
  public static class Census extends StepState {
    @Param("examples/data/adult/adult.data")
    public String data;

    @Setup(Level.Trial)
    public void setUp() {
      Path file = Path.of(data);
      if (!Files.exists(file)) {
        file = Path.of("..").resolve(data);
      }
      List<Map<String, Object>> rows = CensusData.read(file).subList(0, BATCH);
      FeatureSpec spec = CensusSpec.spec(CensusSpec.ModelType.WIDE_DEEP);
      open(spec, spec.encoder().encodeTraining(rows));
    }
  }

  @State(Scope.Benchmark)
  public static class TableSize extends StepState {
    @Param({"10000", "1000000"})
    public int buckets;

    @Setup(Level.Trial)
    public void setUp() {
      var item = categoricalWithHashBucket("item", buckets);
      FeatureSpec spec = FeatureSpec.builder("table").label("clicked").wide(item).deep(embedding(item, 16))
          .hiddenUnits(32).build();
      Random random = new Random(5);
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int i = 0; i < BATCH; i++) {
        Map<String, Object> row = new HashMap<>();
        row.put("item", "item-" + random.nextInt(5_000_000));
        row.put("clicked", random.nextInt(2));
        rows.add(row);
      }
      open(spec, spec.encoder().encodeTraining(rows));
    }
  }

  @Benchmark
  public float censusStep(Census state) {
    return state.step();
  }

  @Benchmark
  public float tableStep(TableSize state) {
    return state.step();
  }
}
