package io.vitrine.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitrine.spec.column.BucketizedColumn;
import io.vitrine.spec.column.CategoricalColumn;
import io.vitrine.spec.column.CrossedColumn;
import io.vitrine.spec.column.EmbeddingColumn;
import io.vitrine.spec.column.FeatureColumn;
import io.vitrine.spec.column.IndicatorColumn;
import io.vitrine.spec.column.NumericColumn;
import io.vitrine.spec.column.SharedEmbeddingColumn;
import io.vitrine.spec.column.SparseColumn;
import io.vitrine.spec.column.WeightedColumn;
import io.vitrine.spec.encode.FeatureEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * The single declaration of a Wide &amp; Deep model: its label, its wide and deep feature columns and its
 * hyper-parameters. Built with {@link #builder(String)}, validated on construction, immutable, and
 * serialized to JSON that round-trips exactly; {@link #fingerprint()} identifies it.
 *
 * @param formatVersion the version of the JSON format ({@link #FORMAT_VERSION})
 * @param name the model's name
 * @param label the label column
 * @param exampleWeight the key of the per-row example weight, or null
 * @param wide the linear part's columns (sparse columns)
 * @param deep the deep part's columns (numeric, embedding, shared embedding, indicator)
 * @param hyperParameters the training settings
 */
public record FeatureSpec(
    int formatVersion,
    String name,
    LabelColumn label,
    String exampleWeight,
    List<FeatureColumn> wide,
    List<FeatureColumn> deep,
    HyperParameters hyperParameters) {

  /** The JSON format this library writes and reads. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  public FeatureSpec {
    if (formatVersion != FORMAT_VERSION) {
      throw new FeatureSpecException("spec format version " + formatVersion + " is not supported; this"
          + " library reads version " + FORMAT_VERSION + (formatVersion > FORMAT_VERSION ? ": upgrade Vitrine" : ""));
    }
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.\\-]*")) {
      throw new FeatureSpecException("spec name '" + name + "' must be letters, digits, '_', '.', '-'");
    }
    if (label == null) {
      throw new FeatureSpecException("spec '" + name + "' has no label: call label(key) on the builder");
    }
    wide = List.copyOf(wide == null ? List.of() : wide);
    deep = List.copyOf(deep == null ? List.of() : deep);
    if (hyperParameters == null) {
      throw new FeatureSpecException("spec '" + name + "' has no hyper-parameters");
    }
    SpecValidator.validate(name, label, exampleWeight, wide, deep);
  }

  /** A builder for a spec named {@code name}. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The encoded inputs the model consumes, in a fixed order: wide columns first, then deep ones. */
  public List<EncodedInput> inputs() {
    Map<String, EncodedInput> inputs = new LinkedHashMap<>();
    for (FeatureColumn column : wide) {
      addSparse(inputs, (SparseColumn) column);
    }
    for (FeatureColumn column : deep) {
      if (column instanceof NumericColumn n) {
        inputs.putIfAbsent(n.name(), new EncodedInput(n.name(), false, 0, false, false, 1));
      } else if (column instanceof EmbeddingColumn e) {
        addSparse(inputs, e.categorical());
      } else if (column instanceof IndicatorColumn i) {
        addSparse(inputs, i.categorical());
      } else if (column instanceof SharedEmbeddingColumn s) {
        s.categoricals().forEach(c -> addSparse(inputs, c));
      }
    }
    return List.copyOf(inputs.values());
  }

  private static void addSparse(Map<String, EncodedInput> inputs, SparseColumn column) {
    inputs.putIfAbsent(column.name(),
        new EncodedInput(column.name(), true, column.numBuckets(), column instanceof WeightedColumn,
            column instanceof CrossedColumn, 0));
  }

  /** Every column of the spec, nested ones included, each once, sources before the columns built on them. */
  public List<FeatureColumn> columns() {
    return SpecValidator.allColumns(wide, deep);
  }

  /** The raw keys a row may carry for the features, in declaration order (label and weight excluded). */
  public List<String> featureKeys() {
    Set<String> keys = new LinkedHashSet<>();
    for (FeatureColumn column : columns()) {
      if (column instanceof NumericColumn || column instanceof CategoricalColumn) {
        keys.add(column.name());
      } else if (column instanceof WeightedColumn w) {
        keys.add(w.weightKey());
      }
    }
    return List.copyOf(keys);
  }

  /** The encoder of this spec: the one piece of code that turns raw rows into model inputs. */
  public FeatureEncoder encoder() {
    return new FeatureEncoder(this);
  }

  /** The Avro schema of training rows (feature keys, label, example weight), used to type Parquet files. */
  public Schema trainingSchema() {
    return TrainingSchema.of(this);
  }

  /** The hex SHA-256 of the spec's canonical JSON; equal specs have equal fingerprints. */
  public String fingerprint() {
    try {
      byte[] canonical = JSON.writeValueAsBytes(this);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint spec '" + name + "'", e);
    }
  }

  /** Pretty JSON with the spec, its encoded inputs ("serving") and its fingerprint. */
  public String toJson() {
    ObjectNode node = JSON.valueToTree(this);
    ObjectNode serving = node.putObject("serving");
    serving.set("inputs", JSON.valueToTree(inputs()));
    serving.set("outputs", JSON.valueToTree(List.of("probabilities", "logits")));
    node.put("fingerprint", fingerprint());
    try {
      return JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write spec '" + name + "' as JSON", e);
    }
  }

  /**
   * Reads a spec written by {@link #toJson()}. The "serving" section is derived and ignored; a fingerprint, if
   * present, must match the spec (a mismatch means the file was edited or corrupted).
   */
  public static FeatureSpec fromJson(String json) {
    FeatureSpec spec;
    String stored;
    try {
      ObjectNode node = (ObjectNode) JSON.readTree(json);
      JsonNode fingerprint = node.remove("fingerprint");
      stored = fingerprint == null ? null : fingerprint.asText();
      node.remove("serving");
      spec = JSON.treeToValue(node, FeatureSpec.class);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause();
      throw cause instanceof FeatureSpecException f ? f : new FeatureSpecException("invalid spec JSON: " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new FeatureSpecException("invalid spec JSON: " + e.getMessage(), e);
    }
    if (stored != null && !stored.equals(spec.fingerprint())) {
      throw new FeatureSpecException("spec '" + spec.name() + "': the stored fingerprint " + stored
          + " does not match its content (" + spec.fingerprint() + "); the JSON was changed after it was written");
    }
    return spec;
  }

  /** Reads a spec from UTF-8 JSON bytes. */
  public static FeatureSpec fromJson(byte[] json) {
    return fromJson(new String(json, StandardCharsets.UTF_8));
  }

  /** Collects a spec's settings; {@link #build()} validates them. */
  public static final class Builder {
    private final String name;
    private LabelColumn label;
    private String exampleWeight;
    private final List<FeatureColumn> wide = new ArrayList<>();
    private final List<FeatureColumn> deep = new ArrayList<>();
    private List<Integer> hiddenUnits = HyperParameters.DEFAULT_HIDDEN_UNITS;
    private double dropout;
    private Double ftrlLearningRate;
    private double ftrlL1;
    private double ftrlL2;
    private double adagradLearningRate = HyperParameters.DEFAULT_ADAGRAD_LEARNING_RATE;
    private int batchSize = HyperParameters.DEFAULT_BATCH_SIZE;
    private long seed = HyperParameters.DEFAULT_SEED;

    private Builder(String name) {
      this.name = name;
    }

    /** A numeric 0/1 (or boolean) label under {@code key}. */
    public Builder label(String key) {
      this.label = new LabelColumn(key, null);
      return this;
    }

    /** A string label under {@code key}: 1 when it equals {@code positiveValue}, else 0. */
    public Builder label(String key, String positiveValue) {
      this.label = new LabelColumn(key, positiveValue);
      return this;
    }

    /** A per-row weight of the loss, read from {@code key} (missing: 1). */
    public Builder exampleWeight(String key) {
      this.exampleWeight = key;
      return this;
    }

    /** Adds columns to the wide (linear) part. */
    public Builder wide(FeatureColumn... columns) {
      wide.addAll(Arrays.asList(columns));
      return this;
    }

    /** Adds columns to the wide (linear) part. */
    public Builder wide(List<? extends FeatureColumn> columns) {
      wide.addAll(columns);
      return this;
    }

    /** Adds columns to the deep part. */
    public Builder deep(FeatureColumn... columns) {
      deep.addAll(Arrays.asList(columns));
      return this;
    }

    /** Adds columns to the deep part. */
    public Builder deep(List<? extends FeatureColumn> columns) {
      deep.addAll(columns);
      return this;
    }

    public Builder hiddenUnits(Integer... units) {
      this.hiddenUnits = List.of(units);
      return this;
    }

    public Builder dropout(double dropout) {
      this.dropout = dropout;
      return this;
    }

    public Builder ftrlLearningRate(double learningRate) {
      this.ftrlLearningRate = learningRate;
      return this;
    }

    public Builder ftrlRegularization(double l1, double l2) {
      this.ftrlL1 = l1;
      this.ftrlL2 = l2;
      return this;
    }

    public Builder adagradLearningRate(double learningRate) {
      this.adagradLearningRate = learningRate;
      return this;
    }

    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Validates and returns the spec; throws {@link FeatureSpecException} naming the problem. */
    public FeatureSpec build() {
      double ftrl = ftrlLearningRate != null ? ftrlLearningRate : HyperParameters.defaultFtrlLearningRate(wide.size());
      HyperParameters hp = new HyperParameters(hiddenUnits, dropout, ftrl, ftrlL1, ftrlL2, adagradLearningRate,
          batchSize, seed);
      return new FeatureSpec(FORMAT_VERSION, name, label, exampleWeight, wide, deep, hp);
    }
  }
}
