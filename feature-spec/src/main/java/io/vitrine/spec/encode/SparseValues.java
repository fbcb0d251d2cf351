package io.vitrine.spec.encode;

import io.vitrine.spec.EncodedInput;

/**
 * The ids of one sparse input for a batch, ragged: row {@code r} owns {@code ids[rowSplits[r] ..
 * rowSplits[r + 1])}. An input with a single row applies to every row of its batch (the user part of a ranking
 * batch). Arrays are shared, not copied: treat them as read-only.
 *
 * @param input the input these values feed
 * @param ids the ids of all rows, row after row
 * @param rowSplits {@code rows + 1} offsets into {@code ids}, starting at 0
 * @param weights a weight per id for weighted inputs, else null
 */
public record SparseValues(EncodedInput input, long[] ids, long[] rowSplits, float[] weights) {
  /** The number of rows this input has: the batch's, or 1 when one row applies to all. */
  public int rows() {
    return rowSplits.length - 1;
  }

  /** The ids of batch row {@code row}. */
  public long[] idsOf(int row) {
    int r = rows() == 1 ? 0 : row;
    return java.util.Arrays.copyOfRange(ids, (int) rowSplits[r], (int) rowSplits[r + 1]);
  }

  /** The weights of batch row {@code row}, or null for an unweighted input. */
  public float[] weightsOf(int row) {
    int r = rows() == 1 ? 0 : row;
    return weights == null ? null : java.util.Arrays.copyOfRange(weights, (int) rowSplits[r], (int) rowSplits[r + 1]);
  }
}
