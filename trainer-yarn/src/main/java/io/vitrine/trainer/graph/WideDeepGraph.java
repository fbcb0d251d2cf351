package io.vitrine.trainer.graph;

import io.vitrine.spec.EncodedInput;
import io.vitrine.spec.FeatureSpec;
import io.vitrine.spec.HyperParameters;
import io.vitrine.spec.column.Combiner;
import io.vitrine.spec.column.EmbeddingColumn;
import io.vitrine.spec.column.FeatureColumn;
import io.vitrine.spec.column.IndicatorColumn;
import io.vitrine.spec.column.NumericColumn;
import io.vitrine.spec.column.SharedEmbeddingColumn;
import io.vitrine.spec.column.SparseColumn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Signature;
import org.tensorflow.framework.initializers.Glorot;
import org.tensorflow.framework.initializers.VarianceScaling;
import org.tensorflow.framework.op.FrameworkOps;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.op.random.TruncatedNormal;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * The Wide &amp; Deep model of a {@link FeatureSpec}, generated into a TensorFlow graph (Cheng et al. 2016; TF's
 * {@code DNNLinearCombinedClassifier}): a linear model over the wide columns trained with FTRL, an MLP over
 * embeddings and numeric inputs trained with AdaGrad, joint logits, sigmoid cross-entropy. Wide tables and
 * embeddings are updated sparsely. Inputs are named by {@link EncodedInput}; an input with a single row applies to
 * every row of the batch. The serving signature has outputs {@code probabilities} and {@code logits}, both
 * {@code [batch, 1]}, computed by a serving pass that shares the variables but not the training machinery.
 */
public final class WideDeepGraph {
  /** The name of the training label input, float [batch]. */
  public static final String LABELS = "label";
  /** The name of the example weight input, float [batch]. */
  public static final String EXAMPLE_WEIGHTS = "example_weight";
  /** The name of the keep-probability input for dropout (defaults to 1, i.e. no dropout, when serving). */
  public static final String KEEP_PROBABILITY = "keep_probability";

  private final FeatureSpec spec;
  private final Ops tf;
  private final Map<String, Placeholder<? extends TType>> inputs = new LinkedHashMap<>();
  private final Map<String, Operand<TInt64>> sparseIds = new LinkedHashMap<>();
  private final Map<String, Operand<TInt32>> sparseRows = new LinkedHashMap<>();
  private final Map<String, Operand<TFloat32>> sparseWeights = new LinkedHashMap<>();
  private final Map<String, Operand<TInt32>> inputRows = new LinkedHashMap<>();
  private final Map<String, Operand<TInt64>> rowIndexes = new LinkedHashMap<>();
  private final Operand<TInt32> batchRows;
  private final Placeholder<TFloat32> labels;
  private final Placeholder<TFloat32> exampleWeights;
  private final PlaceholderWithDefault<TFloat32> keepProbability;
  private final Operand<TFloat32> logits;
  private final Operand<TFloat32> probabilities;
  private final Operand<TFloat32> loss;
  private final Variable<TInt64> globalStep;
  private final List<Op> trainOps = new ArrayList<>();
  private final List<SparseTable> wideTables = new ArrayList<>();
  private final List<SparseTable> embeddingTables = new ArrayList<>();
  private final List<Variable<TFloat32>> wideDense = new ArrayList<>();
  private final List<Variable<TFloat32>> deepDense = new ArrayList<>();
  private final Map<String, Variable<TFloat32>> wideWeights = new LinkedHashMap<>();
  private final Map<String, Variable<TFloat32>> embeddings = new LinkedHashMap<>();
  private final List<Variable<TFloat32>> layers = new ArrayList<>();
  private Variable<TFloat32> wideBias;
  private int seedCounter;

