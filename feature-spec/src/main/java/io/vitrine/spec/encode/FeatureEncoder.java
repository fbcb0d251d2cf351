package io.vitrine.spec.encode;

import io.vitrine.spec.EncodedInput;
import io.vitrine.spec.FeatureSpec;
import io.vitrine.spec.LabelColumn;
import io.vitrine.spec.column.BucketizedColumn;
import io.vitrine.spec.column.CategoricalColumn;
import io.vitrine.spec.column.CrossedColumn;
import io.vitrine.spec.column.FeatureColumn;
import io.vitrine.spec.column.NumericColumn;
import io.vitrine.spec.column.SparseColumn;
import io.vitrine.spec.column.WeightedColumn;
import io.vitrine.spec.hash.BucketDivisor;
import io.vitrine.spec.hash.FarmHash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns raw rows into the columnar inputs of a {@link FeatureSpec}'s model. Training and serving use this
 * same class, so a model always sees the encoding it was trained with. Immutable and thread-safe.
 *
 * <p>Rows are maps from key to value: numbers for numeric columns, strings (or integer ids for identity
 * columns) for categorical ones, lists for multi-valued ones. A missing key takes the column's default
 * (numeric), or no id (categorical); unknown words go to OOV buckets or the default id. NaN, infinities, wrong
 * types and missing values without a default throw {@link FeatureEncodingException} naming column and row.
 *
 * <p>For ranking, encode the user part and each article part once with {@link #encodePart}, cache article
 * parts, and {@link #combine} one user with many articles: crosses of user and article columns are computed
 * from hashes kept in the parts, so combining touches no maps and no strings.
 */
public final class FeatureEncoder {
  private final FeatureSpec spec;
  private final EncodedInput[] sparseInputs;
  private final SparseColumn[] sparseColumns;
  private final EncodedInput[] denseInputs;
  private final NumericColumn[] denseColumns;
  private final FeatureColumn[] components;
  private final int[][] crossComponents;
  private final BucketDivisor[] divisors;
  private final Map<String, Map<String, Integer>> vocabularies = new HashMap<>();
  private final FeatureEncodingException[] missingErrors;
  private final PartialEncoding missing;
  /** A part that holds nothing: the shared part of whole rows. */
  private final PartialEncoding none = new PartialEncoding(this, null, null, null, null, new BitSet());

  /** Compiles the encoder of {@code spec}; prefer {@link FeatureSpec#encoder()}. */
  public FeatureEncoder(FeatureSpec spec) {
    this.spec = spec;
    List<EncodedInput> sparse = new ArrayList<>();
    List<EncodedInput> dense = new ArrayList<>();
    for (EncodedInput input : spec.inputs()) {
      (input.sparse() ? sparse : dense).add(input);
    }
    sparseInputs = sparse.toArray(EncodedInput[]::new);
    denseInputs = dense.toArray(EncodedInput[]::new);
    Map<String, FeatureColumn> byName = columnsByName(spec);
    sparseColumns = new SparseColumn[sparseInputs.length];
    for (int s = 0; s < sparseInputs.length; s++) {
      sparseColumns[s] = (SparseColumn) byName.get(sparseInputs[s].name());
    }
    denseColumns = new NumericColumn[denseInputs.length];
    for (int d = 0; d < denseInputs.length; d++) {
      denseColumns[d] = (NumericColumn) byName.get(denseInputs[d].name());
    }
    for (FeatureColumn column : byName.values()) {
      if (column instanceof CategoricalColumn c && !c.vocabulary().isEmpty()) {
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < c.vocabulary().size(); i++) {
          ids.put(c.vocabulary().get(i), i);
        }
        vocabularies.put(c.name(), ids);
      }
    }
    Map<String, Integer> componentIndex = new LinkedHashMap<>();
    crossComponents = new int[sparseInputs.length][];
    for (int s = 0; s < sparseColumns.length; s++) {
      if (sparseColumns[s] instanceof CrossedColumn crossed) {
        crossComponents[s] = crossed.keys().stream()
            .mapToInt(k -> componentIndex.computeIfAbsent(k.name(), n -> componentIndex.size()))
            .toArray();
      }
    }
    divisors = new BucketDivisor[sparseInputs.length];
    for (int s = 0; s < sparseInputs.length; s++) {
      divisors[s] = new BucketDivisor(sparseInputs[s].numBuckets());
    }
    components = componentIndex.keySet().stream().map(byName::get).toArray(FeatureColumn[]::new);
    missingErrors = new FeatureEncodingException[bits()];
    missing = encode(Map.of(), true);
  }

  /** The spec this encoder implements. */
  public FeatureSpec spec() {
    return spec;
  }

  /**
   * Encodes the columns of a row part whose keys are all in {@code values}: the user's features (with the
   * request context), or an article's. Columns that need keys from both parts are finished by
   * {@link #combine}.
   */
  public PartialEncoding encodePart(Map<String, ?> values) {
    return encode(values, false);
  }

  /**
   * One row per article: {@code user} joined with each of {@code articles}. No key may be in both parts. Inputs
   * that come from the user part alone are written once, as a single row that applies to every row of the batch
   * (the model broadcasts them), so the user's bags are looked up once per request, not once per article. A cross
   * of the user's values with one article value is sent once per distinct article value, with a row index.
   */
  public EncodedBatch combine(PartialEncoding user, List<PartialEncoding> articles) {
    return combine(user, prepare(articles), false);
  }

  /** Like {@link #combine(PartialEncoding, List)}, with articles prepared once for many users. */
  public EncodedBatch combine(PartialEncoding user, PreparedArticles articles) {
    return combine(user, articles, true);
  }

  /** {@code reused}: the articles are prepared for many batches, and the batch says so. */
  private EncodedBatch combine(PartialEncoding user, PreparedArticles articles, boolean reused) {
    checkOwner(user);
    if (articles.encoder != this) {
      throw new IllegalArgumentException("these articles were prepared by another encoder (spec "
          + articles.encoder.spec.fingerprint() + "); prepare them with the encoder that combines them");
    }
    if (user.present.intersects(articles.inAny)) {
      for (int row = 0; row < articles.size(); row++) {
        BitSet both = (BitSet) user.present.clone();
        both.and(articles.parts.get(row).present);
        if (!both.isEmpty()) {
          throw new IllegalArgumentException("row " + row + ": column '" + bitName(both.nextSetBit(0))
              + "' is in both the user part and the article part; give each key to one part only");
        }
      }
    }
    return assemble(user, articles, null, null, reused ? articles : null);
  }

  /**
   * Assembles article parts into columns once, so that combining them with each user only adds the user's
   * inputs and the user × article crosses. Cache the result with the candidate set it was made from.
   */
  public PreparedArticles prepare(List<PartialEncoding> articles) {
    List<PartialEncoding> parts = List.copyOf(articles);
    BitSet inEvery = new BitSet();
    inEvery.set(0, bits());
    BitSet inAny = new BitSet();
    for (PartialEncoding part : parts) {
      checkOwner(part);
      inEvery.and(part.present);
      inAny.or(part.present);
    }
    SparseValues[] sparse = new SparseValues[sparseInputs.length];
    for (int s = 0; s < sparseInputs.length; s++) {
      if (inEvery.get(s)) {
        sparse[s] = sparseColumn(s, none, parts, null);
      }
    }
    DenseValues[] dense = new DenseValues[denseInputs.length];
    for (int d = 0; d < denseInputs.length; d++) {
      if (inEvery.get(sparseInputs.length + d)) {
        dense[d] = denseColumn(d, none, parts);
      }
    }
    PreparedArticles.DistinctValues[] distinct = new PreparedArticles.DistinctValues[components.length];
    for (int[] cross : crossComponents) {
      if (cross != null && cross.length == 2 && distinct[cross[1]] == null
          && inEvery.get(sparseInputs.length + denseInputs.length + cross[1])) {
        distinct[cross[1]] = distinctValues(cross[1], parts);
      }
    }
    return new PreparedArticles(this, parts, inAny, sparse, dense, distinct);
  }

  /** Encodes whole rows, for scoring. */
  public EncodedBatch encode(List<? extends Map<String, ?>> rows) {
    return encodeRows(rows, false);
  }

  /** Encodes whole training rows: features, the label and the example weight. */
  public EncodedBatch encodeTraining(List<? extends Map<String, ?>> rows) {
    return encodeRows(rows, true);
  }

  private EncodedBatch encodeRows(List<? extends Map<String, ?>> rows, boolean training) {
    float[] labels = training ? new float[rows.size()] : null;
    float[] weights = training && spec.exampleWeight() != null ? new float[rows.size()] : null;
    List<PartialEncoding> parts = new ArrayList<>(rows.size());
    for (int row = 0; row < rows.size(); row++) {
      Map<String, ?> values = rows.get(row);
      try {
        if (training) {
          labels[row] = label(spec.label(), values.get(spec.label().key()));
          if (weights != null) {
            weights[row] = exampleWeight(spec.exampleWeight(), values.get(spec.exampleWeight()));
          }
        }
        parts.add(encodePart(values));
      } catch (FeatureEncodingException e) {
        throw e.atRow(row);
      }
    }
    return assemble(none, prepare(parts), labels, weights, null);
  }

  /**
   * Row {@code r} joins {@code shared} with article {@code r}; what neither holds takes the missing-value
   * encoding. An input that {@code shared} holds is written once, as a single row that applies to every row.
   * {@code prepared} is recorded in the batch, for scorers, when {@code rows} will make other batches too.
   */
  private EncodedBatch assemble(PartialEncoding shared, PreparedArticles rows, float[] labels, float[] exampleWeights,
      PreparedArticles prepared) {
    int n = rows.size();
    List<SparseValues> sparse = new ArrayList<>(sparseInputs.length);
    for (int s = 0; s < sparseInputs.length; s++) {
      EncodedInput input = sparseInputs[s];
      int[] parts = crossComponents[s];
      if (shared.present.get(s)) {
        long[] ids = shared.sparseIds[s];
        sparse.add(new SparseValues(input, ids, new long[] {0, ids.length}, shared.sparseWeights[s],
            input.indexed() ? new long[n] : null));
      } else if (rows.sparse[s] != null) {
        sparse.add(rows.sparse[s]);
      } else {
        long[] prefixes = parts != null ? sharedPrefixes(shared, parts) : null;
        PreparedArticles.DistinctValues distinct = prefixes != null && parts.length == 2 ? rows.distinct[parts[1]] : null;
        sparse.add(distinct != null ? distinctCross(s, prefixes, distinct) : sparseColumn(s, shared, rows.parts, prefixes));
      }
    }
    List<DenseValues> dense = new ArrayList<>(denseInputs.length);
    for (int d = 0; d < denseInputs.length; d++) {
      if (shared.present.get(sparseInputs.length + d)) {
        dense.add(new DenseValues(denseInputs[d], new float[] {shared.dense[d]}));
      } else {
        dense.add(rows.dense[d] != null ? rows.dense[d] : denseColumn(d, shared, rows.parts));
      }
    }
    return new EncodedBatch(n, List.copyOf(sparse), List.copyOf(dense), labels, exampleWeights, prepared);
  }

  /**
   * Sparse input {@code s} with a row per article. Two passes: row splits first, then ids into arrays of the
   * exact size. {@code prefixes} are the hashes of a cross's first component when {@code shared} holds it.
   */
  private SparseValues sparseColumn(int s, PartialEncoding shared, List<PartialEncoding> rows, long[] prefixes) {
    int n = rows.size();
    int componentBase = sparseInputs.length + denseInputs.length;
    int[] parts = crossComponents[s];
    long[] splits = new long[n + 1];
    for (int row = 0; row < n; row++) {
      PartialEncoding part = rows.get(row);
      long count;
      if (part.present.get(s) || parts == null) {
        count = source(s, shared, part, row).sparseIds[s].length;
      } else {
        count = 1;
        for (int c : parts) {
          count *= source(componentBase + c, shared, part, row).componentHashes[c].length;
        }
      }
      splits[row + 1] = splits[row] + count;
    }
    long[] ids = new long[Math.toIntExact(splits[n])];
    float[] weights = sparseInputs[s].weighted() ? new float[ids.length] : null;
    long[][] hashes = parts != null ? new long[parts.length][] : null;
    for (int row = 0; row < n; row++) {
      PartialEncoding part = rows.get(row);
      int offset = (int) splits[row];
      if (part.present.get(s) || parts == null) {
        PartialEncoding src = source(s, shared, part, row);
        long[] rowIds = src.sparseIds[s];
        System.arraycopy(rowIds, 0, ids, offset, rowIds.length);
        if (weights != null) {
          System.arraycopy(src.sparseWeights[s], 0, weights, offset, rowIds.length);
        }
      } else {
        for (int k = 0; k < parts.length; k++) {
          hashes[k] = source(componentBase + parts[k], shared, part, row).componentHashes[parts[k]];
        }
        if (prefixes == null) {
          crossInto(hashes, parts.length, 0, FarmHash.crossSeed(), divisors[s], ids, offset);
        } else {
          for (long prefix : prefixes) {
            offset = crossInto(hashes, parts.length, 1, prefix, divisors[s], ids, offset);
          }
        }
      }
    }
    return new SparseValues(sparseInputs[s], ids, splits, weights, sparseInputs[s].indexed() ? identity(n) : null);
  }

  private DenseValues denseColumn(int d, PartialEncoding shared, List<PartialEncoding> rows) {
    int bit = sparseInputs.length + d;
    float[] values = new float[rows.size()];
    for (int row = 0; row < values.length; row++) {
      values[row] = source(bit, shared, rows.get(row), row).dense[d];
    }
    return new DenseValues(denseInputs[d], values);
  }

  private PartialEncoding encode(Map<String, ?> values, boolean all) {
    long[][] componentHashes = new long[components.length][];
    long[][] ids = new long[sparseInputs.length][];
    float[][] weights = new float[sparseInputs.length][];
    float[] dense = new float[denseInputs.length];
    BitSet present = new BitSet(bits());
    int componentBase = sparseInputs.length + denseInputs.length;
    for (int c = 0; c < components.length; c++) {
      if (all || values.containsKey(key(components[c]))) {
        try {
          componentHashes[c] = componentHashes(components[c], values);
          present.set(componentBase + c);
        } catch (FeatureEncodingException e) {
          keepOrThrow(all, e, componentBase + c);
        }
      }
    }
    for (int s = 0; s < sparseInputs.length; s++) {
      if (all || available(s, values)) {
        try {
          SparseColumn column = sparseColumns[s];
          if (column instanceof CrossedColumn) {
            ids[s] = cross(s, crossComponents[s], componentHashes);
          } else if (column instanceof WeightedColumn w) {
            ids[s] = categoricalIds(w.categorical(), values.get(w.categorical().name()));
            weights[s] = RawValues.weights(w.name(), w.weightKey(), values.get(w.weightKey()), ids[s].length);
          } else if (column instanceof CategoricalColumn c) {
            ids[s] = categoricalIds(c, values.get(c.name()));
          } else {
            BucketizedColumn b = (BucketizedColumn) column;
            ids[s] = new long[] {b.bucket(RawValues.number(b.source(), values.get(b.source().name())))};
          }
          present.set(s);
        } catch (FeatureEncodingException e) {
          keepOrThrow(all, e, s);
        }
      }
    }
    for (int d = 0; d < denseInputs.length; d++) {
      NumericColumn column = denseColumns[d];
      if (all || values.containsKey(column.name())) {
        try {
          dense[d] = RawValues.normalized(column, values.get(column.name()));
          present.set(sparseInputs.length + d);
        } catch (FeatureEncodingException e) {
          keepOrThrow(all, e, sparseInputs.length + d);
        }
      }
    }
    return new PartialEncoding(this, ids, weights, dense, componentHashes, present);
  }

  private void keepOrThrow(boolean all, FeatureEncodingException e, int bit) {
    if (!all) {
      throw e;
    }
    missingErrors[bit] = e;
  }

  private boolean available(int s, Map<String, ?> values) {
    if (crossComponents[s] != null) {
      for (int c : crossComponents[s]) {
        if (!values.containsKey(key(components[c]))) {
          return false;
        }
      }
      return true;
    }
    SparseColumn column = sparseColumns[s];
    String key = column instanceof WeightedColumn w ? w.categorical().name()
        : column instanceof BucketizedColumn b ? b.source().name() : column.name();
    return values.containsKey(key);
  }

  private PartialEncoding source(int bit, PartialEncoding p, PartialEncoding q, int row) {
    if (p.present.get(bit)) {
      return p;
    }
    if (q.present.get(bit)) {
      return q;
    }
    if (missingErrors[bit] != null) {
      throw missingErrors[bit].atRow(row);
    }
    return missing;
  }

  private long[] cross(int s, int[] parts, long[][] componentHashes) {
    long[][] hashes = new long[parts.length][];
    int componentBase = sparseInputs.length + denseInputs.length;
    int count = 1;
    for (int k = 0; k < parts.length; k++) {
      hashes[k] = componentHashes[parts[k]];
      if (hashes[k] == null) {
        throw missingErrors[componentBase + parts[k]];
      }
      count *= hashes[k].length;
    }
    long[] ids = new long[count];
    crossInto(hashes, parts.length, 0, FarmHash.crossSeed(), divisors[s], ids, 0);
    return ids;
  }

  /**
   * The cross hash prefixes of a cross's first component when the shared part (the user) holds it, computed once
   * per batch instead of once per row; null otherwise.
   */
  private long[] sharedPrefixes(PartialEncoding shared, int[] parts) {
    int bit = sparseInputs.length + denseInputs.length + parts[0];
    if (!shared.present.get(bit)) {
      return null;
    }
    long[] first = shared.componentHashes[parts[0]];
    long[] prefixes = new long[first.length];
    for (int i = 0; i < first.length; i++) {
      prefixes[i] = FarmHash.fingerprintCat64(FarmHash.crossSeed(), first[i]);
    }
    return prefixes;
  }

  /** The values of component {@code c}, which every row holds, indexed; null unless each row has exactly one. */
  private static PreparedArticles.DistinctValues distinctValues(int c, List<PartialEncoding> rows) {
    long[] rowIndex = new long[rows.size()];
    long[] values = new long[rows.size()];
    Map<Long, Integer> distinct = new HashMap<>();
    for (int row = 0; row < rows.size(); row++) {
      long[] hashes = rows.get(row).componentHashes[c];
      if (hashes.length != 1) {
        return null;
      }
      int next = distinct.size();
      Integer index = distinct.putIfAbsent(hashes[0], next);
      if (index == null) {
        values[next] = hashes[0];
        index = next;
      }
      rowIndex[row] = index;
    }
    return new PreparedArticles.DistinctValues(rowIndex, Arrays.copyOf(values, distinct.size()));
  }

  /**
   * The shared part's values (prefix hashes) crossed with one value per article, as one input row per distinct
   * value and a row index: 1,000 articles in 12 sections need 12 rows of crossed ids, not 1,000.
   */
  private SparseValues distinctCross(int s, long[] prefixes, PreparedArticles.DistinctValues distinct) {
    int width = prefixes.length;
    int rows = distinct.values().length;
    long[] ids = new long[rows * width];
    long[] splits = new long[rows + 1];
    for (int d = 0; d < rows; d++) {
      System.arraycopy(crossAll(prefixes, distinct.values()[d], divisors[s]), 0, ids, d * width, width);
      splits[d + 1] = (long) (d + 1) * width;
    }
    return new SparseValues(sparseInputs[s], ids, splits, null, distinct.rowIndex());
  }

  private static long[] identity(int n) {
    long[] rows = new long[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    return rows;
  }

  /** The ids of each prefix crossed with the single value {@code last}. */
  private static long[] crossAll(long[] prefixes, long last, BucketDivisor buckets) {
    long[] ids = new long[prefixes.length];
    for (int i = 0; i < prefixes.length; i++) {
      ids[i] = buckets.bucket(FarmHash.fingerprintCat64(prefixes[i], last));
    }
    return ids;
  }

  /** Writes the ids of every combination of {@code hashes[k..]} after prefix hash {@code h}; returns the next offset. */
  private static int crossInto(long[][] hashes, int count, int k, long h, BucketDivisor buckets, long[] out, int offset) {
    long[] values = hashes[k];
    if (k == count - 1) {
      for (long v : values) {
        out[offset++] = buckets.bucket(FarmHash.fingerprintCat64(h, v));
      }
    } else {
      for (long v : values) {
        offset = crossInto(hashes, count, k + 1, FarmHash.fingerprintCat64(h, v), buckets, out, offset);
      }
    }
    return offset;
  }

  private long[] categoricalIds(CategoricalColumn column, Object raw) {
    Object[] values = RawValues.categorical(column, raw);
    long[] ids = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      ids[i] = id(column, values[i]);
    }
    return ids;
  }

  private long id(CategoricalColumn column, Object value) {
    switch (column.kind()) {
      case VOCABULARY_LIST, VOCABULARY_FILE -> {
        Integer id = vocabularies.get(column.name()).get((String) value);
        if (id != null) {
          return id;
        }
        int size = column.vocabulary().size();
        return column.numOovBuckets() > 0
            ? size + FarmHash.hashBucket((String) value, column.numOovBuckets())
            : column.defaultValue();
      }
      case HASH_BUCKET -> {
        return FarmHash.hashBucket((String) value, column.bucketSize());
      }
      default -> {
        long id = (Long) value;
        if (id >= 0 && id < column.bucketSize()) {
          return id;
        }
        if (column.defaultValue() >= 0) {
          return column.defaultValue();
        }
        throw new FeatureEncodingException(column.name(), -1, "id " + id + " is outside [0, " + column.bucketSize()
            + ") and the column declares no default (use withDefaultValue(id))");
      }
    }
  }

  private static long[] componentHashes(FeatureColumn component, Map<String, ?> values) {
    if (component instanceof BucketizedColumn b) {
      int bucket = b.bucket(RawValues.number(b.source(), values.get(b.source().name())));
      return new long[] {FarmHash.fingerprint64(Integer.toString(bucket))};
    }
    CategoricalColumn c = (CategoricalColumn) component;
    Object[] raw = RawValues.categorical(c, values.get(c.name()));
    long[] hashes = new long[raw.length];
    for (int i = 0; i < raw.length; i++) {
      hashes[i] = FarmHash.fingerprint64(raw[i].toString());
    }
    return hashes;
  }

  private static String key(FeatureColumn component) {
    return component instanceof BucketizedColumn b ? b.source().name() : component.name();
  }

  private static float label(LabelColumn label, Object raw) {
    if (label.positiveValue() != null) {
      if (raw instanceof CharSequence s) {
        return label.positiveValue().contentEquals(s) ? 1f : 0f;
      }
    } else if (raw instanceof Boolean b) {
      return b ? 1f : 0f;
    } else if (raw instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) {
      return n.floatValue();
    }
    throw new FeatureEncodingException(label.key(), -1, "label " + RawValues.describe(raw) + " is not "
        + (label.positiveValue() != null ? "a string" : "0, 1 or a boolean"));
  }

  private static float exampleWeight(String key, Object raw) {
    if (raw == null) {
      return 1f;
    }
    if (raw instanceof Number n && Double.isFinite(n.doubleValue()) && n.doubleValue() >= 0) {
      return n.floatValue();
    }
    throw new FeatureEncodingException(key, -1, "example weight " + RawValues.describe(raw)
        + " is not a finite number >= 0");
  }

  private void checkOwner(PartialEncoding part) {
    if (part.encoder != this) {
      throw new IllegalArgumentException("this partial encoding was made by another encoder (spec "
          + part.encoder.spec.fingerprint() + "); encode parts with the encoder that combines them");
    }
  }

  private int bits() {
    return sparseInputs.length + denseInputs.length + components.length;
  }

  private String bitName(int bit) {
    if (bit < sparseInputs.length) {
      return sparseInputs[bit].name();
    }
    bit -= sparseInputs.length;
    return bit < denseInputs.length ? denseInputs[bit].name() : components[bit - denseInputs.length].name();
  }

  private static Map<String, FeatureColumn> columnsByName(FeatureSpec spec) {
    Map<String, FeatureColumn> byName = new LinkedHashMap<>();
    spec.columns().forEach(c -> byName.put(c.name(), c));
    return byName;
  }
}
