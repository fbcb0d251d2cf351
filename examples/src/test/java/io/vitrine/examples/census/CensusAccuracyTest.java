package io.vitrine.examples.census;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitrine.examples.census.CensusSpec.ModelType;
import io.vitrine.trainer.TrainingReport;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The census Wide &amp; Deep model reaches its quality bar on the held-out adult.test, with a fixed seed. */
class CensusAccuracyTest {
  @Test
  void wideAndDeepBeatsTheBarOnAdultTest(@TempDir Path work) {
    CensusExample.Parquet files = CensusExample.toParquet(Path.of("data/adult"), work, new Configuration());
    TrainingReport report = CensusExample.train(ModelType.WIDE_DEEP, files, CensusExample.DEFAULT_EPOCHS,
        work.resolve("models").toString(), null);
    assertThat(report.evalRows()).isEqualTo(16_281);
    assertThat(report.trainRows()).isEqualTo(32_561);
    assertThat(report.eval().accuracy()).as("accuracy on adult.test").isGreaterThanOrEqualTo(0.855);
    assertThat(report.eval().auc()).as("AUC on adult.test").isGreaterThanOrEqualTo(0.905);
    assertThat(work.resolve("models/census_wide_deep/1/assets.extra/feature_spec.json")).exists();
  }

  @Test
  void readsTheUciFormat() {
    var rows = CensusData.read(Path.of("data/adult/adult.test"));
    assertThat(rows).hasSize(16_281);
    assertThat(rows.get(0)).containsEntry("age", 25.0).containsEntry("workclass", "Private")
        .containsEntry(CensusSpec.LABEL, "<=50K");
    assertThat(rows.stream().filter(r -> !r.containsKey("occupation")).count()).as("'?' is missing").isPositive();
  }
}
