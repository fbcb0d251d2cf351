package io.vitrine.examples.census;

import io.vitrine.examples.census.CensusSpec.ModelType;
import io.vitrine.spec.FeatureSpec;
import io.vitrine.trainer.Trainer;
import io.vitrine.trainer.TrainingConfig;
import io.vitrine.trainer.TrainingReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Trains and evaluates the census Wide &amp; Deep classifier: UCI Adult CSV → Parquet → train → evaluate → export. */
@Command(name = "census", mixinStandardHelpOptions = true,
    description = "Wide & Deep on the UCI Adult census data: train on adult.data, evaluate on adult.test, export.")
public final class CensusExample implements Callable<Integer> {
  /** Epochs that reach the accuracy goal with the pinned seed. */
  public static final int DEFAULT_EPOCHS = 10;

  @Option(names = "--data", description = "directory holding adult.data and adult.test (default: ${DEFAULT-VALUE})",
      defaultValue = "data/adult")
  Path data;

  @Option(names = "--model-base", description = "where models are published (local path or hdfs://; default: ${DEFAULT-VALUE})",
      defaultValue = "target/census/models")
  String modelBase;

  @Option(names = "--model-type", description = "WIDE, DEEP, WIDE_DEEP or ALL (default: ${DEFAULT-VALUE})",
      defaultValue = "ALL")
  String modelType;

  @Option(names = "--epochs", description = "passes over adult.data (default: ${DEFAULT-VALUE})", defaultValue = "" + DEFAULT_EPOCHS)
  int epochs;

  @Option(names = "--work-dir", description = "Parquet files and TensorBoard logs (default: ${DEFAULT-VALUE})",
      defaultValue = "target/census")
  Path workDir;

  public static void main(String[] args) {
    System.exit(new CommandLine(new CensusExample()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    List<ModelType> types = modelType.equalsIgnoreCase("ALL") ? List.of(ModelType.values())
        : List.of(ModelType.valueOf(modelType.toUpperCase()));
    Files.createDirectories(workDir);
    Parquet files = toParquet(data, workDir, new Configuration());
    List<TrainingReport> reports = new ArrayList<>();
    for (ModelType type : types) {
      reports.add(train(type, files, epochs, modelBase, workDir.resolve("tensorboard/" + type.name().toLowerCase())));
    }
    System.out.println();
    System.out.println("UCI Adult, evaluated on adult.test (" + reports.get(0).evalRows() + " rows):");
    System.out.printf("%-17s %9s %7s %9s %6s %8s %11s  %s%n", "model", "accuracy", "AUC", "log loss", "steps",
        "seconds", "examples/s", "exported");
    for (TrainingReport r : reports) {
      System.out.printf("%-17s %9.4f %7.4f %9.4f %6d %8.1f %,11.0f  %s%n", r.model(), r.eval().accuracy(),
          r.eval().auc(), r.eval().logLoss(), r.steps(), r.trainSeconds(), r.examplesPerSecond(), r.exportPath());
    }
    System.out.println("(TensorFlow's census tutorial: 0.836 wide, 0.844 wide & deep accuracy)");
    return 0;
  }

  /** The training and test files as Parquet. */
  public record Parquet(String train, String test) {}

  /** Converts {@code adult.data} and {@code adult.test} under {@code data} to Parquet under {@code workDir}. */
  public static Parquet toParquet(Path data, Path workDir, Configuration conf) {
    FeatureSpec full = CensusSpec.spec(ModelType.WIDE_DEEP);
    Parquet files = new Parquet(workDir.resolve("adult.data.parquet").toString(),
        workDir.resolve("adult.test.parquet").toString());
    int train = CensusData.toParquet(data.resolve("adult.data"), files.train(), full, conf);
    int test = CensusData.toParquet(data.resolve("adult.test"), files.test(), full, conf);
    System.out.printf("converted %,d training and %,d test rows to Parquet under %s%n", train, test, workDir);
    return files;
  }

  /** Trains the census model of {@code type} on {@code files}; exports when {@code modelBase} is not null. */
  public static TrainingReport train(ModelType type, Parquet files, int epochs, String modelBase, Path logDir) {
    TrainingConfig config = TrainingConfig.builder()
        .trainData(files.train()).evalData(files.test())
        .epochs(epochs).shuffleBuffer(40_000).logEverySteps(250)
        .logDir(logDir == null ? null : logDir.toString())
        .modelBase(modelBase).modelName("census_" + type.name().toLowerCase())
        .build();
    return new Trainer(CensusSpec.spec(type), config).train();
  }
}
