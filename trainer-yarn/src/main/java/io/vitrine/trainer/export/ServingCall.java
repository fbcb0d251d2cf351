package io.vitrine.trainer.export;

import java.util.HashMap;
import java.util.Map;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;

/**
 * The {@code serving_default} signature of a loaded SavedModel as a lean call: its inputs are resolved to graph
 * outputs once, and only {@code probabilities} is fetched. Thread-safe, like the session it calls.
 */
public final class ServingCall {
  private final Session session;
  private final Signature signature;
  private final Map<String, Output<?>> inputs = new HashMap<>();
  private final Output<?> probabilities;

  public ServingCall(SavedModelBundle bundle) {
    this.session = bundle.session();
    this.signature = bundle.function("serving_default").signature();
    signature.getInputs().forEach((key, tensor) -> inputs.put(key, bundle.graph().outputOrThrow(tensor.name)));
    Signature.TensorDescription output = signature.getOutputs().get("probabilities");
    this.probabilities = output == null ? null : bundle.graph().outputOrThrow(output.name);
  }

  /** The signature's input and output names. */
  public Signature signature() {
    return signature;
  }

  /** The click probability of each row fed by {@code tensors} (by signature input name). */
  public float[] probabilities(Map<String, Tensor> tensors) {
    return probabilities(tensors, 0);
  }

  /**
   * Like {@link #probabilities(Map)}, cancelled by TensorFlow after {@code timeoutMillis} (0: no timeout) with a
   * {@link org.tensorflow.exceptions.TensorFlowException}.
   */
  public float[] probabilities(Map<String, Tensor> tensors, long timeoutMillis) {
    if (probabilities == null) {
      throw new IllegalStateException("the serving_default signature has no 'probabilities' output");
    }
    Session.Runner runner = session.runner();
    tensors.forEach((name, tensor) -> {
      Output<?> input = inputs.get(name);
      if (input == null) {
        throw new IllegalArgumentException("the serving_default signature has no input '" + name + "'");
      }
      runner.feed(input, tensor);
    });
    if (timeoutMillis > 0) {
      runner.setOptions(RunOptions.newBuilder().setTimeoutInMs(timeoutMillis).build());
    }
    try (Result result = runner.fetch(probabilities).run()) {
      return ModelExporter.flat((TFloat32) result.get(0));
    }
  }
}