  /** Builds the model of {@code spec} into {@code graph}, which must be empty. */
  public WideDeepGraph(Graph graph, FeatureSpec spec) {
    this.spec = spec;
    this.tf = Ops.create(graph);
    for (EncodedInput input : spec.inputs()) {
      declareInput(input);
    }
    batchRows = batchRowsOf();
    labels = tf.withName(LABELS).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
    exampleWeights = spec.exampleWeight() == null ? null
        : tf.withName(EXAMPLE_WEIGHTS).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
    keepProbability = tf.withName(KEEP_PROBABILITY).placeholderWithDefault(tf.constant(1f), Shape.scalar());
    globalStep = tf.withName("global_step").variable(tf.constant(0L));

    createVariables();
    Operand<TFloat32> trainingLogits = forward(true);
    logits = tf.withName("logits").identity(forward(false));
    probabilities = tf.withName("probabilities").math.sigmoid(logits);
    Operand<TFloat32> crossEntropy = FrameworkOps.create(tf).nn.sigmoidCrossEntropyWithLogits(
        labels, tf.reshape(trainingLogits, tf.constant(new int[] {-1})));
    if (exampleWeights != null) {
      crossEntropy = tf.math.mul(crossEntropy, exampleWeights);
    }
    loss = tf.withName("loss").math.mean(crossEntropy, tf.constant(0));
    addTrainOps(graph);
  }

  private void declareInput(EncodedInput input) {
    if (input.sparse()) {
      Placeholder<TInt64> ids = tf.withName(input.idsTensor()).placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
      Placeholder<TInt64> splits = tf.withName(input.splitsTensor()).placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
      inputs.put(input.idsTensor(), ids);
      inputs.put(input.splitsTensor(), splits);
      sparseIds.put(input.name(), ids);
      sparseRows.put(input.name(), rowOfEachId(ids, splits));
      inputRows.put(input.name(), scalar(tf.math.sub(tf.shape(splits, TInt32.class), tf.constant(1))));
      if (input.indexed()) {
        Placeholder<TInt64> rows = tf.withName(input.rowsTensor()).placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
        inputs.put(input.rowsTensor(), rows);
        rowIndexes.put(input.name(), rows);
      }
      if (input.weighted()) {
        Placeholder<TFloat32> weights =
            tf.withName(input.weightsTensor()).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
        inputs.put(input.weightsTensor(), weights);
        sparseWeights.put(input.name(), weights);
      }
    } else {
      Placeholder<TFloat32> values =
          tf.withName(input.denseTensor()).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
      inputs.put(input.denseTensor(), values);
      inputRows.put(input.name(), scalar(tf.shape(values, TInt32.class)));
    }
  }

  /** The row of each id, from ragged row splits; RaggedTensorToSparse also checks that the splits are well formed. */
  private Operand<TInt32> rowOfEachId(Operand<TInt64> ids, Operand<TInt64> splits) {
    var sparse = tf.ragged.raggedTensorToSparse(List.of(splits), ids);
    Operand<TInt64> rows = tf.gather(sparse.sparseIndices(), tf.constant(0), tf.constant(1));
    return tf.dtypes.cast(rows, TInt32.class);
  }

  /**
   * The rows of the batch, 0 .. n-1, where n is the most rows any input has (an indexed input has as many as its
   * row index). An input with a single row applies to every row of the batch (the user part of a ranking batch
   * is sent once, not once per candidate).
   */
  private Operand<TInt32> batchRowsOf() {
    Operand<TInt32> rows = null;
    for (Map.Entry<String, Operand<TInt32>> input : inputRows.entrySet()) {
      Operand<TInt64> index = rowIndexes.get(input.getKey());
      Operand<TInt32> inputRows = index == null ? input.getValue() : scalar(tf.shape(index, TInt32.class));
      rows = rows == null ? inputRows : tf.math.maximum(rows, inputRows);
    }
    return tf.range(tf.constant(0), rows, tf.constant(1));
  }

