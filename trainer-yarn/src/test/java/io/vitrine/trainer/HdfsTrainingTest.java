package io.vitrine.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitrine.spec.FeatureSpec;
import io.vitrine.trainer.export.ModelVersions;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.io.IOUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training input and model publishing on a real (in-JVM) HDFS. */
class HdfsTrainingTest {
  @TempDir static Path work;
  static MiniDFSCluster dfs;
  static Configuration conf;

  @BeforeAll
  static void startHdfs() throws Exception {
    conf = new Configuration();
    dfs = new MiniDFSCluster.Builder(conf, new File(work.toFile(), "dfs")).numDataNodes(1).build();
    dfs.waitActive();
    conf = dfs.getFileSystem().getConf();
  }

  @AfterAll
  static void stopHdfs() {
    if (dfs != null) {
      dfs.shutdown();
    }
  }

  @Test
  void trainsFromHdfsAndPublishesVersionsOnHdfs() throws Exception {
    FeatureSpec spec = SyntheticClicks.spec();
    String root = dfs.getURI().toString();
    SyntheticClicks.write(conf, root + "/data/train/part-0.parquet", spec, 1, 2_000);
    SyntheticClicks.write(conf, root + "/data/train/part-1.parquet", spec, 3, 2_000);
    SyntheticClicks.write(conf, root + "/data/eval/part-0.parquet", spec, 2, 1_000);

    TrainingConfig config = TrainingConfig.builder()
        .trainData(root + "/data/train").evalData(root + "/data/eval")
        .epochs(2).modelBase(root + "/models").build();
    TrainingReport first = new Trainer(spec, config, conf).train();
    TrainingReport second = new Trainer(spec, config, conf).train();

    assertThat(first.trainRows()).isEqualTo(4_000);
    assertThat(first.eval().auc()).isGreaterThan(0.75);
    assertThat(first.version()).isEqualTo(1);
    assertThat(second.version()).isEqualTo(2);
    FileSystem fs = dfs.getFileSystem();
    assertThat(new ModelVersions(conf, root + "/models", "clicks").latest()).isEqualTo(2);
    assertThat(fs.exists(new org.apache.hadoop.fs.Path("/models/clicks/2/saved_model.pb"))).isTrue();
    try (var in = fs.open(new org.apache.hadoop.fs.Path("/models/clicks/2/assets.extra/feature_spec.json"))) {
      byte[] json = in.readAllBytes();
      assertThat(FeatureSpec.fromJson(new String(json, StandardCharsets.UTF_8))).isEqualTo(spec);
    }
    assertThat(fs.listStatus(new org.apache.hadoop.fs.Path("/models/clicks")))
        .extracting(s -> s.getPath().getName()).containsExactlyInAnyOrder("1", "2");
    IOUtils.closeStream(fs);
  }
}
