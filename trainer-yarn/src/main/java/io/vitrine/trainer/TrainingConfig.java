package io.vitrine.trainer;

import java.util.List;

/**
 * Where the data is and how long to train; the model itself is determined by the spec.
 *
 * @param trainData Parquet files or directories ({@code file://}, {@code hdfs://} or plain paths)
 * @param evalData Parquet files or directories for evaluation; may be empty
 * @param epochs passes over the training data
 * @param maxSteps stop after this many steps in total, 0 for no limit
 * @param shuffleBuffer rows held for shuffling (1 keeps file order)
 * @param badRows what to do with rows that cannot be encoded
 * @param logEverySteps progress (steps, examples/s, running loss) every this many steps
 * @param evalEverySteps evaluate every this many steps besides each epoch's end, 0 for epoch ends only
 * @param checkpointDir where checkpoints go and training resumes from (local path), or null for none
 * @param checkpointEverySteps a checkpoint every this many steps besides each epoch's end
 * @param logDir where TensorBoard event files go (local path), or null for none
 * @param modelBase where models are published ({@code <modelBase>/<modelName>/<version>/}), or null for no export
 * @param modelName the published model's name; null means the spec's name
 * @param threads TensorFlow's intra-op threads, 0 for its default
 */
public record TrainingConfig(
    List<String> trainData,
    List<String> evalData,
    int epochs,
    long maxSteps,
    int shuffleBuffer,
    BadRowPolicy badRows,
    int logEverySteps,
    int evalEverySteps,
    String checkpointDir,
    int checkpointEverySteps,
    String logDir,
    String modelBase,
    String modelName,
    int threads) {

  public TrainingConfig {
    if (trainData == null || trainData.isEmpty()) {
      throw new IllegalArgumentException("trainData: give at least one Parquet file or directory");
    }
    trainData = List.copyOf(trainData);
    evalData = evalData == null ? List.of() : List.copyOf(evalData);
    if (epochs <= 0) {
      throw new IllegalArgumentException("epochs must be positive, got " + epochs);
    }
    if (maxSteps < 0 || shuffleBuffer <= 0 || logEverySteps <= 0 || evalEverySteps < 0 || checkpointEverySteps <= 0
        || threads < 0) {
      throw new IllegalArgumentException("maxSteps, evalEverySteps, threads must be >= 0 and shuffleBuffer,"
          + " logEverySteps, checkpointEverySteps > 0: " + this);
    }
    badRows = badRows == null ? BadRowPolicy.FAIL : badRows;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults: 1 epoch, no step limit, shuffle buffer 10,000, fail on bad rows, log every 100 steps. */
  public static final class Builder {
    private List<String> trainData = List.of();
    private List<String> evalData = List.of();
    private int epochs = 1;
    private long maxSteps;
    private int shuffleBuffer = 10_000;
    private BadRowPolicy badRows = BadRowPolicy.FAIL;
    private int logEverySteps = 100;
    private int evalEverySteps;
    private String checkpointDir;
    private int checkpointEverySteps = 1_000;
    private String logDir;
    private String modelBase;
    private String modelName;
    private int threads;

    public Builder trainData(String... paths) {
      this.trainData = List.of(paths);
      return this;
    }

    public Builder evalData(String... paths) {
      this.evalData = List.of(paths);
      return this;
    }

    public Builder epochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    public Builder maxSteps(long maxSteps) {
      this.maxSteps = maxSteps;
      return this;
    }

    public Builder shuffleBuffer(int rows) {
      this.shuffleBuffer = rows;
      return this;
    }

    public Builder badRows(BadRowPolicy policy) {
      this.badRows = policy;
      return this;
    }

    public Builder logEverySteps(int steps) {
      this.logEverySteps = steps;
      return this;
    }

    public Builder evalEverySteps(int steps) {
      this.evalEverySteps = steps;
      return this;
    }

    public Builder checkpointDir(String dir) {
      this.checkpointDir = dir;
      return this;
    }

    public Builder checkpointEverySteps(int steps) {
      this.checkpointEverySteps = steps;
      return this;
    }

    public Builder logDir(String dir) {
      this.logDir = dir;
      return this;
    }

    public Builder modelBase(String base) {
      this.modelBase = base;
      return this;
    }

    public Builder modelName(String name) {
      this.modelName = name;
      return this;
    }

    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    public TrainingConfig build() {
      return new TrainingConfig(trainData, evalData, epochs, maxSteps, shuffleBuffer, badRows, logEverySteps,
          evalEverySteps, checkpointDir, checkpointEverySteps, logDir, modelBase, modelName, threads);
    }
  }
}
