package io.vitrine.spec.encode;

import io.vitrine.spec.EncodedInput;
import java.util.Arrays;

/**
 * The ids of one sparse input for a batch, ragged: input row {@code i} owns {@code ids[rowSplits[i] ..
 * rowSplits[i + 1])}. Batch row {@code r} reads input row {@code rowIndex[r]} for an indexed input, else row
 * {@code r}, or row 0 when the input has a single row (which then applies to every row of the batch, like the
 * user part of a ranking batch). Arrays are shared, not copied: treat them as read-only.
 *
 * @param input the input these values feed
 * @param ids the ids of all input rows, row after row
 * @param rowSplits {@code rows + 1} offsets into {@code ids}, starting at 0
 * @param weights a weight per id for weighted inputs, else null
 * @param rowIndex for indexed inputs, the input row of each batch row; else null
 */
public record SparseValues(EncodedInput input, long[] ids, long[] rowSplits, float[] weights, long[] rowIndex) {
  public SparseValues {
    if (input.indexed() != (rowIndex != null)) {
      throw new IllegalArgumentException("input '" + input.name() + "' "
          + (input.indexed() ? "is indexed and needs" : "is not indexed and takes no") + " row index");
    }
  }

  /** Values of an input that is not indexed. */
  public SparseValues(EncodedInput input, long[] ids, long[] rowSplits, float[] weights) {
    this(input, ids, rowSplits, weights, null);
  }

  /** The number of input rows: the batch's, 1 when one row applies to all, or the distinct rows of an indexed input. */
  public int rows() {
    return rowSplits.length - 1;
  }

  /** The ids of batch row {@code row}. */
  public long[] idsOf(int row) {
    int r = inputRow(row);
    return Arrays.copyOfRange(ids, (int) rowSplits[r], (int) rowSplits[r + 1]);
  }

  /** The weights of batch row {@code row}, or null for an unweighted input. */
  public float[] weightsOf(int row) {
    int r = inputRow(row);
    return weights == null ? null : Arrays.copyOfRange(weights, (int) rowSplits[r], (int) rowSplits[r + 1]);
  }

  private int inputRow(int batchRow) {
    return rowIndex != null ? (int) rowIndex[batchRow] : rows() == 1 ? 0 : batchRow;
  }
}