  /**
   * {@code perInputRow} ({@code [rows of input, d]}) as {@code [batch, d]}: the row its row index names for an
   * indexed input, else row r, or row 0 for a one-row input.
   */
  private Operand<TFloat32> toBatch(String input, Operand<TFloat32> perInputRow) {
    Operand<TInt64> index = rowIndexes.get(input);
    if (index != null) {
      return tf.gather(perInputRow, index, tf.constant(0));
    }
    Operand<TInt32> last = tf.math.sub(inputRows.get(input), tf.constant(1));
    return tf.gather(perInputRow, tf.math.minimum(batchRows, last), tf.constant(0));
  }

  private Operand<TInt32> scalar(Operand<TInt32> shape) {
    return tf.reshape(shape, tf.constant(new int[0]));
  }


  // ---- variables, created once and read by both forward passes

  private void createVariables() {
    for (FeatureColumn column : spec.wide()) {
      wideWeights.put(column.name(), tf.withName("wide_" + column.name())
          .variable(tf.zeros(tf.constant(new long[] {((SparseColumn) column).numBuckets(), 1}), TFloat32.class)));
    }
    if (!spec.wide().isEmpty()) {
      wideBias = tf.withName("wide_bias").variable(tf.zeros(tf.constant(new long[] {1}), TFloat32.class));
      wideDense.add(wideBias);
    }
    for (FeatureColumn column : spec.deep()) {
      if (column instanceof EmbeddingColumn e) {
        embeddings.put(e.name(), embeddingTable(e.name(), e.categorical().numBuckets(), e.dimension(), e.initializerStddev()));
      } else if (column instanceof SharedEmbeddingColumn shared) {
        embeddings.put(shared.name(), embeddingTable(shared.name(), shared.numBuckets(), shared.dimension(),
            shared.initializerStddev()));
      }
    }
    if (!spec.deep().isEmpty()) {
      long width = deepWidth();
      List<Integer> units = new ArrayList<>(spec.hyperParameters().hiddenUnits());
      units.add(1);
      for (int layer = 0; layer < units.size(); layer++) {
        String name = layer == units.size() - 1 ? "dnn_logits" : "dnn_" + layer;
        var glorot = new Glorot<TFloat32>(VarianceScaling.Distribution.UNIFORM, spec.hyperParameters().seed() + nextSeed());
        layers.add(tf.withName(name + "_kernel")
            .variable(glorot.call(tf, tf.constant(new long[] {width, units.get(layer)}), TFloat32.class)));
        layers.add(tf.withName(name + "_bias").variable(tf.zeros(tf.constant(new long[] {units.get(layer)}), TFloat32.class)));
        width = units.get(layer);
      }
      deepDense.addAll(layers);
    }
  }

  private Variable<TFloat32> embeddingTable(String name, long rows, int dimension, double stddev) {
    Operand<TFloat32> init = tf.math.mul(
        tf.random.truncatedNormal(tf.constant(new long[] {rows, dimension}), TFloat32.class,
            TruncatedNormal.seed(spec.hyperParameters().seed()), TruncatedNormal.seed2(nextSeed())),
        tf.constant((float) stddev));
    return tf.withName("emb_" + name).variable(init);
  }

  /**
   * The model's logits {@code [batch, 1]}. The training pass reads tables through {@link SparseTable} (unique ids,
   * so updates can be sparse) and applies dropout; the serving pass, which the signature exports, gathers rows
   * directly and skips both.
   */
  private Operand<TFloat32> forward(boolean training) {
    Operand<TFloat32> wide = spec.wide().isEmpty() ? null : wideLogits(training);
    Operand<TFloat32> deep = spec.deep().isEmpty() ? null : deepLogits(training);
    return wide == null ? deep : deep == null ? wide : tf.math.add(wide, deep);
  }

  /** Per-id rows of {@code table} for each of {@code inputs}. */
  private List<Operand<TFloat32>> lookup(Variable<TFloat32> table, List<? extends SparseColumn> inputs,
      boolean training, List<SparseTable> trainedTables) {
    List<Operand<TInt64>> ids = inputs.stream().map(c -> sparseIds.get(c.name())).toList();
    List<Operand<TFloat32>> rows = new ArrayList<>();
    if (training) {
      SparseTable sparse = new SparseTable(tf, table, ids);
      trainedTables.add(sparse);
      for (int i = 0; i < ids.size(); i++) {
        rows.add(sparse.rowsOf(tf, i));
      }
    } else {
      ids.forEach(id -> rows.add(tf.gather(table, id, tf.constant(0))));
    }
    return rows;
  }

