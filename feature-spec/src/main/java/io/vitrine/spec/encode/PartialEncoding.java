package io.vitrine.spec.encode;

import java.util.BitSet;

/**
 * The encoded form of part of a row, such as a user's features or an article's, made by
 * {@link FeatureEncoder#encodePart}. Immutable and safe to cache and share: an article's partial encoding can
 * be reused for every user it is ranked for.
 */
public final class PartialEncoding {
  final FeatureEncoder encoder;
  final long[][] sparseIds;
  final float[][] sparseWeights;
  final float[] dense;
  final long[][] componentHashes;
  /** Bits: sparse inputs, then dense inputs, then cross components; set where this part holds the value. */
  final BitSet present;

  PartialEncoding(FeatureEncoder encoder, long[][] sparseIds, float[][] sparseWeights, float[] dense,
      long[][] componentHashes, BitSet present) {
    this.encoder = encoder;
    this.sparseIds = sparseIds;
    this.sparseWeights = sparseWeights;
    this.dense = dense;
    this.componentHashes = componentHashes;
    this.present = present;
  }
}
