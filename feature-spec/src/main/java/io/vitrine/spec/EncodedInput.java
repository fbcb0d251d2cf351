package io.vitrine.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * One input of the model as the encoder produces it and the graph consumes it. A sparse input is fed as
 * {@code <name>_ids} (int64 [nnz]), {@code <name>_splits} (int64 [rows + 1], ragged row splits), when weighted
 * {@code <name>_weights} (float [nnz]), and when indexed {@code <name>_rows} (int64 [batch]); a dense input as
 * {@code <name>} (float [rows]). {@code rows} is the batch size, or 1 for an input whose one row applies to every
 * row of the batch. An indexed input (a cross) may send each distinct row once: batch row {@code r} reads the
 * input's row {@code rows[r]}, so a user's bag crossed with the section of 1,000 articles is sent as one row per
 * distinct section.
 *
 * @param name the name of the column that produces it
 * @param sparse whether it is a set of ids per row (else a vector of floats)
 * @param numBuckets the number of distinct ids (sparse inputs)
 * @param weighted whether ids carry weights (sparse inputs)
 * @param indexed whether it has a {@code <name>_rows} tensor (crossed columns)
 * @param dimension the vector length (dense inputs)
 */
public record EncodedInput(String name, boolean sparse, long numBuckets, boolean weighted, boolean indexed,
    int dimension) {
  public String idsTensor() {
    return name + "_ids";
  }

  public String splitsTensor() {
    return name + "_splits";
  }

  public String weightsTensor() {
    return name + "_weights";
  }

  public String rowsTensor() {
    return name + "_rows";
  }

  public String denseTensor() {
    return name;
  }

  /** The names of every tensor this input is fed as. */
  public List<String> tensorNames() {
    if (!sparse) {
      return List.of(denseTensor());
    }
    List<String> names = new ArrayList<>(List.of(idsTensor(), splitsTensor()));
    if (weighted) {
      names.add(weightsTensor());
    }
    if (indexed) {
      names.add(rowsTensor());
    }
    return List.copyOf(names);
  }
}
