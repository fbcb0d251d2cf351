package io.vitrine.trainer.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vitrine.spec.encode.EncodedBatch;
import io.vitrine.trainer.TrainingException;
import io.vitrine.trainer.graph.BatchTensors;
import io.vitrine.trainer.graph.WideDeepGraph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * Exports a trained session as a SavedModel ({@code serving_default}, plus {@code assets.extra/feature_spec.json}
 * and {@code training_report.json}), loads it back and checks it reproduces the session's predictions, then
 * publishes it as the next version of {@link ModelVersions}.
 */
public final class ModelExporter {
  /** The directory inside a version that holds the spec and the report. */
  public static final String ASSETS_EXTRA = "assets.extra";
  public static final String SPEC_FILE = "feature_spec.json";
  public static final String REPORT_FILE = "training_report.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelExporter() {}

  /**
   * Exports, checks and publishes; {@code report} is any object serialized as the training report, written after
   * {@code version} is known. Returns the published path.
   */
  public static org.apache.hadoop.fs.Path export(Session session, WideDeepGraph model, ModelVersions versions,
      long version, Object report, EncodedBatch check, Configuration conf) {
    Path local = null;
    try {
      local = Files.createTempDirectory("vitrine-export-");
      Path savedModel = local.resolve("model");
      SavedModelBundle.exporter(savedModel.toString()).withSession(session)
          .withSignature(model.servingSignature()).export();
      Path assets = Files.createDirectories(savedModel.resolve(ASSETS_EXTRA));
      Files.writeString(assets.resolve(SPEC_FILE), model.spec().toJson(), StandardCharsets.UTF_8);
      Files.writeString(assets.resolve(REPORT_FILE), JSON.writeValueAsString(report), StandardCharsets.UTF_8);
      checkReload(session, model, savedModel, check);
      return versions.publish(savedModel, version);
    } catch (IOException e) {
      throw new TrainingException("cannot export model " + versions.modelDir() + ": " + e.getMessage(), e);
    } finally {
      if (local != null) {
        FileUtil.fullyDelete(local.toFile());
      }
    }
  }

  private static void checkReload(Session session, WideDeepGraph model, Path savedModel, EncodedBatch check) {
    if (check == null || check.rows() == 0) {
      return;
    }
    try (BatchTensors tensors = new BatchTensors(check);
         SavedModelBundle bundle = SavedModelBundle.load(savedModel.toString(), "serve")) {
      float[] expected;
      Session.Runner runner = session.runner();
      tensors.features().forEach(runner::feed);
      try (Result trained = runner.fetch(model.probabilities()).run()) {
        expected = flat((TFloat32) trained.get(0));
      }
      float[] actual = new ServingCall(bundle).probabilities(tensors.features());
      for (int i = 0; i < expected.length; i++) {
        if (Math.abs(expected[i] - actual[i]) > 1e-6f) {
          throw new TrainingException("the exported model predicts " + actual[i] + " for check row " + i
              + " but the trained session predicts " + expected[i] + "; not publishing it");
        }
      }
    }
  }

  /** The values of a {@code [n, 1]} or {@code [n]} float tensor. */
  public static float[] flat(TFloat32 tensor) {
    float[] values = new float[(int) tensor.size()];
    tensor.asRawTensor().data().asFloats().read(values);
    return values;
  }
}