  // ---- wide part: per-column weight tables, sum per row, plus a bias

  private Operand<TFloat32> wideLogits(boolean training) {
    Operand<TFloat32> total = null;
    for (FeatureColumn column : spec.wide()) {
      Variable<TFloat32> table = wideWeights.get(column.name());
      Operand<TFloat32> perRow = fused(training, column.name(), null)
          ? fusedLookup(table, column.name(), Combiner.SUM)
          : combine(column.name(), lookup(table, List.of((SparseColumn) column), training, wideTables).get(0), Combiner.SUM);
      total = total == null ? perRow : tf.math.add(total, perRow);
    }
    return tf.nn.biasAdd(total, tf.identity(wideBias));
  }

  // ---- deep part: embeddings, indicators and numerics into a ReLU MLP

  private Operand<TFloat32> deepLogits(boolean training) {
    List<Operand<TFloat32>> features = new ArrayList<>();
    for (FeatureColumn column : spec.deep()) {
      if (column instanceof NumericColumn numeric) {
        features.add(toBatch(numeric.name(),
            tf.reshape((Operand<TFloat32>) inputs.get(numeric.name()), tf.constant(new int[] {-1, 1}))));
      } else if (column instanceof EmbeddingColumn e) {
        features.addAll(embed(e.name(), List.of(e.categorical()), e.combiner(), e.maxNorm(), training));
      } else if (column instanceof SharedEmbeddingColumn s) {
        features.addAll(embed(s.name(), s.categoricals(), s.combiner(), s.maxNorm(), training));
      } else if (column instanceof IndicatorColumn indicator) {
        features.add(indicator(indicator.categorical()));
      } else {
        throw new GraphException("deep column '" + column.name() + "' has no graph form");
      }
    }
    Operand<TFloat32> x = features.size() == 1 ? features.get(0) : tf.concat(features, tf.constant(1));
    for (int layer = 0; layer < layers.size(); layer += 2) {
      x = tf.nn.biasAdd(tf.linalg.matMul(x, tf.identity(layers.get(layer))), tf.identity(layers.get(layer + 1)));
      boolean hidden = layer + 2 < layers.size();
      if (hidden) {
        x = tf.nn.relu(x);
        if (training && spec.hyperParameters().dropout() > 0) {
          x = dropout(x);
        }
      }
    }
    return x;
  }

