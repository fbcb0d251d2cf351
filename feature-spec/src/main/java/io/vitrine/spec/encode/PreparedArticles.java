package io.vitrine.spec.encode;

import java.util.BitSet;
import java.util.List;

/**
 * Article parts assembled once into columns, to be combined with many users by
 * {@link FeatureEncoder#combine(PartialEncoding, PreparedArticles)}: the inputs every article holds are ready-made
 * columns, and the distinct values of the components that users' crosses pair with are indexed. Made by
 * {@link FeatureEncoder#prepare}; immutable, so a candidate set's prepared articles can be cached and shared.
 */
public final class PreparedArticles {
  final FeatureEncoder encoder;
  final List<PartialEncoding> parts;
  /** Bits (as in {@link PartialEncoding}) that every article holds, and that some article holds. */
  final BitSet inEvery;
  final BitSet inAny;
  /** Per sparse or dense input that every article holds, its column; else null. */
  final SparseValues[] sparse;
  final DenseValues[] dense;
  /** Per cross component with exactly one value in every article, those values indexed; else null. */
  final DistinctValues[] distinct;

  PreparedArticles(FeatureEncoder encoder, List<PartialEncoding> parts, BitSet inEvery, BitSet inAny,
      SparseValues[] sparse, DenseValues[] dense, DistinctValues[] distinct) {
    this.encoder = encoder;
    this.parts = parts;
    this.inEvery = inEvery;
    this.inAny = inAny;
    this.sparse = sparse;
    this.dense = dense;
    this.distinct = distinct;
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
