package io.vitrine.spec.encode;

import io.vitrine.spec.EncodedInput;

/**
 * The values of one dense input for a batch, row-major {@code [rows, dimension]}. The array is shared, not
 * copied: treat it as read-only.
 */
public record DenseValues(EncodedInput input, float[] values) {}
