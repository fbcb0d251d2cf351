package io.vitrine.spec;

/**
 * One input of the model as the encoder produces it and the graph consumes it. A sparse input is fed as
 * {@code <name>_ids} (int64 [nnz]), {@code <name>_splits} (int64 [rows + 1], ragged row splits) and, when
 * weighted, {@code <name>_weights} (float [nnz]); a dense input as {@code <name>} (float [rows]). {@code rows}
 * is the batch size, or 1 for an input whose one row applies to every row of the batch.
 *
 * @param name the name of the column that produces it
 * @param sparse whether it is a set of ids per row (else a vector of floats)
 * @param numBuckets the number of distinct ids (sparse inputs)
 * @param weighted whether ids carry weights (sparse inputs)
 * @param dimension the vector length (dense inputs)
 */
public record EncodedInput(String name, boolean sparse, long numBuckets, boolean weighted, int dimension) {
  public String idsTensor() {
    return name + "_ids";
  }

  public String splitsTensor() {
    return name + "_splits";
  }

  public String weightsTensor() {
    return name + "_weights";
  }

  public String denseTensor() {
    return name;
  }
}
