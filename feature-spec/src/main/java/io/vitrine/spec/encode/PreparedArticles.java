package io.vitrine.spec.encode;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Article parts assembled once into columns, to be combined with many users by
 * {@link FeatureEncoder#combine(PartialEncoding, PreparedArticles)}: the inputs every article holds are ready-made
 * columns, and the distinct values of the components that users' crosses pair with are indexed. Made by
 * {@link FeatureEncoder#prepare}; immutable, so a candidate set's prepared articles can be cached and shared.
 */
public final class PreparedArticles {
  final FeatureEncoder encoder;
  final List<PartialEncoding> parts;
  /** Bits (as in {@link PartialEncoding}) that some article holds. */
  final BitSet inAny;
  /** Per sparse or dense input that every article holds, its column; else null. */
  final SparseValues[] sparse;
  final DenseValues[] dense;
  /** Per cross component with exactly one value in every article, those values indexed; else null. */
  final DistinctValues[] distinct;
  private final Set<Object> shared = Collections.newSetFromMap(new IdentityHashMap<>());

  PreparedArticles(FeatureEncoder encoder, List<PartialEncoding> parts, BitSet inAny,
      SparseValues[] sparse, DenseValues[] dense, DistinctValues[] distinct) {
    this.encoder = encoder;
    this.parts = parts;
    this.inAny = inAny;
    this.sparse = sparse;
    this.dense = dense;
    this.distinct = distinct;
    for (SparseValues column : sparse) {
      if (column != null) {
        shared.addAll(Arrays.asList(column.ids(), column.rowSplits(), column.weights(), column.rowIndex()));
      }
    }
    for (DenseValues column : dense) {
      if (column != null) {
        shared.add(column.values());
      }
    }
    for (DistinctValues values : distinct) {
      if (values != null) {
        shared.add(values.rowIndex());
      }
    }
    shared.remove(null);
  }

  /**
   * Whether {@code array} (of a {@link SparseValues} or {@link DenseValues} in a batch combined from these
   * articles) belongs to these articles: then every such batch holds this very array, unchanged.
   */
  public boolean shares(Object array) {
    return shared.contains(array);
  }

  /** The number of articles. */
  public int size() {
    return parts.size();
  }

  /**
   * One hash value per article, each distinct value once.
   *
   * @param rowIndex the position in {@code values} of each article's value
   * @param values the distinct values, in order of first appearance
   */
  record DistinctValues(long[] rowIndex, long[] values) {}
}