  private List<Operand<TFloat32>> embed(String name, List<SparseColumn> sources, Combiner combiner, Double maxNorm,
      boolean training) {
    if (sources.stream().allMatch(source -> fused(training, source.name(), maxNorm))) {
      return sources.stream().map(source -> fusedLookup(embeddings.get(name), source.name(), combiner)).toList();
    }
    List<Operand<TFloat32>> looked = lookup(embeddings.get(name), sources, training, embeddingTables);
    List<Operand<TFloat32>> vectors = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      Operand<TFloat32> rows = looked.get(i);
      if (maxNorm != null) {
        Operand<TFloat32> norm = tf.math.sqrt(tf.math.maximum(
            tf.sum(tf.math.mul(rows, rows), tf.constant(1), org.tensorflow.op.core.Sum.keepDims(true)),
            tf.constant(1e-12f)));
        rows = tf.math.mul(rows, tf.math.minimum(tf.constant(1f), tf.math.div(tf.constant(maxNorm.floatValue()), norm)));
      }
      vectors.add(combine(sources.get(i).name(), rows, combiner));
    }
    return vectors;
  }

  /** Whether a lookup can use the fused serving kernels: serving, no weights, no max norm. */
  private boolean fused(boolean training, String input, Double maxNorm) {
    return !training && maxNorm == null && !sparseWeights.containsKey(input);
  }

  /**
   * Gather and reduce in one kernel ({@code SparseSegmentSum/Mean/SqrtN}): several times faster than gather +
   * segment sum for bags, and only usable where no gradient is needed.
   */
  private Operand<TFloat32> fusedLookup(Variable<TFloat32> table, String input, Combiner combiner) {
    Operand<TInt64> ids = sparseIds.get(input);
    Operand<TInt32> rows = sparseRows.get(input);
    Operand<TInt32> segments = inputRows.get(input);
    Operand<TFloat32> perInputRow = switch (combiner) {
      case SUM -> tf.sparse.sparseSegmentSumWithNumSegments(table, ids, rows, segments);
      case MEAN -> tf.sparse.sparseSegmentMeanWithNumSegments(table, ids, rows, segments);
      case SQRTN -> tf.sparse.sparseSegmentSqrtNWithNumSegments(table, ids, rows, segments);
    };
    return toBatch(input, perInputRow);
  }

  private Operand<TFloat32> indicator(SparseColumn column) {
    Operand<TFloat32> oneHot = tf.oneHot(sparseIds.get(column.name()),
        tf.constant(Math.toIntExact(column.numBuckets())), tf.constant(1f), tf.constant(0f));
    return combine(column.name(), oneHot, Combiner.SUM);
  }

  /** Reduces per-id rows {@code [nnz, d]} of input {@code input} to per-example rows {@code [batch, d]}. */
  private Operand<TFloat32> combine(String input, Operand<TFloat32> perId, Combiner combiner) {
    Operand<TInt32> rows = sparseRows.get(input);
    Operand<TFloat32> weights = sparseWeights.get(input);
    Operand<TFloat32> weighted = perId;
    Operand<TFloat32> w = weights;
    if (w == null) {
      w = tf.fill(tf.shape(rows, TInt32.class), tf.constant(1f));
    } else {
      weighted = tf.math.mul(perId, tf.expandDims(weights, tf.constant(1)));
    }
    Operand<TInt32> segments = inputRows.get(input);
    Operand<TFloat32> sum = tf.math.unsortedSegmentSum(weighted, rows, segments);
    if (combiner == Combiner.SUM) {
      return toBatch(input, sum);
    }
    Operand<TFloat32> denominator = combiner == Combiner.MEAN
        ? tf.math.unsortedSegmentSum(w, rows, segments)
        : tf.math.sqrt(tf.math.unsortedSegmentSum(tf.math.mul(w, w), rows, segments));
    // rows without ids have sum 0 and stay 0
    return toBatch(input, tf.math.div(sum,
        tf.expandDims(tf.math.maximum(denominator, tf.constant(1e-12f)), tf.constant(1))));
  }

  private Operand<TFloat32> dropout(Operand<TFloat32> x) {
    Operand<TFloat32> noise = tf.random.randomUniform(tf.shape(x), TFloat32.class,
        RandomUniform.seed(spec.hyperParameters().seed()), RandomUniform.seed2(nextSeed()));
    Operand<TFloat32> mask = tf.math.floor(tf.math.add(noise, keepProbability));
    return tf.math.div(tf.math.mul(x, mask), keepProbability);
  }

  private long deepWidth() {
    long width = 0;
    for (FeatureColumn column : spec.deep()) {
      if (column instanceof NumericColumn) {
        width += 1;
      } else if (column instanceof EmbeddingColumn e) {
        width += e.dimension();
      } else if (column instanceof SharedEmbeddingColumn s) {
        width += (long) s.dimension() * s.categoricals().size();
      } else if (column instanceof IndicatorColumn i) {
        width += i.categorical().numBuckets();
      }
    }
    return width;
  }

  private long nextSeed() {
    return ++seedCounter;
  }

  // ---- training: one gradient pass, FTRL on the wide variables, AdaGrad on the deep ones

  private void addTrainOps(Graph graph) {
    List<Output<?>> targets = new ArrayList<>();
    wideTables.forEach(t -> targets.add(t.gathered.asOutput()));
    embeddingTables.forEach(t -> targets.add(t.gathered.asOutput()));
    wideDense.forEach(v -> targets.add(v.asOutput()));
    deepDense.forEach(v -> targets.add(v.asOutput()));
    Output<?>[] grads = graph.addGradients(loss.asOutput(), targets.toArray(Output<?>[]::new));
    HyperParameters hp = spec.hyperParameters();
    Operand<TFloat32> ftrlRate = tf.constant((float) hp.ftrlLearningRate());
    Operand<TFloat32> l1 = tf.constant((float) hp.ftrlL1());
    Operand<TFloat32> l2 = tf.constant((float) hp.ftrlL2());
    Operand<TFloat32> shrinkage = tf.constant(0f);
    Operand<TFloat32> lrPower = tf.constant(-0.5f);
    Operand<TFloat32> adagradRate = tf.constant((float) hp.adagradLearningRate());
    Operand<TFloat32> epsilon = tf.constant(1e-7f);
    int g = 0;
    for (SparseTable table : wideTables) {
      Operand<TFloat32> grad = grads[g++].expect(TFloat32.class);
      trainOps.add(tf.train.sparseApplyFtrl(table.table, slot(table.table, "accumulator", 0.1f),
          slot(table.table, "linear", 0f), grad, table.uniqueIds, ftrlRate, l1, l2, shrinkage, lrPower));
    }
    for (SparseTable table : embeddingTables) {
      Operand<TFloat32> grad = grads[g++].expect(TFloat32.class);
      trainOps.add(tf.train.sparseApplyAdagrad(table.table, slot(table.table, "accumulator", 0.1f),
          adagradRate, epsilon, grad, table.uniqueIds));
    }
    for (Variable<TFloat32> variable : wideDense) {
      Operand<TFloat32> grad = grads[g++].expect(TFloat32.class);
      trainOps.add(tf.train.applyFtrl(variable, slot(variable, "accumulator", 0.1f), slot(variable, "linear", 0f),
          grad, ftrlRate, l1, l2, shrinkage, lrPower));
    }
    for (Variable<TFloat32> variable : deepDense) {
      Operand<TFloat32> grad = grads[g++].expect(TFloat32.class);
      trainOps.add(tf.train.applyAdagrad(variable, slot(variable, "accumulator", 0.1f), adagradRate, grad));
    }
    trainOps.add(tf.assignAdd(globalStep, tf.constant(1L)));
  }

  private Variable<TFloat32> slot(Variable<TFloat32> variable, String slot, float initial) {
    String name = variable.op().name() + "_" + slot;
    return tf.withName(name).variable(tf.fill(tf.shape(variable), tf.constant(initial)));
  }

  // ---- what the trainer and the exporter use

  /** The spec this graph implements. */
  public FeatureSpec spec() {
    return spec;
  }

  /** The placeholders the encoded inputs feed, by tensor name, in signature order. */
  public Map<String, Placeholder<? extends TType>> inputs() {
    return inputs;
  }

  public Placeholder<TFloat32> labels() {
    return labels;
  }

  /** The example weights input, or null when the spec declares none. */
  public Placeholder<TFloat32> exampleWeights() {
    return exampleWeights;
  }

  public PlaceholderWithDefault<TFloat32> keepProbability() {
    return keepProbability;
  }

  public Operand<TFloat32> logits() {
    return logits;
  }

  public Operand<TFloat32> probabilities() {
    return probabilities;
  }

  public Operand<TFloat32> loss() {
    return loss;
  }

  public Variable<TInt64> globalStep() {
    return globalStep;
  }

  /** The ops that make one training step. */
  public List<Op> trainOps() {
    return trainOps;
  }

  /** The {@code serving_default} signature: encoded inputs in, {@code probabilities} and {@code logits} out. */
  public Signature servingSignature() {
    Signature.Builder builder = Signature.builder().key(Signature.DEFAULT_KEY);
    inputs.forEach(builder::input);
    return builder.output("probabilities", probabilities).output("logits", logits).build();
  }
}
