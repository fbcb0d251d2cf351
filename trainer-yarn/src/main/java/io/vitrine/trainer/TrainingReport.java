package io.vitrine.trainer;

import io.vitrine.trainer.eval.Metrics;
import java.util.Map;

/**
 * What a training run did, written next to the model as {@code assets.extra/training_report.json}.
 *
 * @param model the model name
 * @param specFingerprint the fingerprint of the spec it was trained from
 * @param config the run's configuration
 * @param trainRows the rows encoded for training in the last epoch
 * @param evalRows the evaluation rows
 * @param skippedRows rows skipped as malformed (training and evaluation)
 * @param steps training steps in total (including those before a resume)
 * @param epochs epochs completed
 * @param finalLoss the mean training loss over the last logging window
 * @param eval the final evaluation metrics, or null without evaluation data
 * @param trainSeconds seconds spent in training steps and input
 * @param examplesPerSecond training examples per second in this run
 * @param version the published model version, 0 if not exported
 * @param exportPath where the version was published, or null
 * @param libraries versions of Vitrine, TensorFlow and Java
 */
public record TrainingReport(
    String model,
    String specFingerprint,
    TrainingConfig config,
    long trainRows,
    long evalRows,
    long skippedRows,
    long steps,
    int epochs,
    double finalLoss,
    Metrics eval,
    double trainSeconds,
    double examplesPerSecond,
    long version,
    String exportPath,
    Map<String, String> libraries) {

  TrainingReport withExport(long version, String exportPath) {
    return new TrainingReport(model, specFingerprint, config, trainRows, evalRows, skippedRows, steps, epochs,
        finalLoss, eval, trainSeconds, examplesPerSecond, version, exportPath, libraries);
  }
}
