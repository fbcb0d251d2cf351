package io.vitrine.spec.encode;

import io.vitrine.spec.EncodedInput;

/**
 * The values of one dense input for a batch, one per row; a single value applies to every row of its batch (the
 * user part of a ranking batch). The array is shared, not copied: treat it as read-only.
 */
public record DenseValues(EncodedInput input, float[] values) {
  /** The value of batch row {@code row}. */
  public float valueOf(int row) {
    return values[values.length == 1 ? 0 : row];
  }
}
