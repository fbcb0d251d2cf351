package io.vitrine.spec.encode;

import io.vitrine.spec.EncodedInput;

/**
 * The ids of one sparse input for a batch, ragged: row {@code r} owns {@code ids[rowSplits[r] ..
 * rowSplits[r + 1])}. Arrays are shared, not copied: treat them as read-only.
 *
 * @param input the input these values feed
 * @param ids the ids of all rows, row after row
 * @param rowSplits {@code rows + 1} offsets into {@code ids}, starting at 0
 * @param weights a weight per id for weighted inputs, else null
 */
public record SparseValues(EncodedInput input, long[] ids, long[] rowSplits, float[] weights) {
  /** The number of rows. */
  public int rows() {
    return rowSplits.length - 1;
  }

  /** The ids of row {@code row}. */
  public long[] idsOf(int row) {
    return java.util.Arrays.copyOfRange(ids, (int) rowSplits[row], (int) rowSplits[row + 1]);
  }
}
