package io.vitrine.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vitrine.spec.FeatureSpec;
import io.vitrine.spec.encode.EncodedBatch;
import io.vitrine.trainer.eval.Metrics;
import io.vitrine.trainer.export.ModelExporter;
import io.vitrine.trainer.graph.BatchTensors;
import io.vitrine.trainer.input.ParquetRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.types.TFloat32;

class TrainerTest {
  static final FeatureSpec SPEC = SyntheticClicks.spec();
  static final Configuration CONF = new Configuration();
  @TempDir static Path data;

  @BeforeAll
  static void writeData() {
    SyntheticClicks.write(CONF, data.resolve("train.parquet").toString(), SPEC, 1, 6_000);
    SyntheticClicks.write(CONF, data.resolve("eval.parquet").toString(), SPEC, 2, 2_000);
  }

  private static TrainingConfig.Builder config() {
    return TrainingConfig.builder()
        .trainData(data.resolve("train.parquet").toString())
        .evalData(data.resolve("eval.parquet").toString())
        .shuffleBuffer(1_000)
        .logEverySteps(20);
  }

  @Test
  void trainsEvaluatesExportsAndTheExportedModelReproducesPredictions(@TempDir Path work) throws Exception {
    String base = work.resolve("models").toString();
    TrainingReport report = new Trainer(SPEC, config().epochs(3).modelBase(base).logDir(work.resolve("tb").toString())
        .build(), CONF).train();

    assertThat(report.eval().auc()).as("held-out AUC of a learnable task").isGreaterThan(0.8);
    assertThat(report.eval().examples()).isEqualTo(2_000);
    assertThat(report.trainRows()).isEqualTo(6_000);
    assertThat(report.steps()).isEqualTo(3 * 47);
    assertThat(report.version()).isEqualTo(1);

    Path version = work.resolve("models/clicks/1");
    assertThat(version.resolve("saved_model.pb")).exists();
    assertThat(version.resolve("variables")).isDirectory();
    FeatureSpec stored = FeatureSpec.fromJson(Files.readString(version.resolve("assets.extra/feature_spec.json")));
    assertThat(stored).isEqualTo(SPEC);
    assertThat(Files.readString(version.resolve("assets.extra/training_report.json")))
        .contains("\"specFingerprint\" : \"" + SPEC.fingerprint() + "\"", "\"auc\"", "\"tensorflow\"");

    // the exported model, loaded on its own, gives the metrics the trainer reported
    EncodedBatch eval = SPEC.encoder().encodeTraining(SyntheticClicks.rows(2, 2_000));
    try (SavedModelBundle bundle = SavedModelBundle.load(version.toString(), "serve");
         BatchTensors tensors = new BatchTensors(eval);
         Result result = bundle.function("serving_default").call(tensors.features())) {
      float[] p = ModelExporter.flat((TFloat32) result.get("probabilities").orElseThrow());
      Metrics loaded = Metrics.of(p, eval.labels());
      assertThat(loaded.auc()).isEqualTo(report.eval().auc());
      assertThat(loaded.logLoss()).isEqualTo(report.eval().logLoss());
    }

    TrainingReport second = new Trainer(SPEC, config().maxSteps(5).modelBase(base).build(), CONF).train();
    assertThat(second.version()).as("versions only grow").isEqualTo(2);
    assertThat(work.resolve("models/clicks/2/saved_model.pb")).exists();
  }

  @Test
  void resumingFromACheckpointContinuesWhereItStopped(@TempDir Path work) {
    String straight = work.resolve("straight").toString();
    String resumed = work.resolve("resumed").toString();
    TrainingReport twoEpochs = new Trainer(SPEC, config().epochs(2).checkpointDir(straight).build(), CONF).train();
    TrainingReport oneEpoch = new Trainer(SPEC, config().epochs(1).checkpointDir(resumed).build(), CONF).train();
    TrainingReport afterResume = new Trainer(SPEC, config().epochs(2).checkpointDir(resumed).build(), CONF).train();
    assertThat(afterResume.steps()).isEqualTo(twoEpochs.steps()).isEqualTo(2 * oneEpoch.steps());
    assertThat(afterResume.epochs()).isEqualTo(2);
    // TensorFlow's CPU kernels are not bit-for-bit repeatable (runs differ by ~1e-5 in log loss), so compare
    // with a tolerance far below what one more or one fewer epoch changes (~4e-2 here)
    assertThat(afterResume.eval().logLoss()).isCloseTo(twoEpochs.eval().logLoss(), within(1e-3));
    assertThat(afterResume.eval().auc()).isCloseTo(twoEpochs.eval().auc(), within(1e-3));
    assertThat(oneEpoch.eval().logLoss() - twoEpochs.eval().logLoss()).isGreaterThan(1e-2);
  }

  @Test
  void aCheckpointOfAnotherSpecIsRejected(@TempDir Path work) {
    String dir = work.resolve("ckpt").toString();
    new Trainer(SPEC, config().maxSteps(2).checkpointDir(dir).build(), CONF).train();
    FeatureSpec other = SyntheticClicks.builder().hiddenUnits(4).build();
    assertThatThrownBy(() -> new Trainer(other, config().maxSteps(2).checkpointDir(dir).build(), CONF).train())
        .isInstanceOf(TrainingException.class)
        .hasMessageContaining("was written for another spec");
  }

  @Test
  void malformedRowsFailWithFileAndRowOrAreSkippedAndCounted(@TempDir Path work) {
    List<Map<String, Object>> rows = SyntheticClicks.rows(3, 300);
    rows.get(17).put("x", Double.NaN);
    rows.get(120).put("hour", 31L);
    String file = work.resolve("bad.parquet").toString();
    ParquetRows.write(CONF, file, SPEC.trainingSchema(), rows);

    TrainingConfig.Builder base = TrainingConfig.builder().trainData(file).shuffleBuffer(1);
    assertThatThrownBy(() -> new Trainer(SPEC, base.build(), CONF).train())
        .isInstanceOf(TrainingException.class)
        .hasMessageContaining("bad.parquet row 17: column 'x': NaN is not a valid value")
        .hasMessageContaining("badRows(SKIP)");

    TrainingReport report = new Trainer(SPEC, base.badRows(BadRowPolicy.SKIP).build(), CONF).train();
    assertThat(report.skippedRows()).isEqualTo(2);
    assertThat(report.trainRows()).isEqualTo(298);
  }

  @Test
  void aFileWithoutTheLabelColumnIsAClearError(@TempDir Path work) {
    FeatureSpec unlabeled = FeatureSpec.builder("other").label("other_label").wide(SyntheticClicks.SEGMENT).build();
    String file = work.resolve("nolabel.parquet").toString();
    ParquetRows.write(CONF, file, unlabeled.trainingSchema(), List.of(Map.of("segment", "s1", "other_label", 1)));
    assertThatThrownBy(() -> new Trainer(SPEC, TrainingConfig.builder().trainData(file).build(), CONF).train())
        .hasMessageContaining("nolabel.parquet has no column 'clicked', which training needs");
  }

  @Test
  void missingDataIsAClearError(@TempDir Path work) {
    String missing = work.resolve("nothing-here").toString();
    assertThatThrownBy(() -> new Trainer(SPEC, TrainingConfig.builder().trainData(missing).build(), CONF).train())
        .hasMessageContaining("cannot list training data " + missing);
  }
}
