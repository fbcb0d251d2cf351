package io.vitrine.trainer.graph;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Unique;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * A trained table (wide weights or embeddings) read through the sparse path: the ids of all its inputs are
 * made unique, only those rows are gathered, and the gradient with respect to the gathered rows drives a
 * sparse optimizer update, so a step's cost does not grow with the table's size.
 */
final class SparseTable {
  final Variable<TFloat32> table;
  final Operand<TInt64> uniqueIds;
  final Operand<TFloat32> gathered;
  private final List<Operand<TInt32>> positions = new ArrayList<>();

  /** {@code ids} holds one operand per input that reads this table (several for a shared embedding). */
  SparseTable(Ops tf, Variable<TFloat32> table, List<Operand<TInt64>> ids) {
    this.table = table;
    Operand<TInt64> all = ids.size() == 1 ? ids.get(0) : tf.concat(ids, tf.constant(0));
    Unique<TInt64, TInt32> unique = tf.unique(all, tf.constant(new long[] {0}));
    uniqueIds = unique.y();
    gathered = tf.gather(table, uniqueIds, tf.constant(0));
    if (ids.size() == 1) {
      positions.add(unique.idx());
    } else {
      List<Operand<TInt32>> sizes = new ArrayList<>();
      for (Operand<TInt64> input : ids) {
        sizes.add(tf.shape(input, TInt32.class));
      }
      var split = tf.splitV(unique.idx(), tf.concat(sizes, tf.constant(0)), tf.constant(0), (long) ids.size());
      split.output().forEach(positions::add);
    }
  }

  /** The rows of the table for the ids of input {@code input}, one row per id. */
  Operand<TFloat32> rowsOf(Ops tf, int input) {
    return tf.gather(gathered, positions.get(input), tf.constant(0));
  }
}
