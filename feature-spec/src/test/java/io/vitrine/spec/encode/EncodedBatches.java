package io.vitrine.spec.encode;

import static org.assertj.core.api.Assertions.assertThat;

/** Compares batches row by row, so an input sent once for all rows equals the same input repeated per row. */
final class EncodedBatches {
  private EncodedBatches() {}

  static void assertSame(EncodedBatch actual, EncodedBatch expected) {
    assertThat(actual.rows()).isEqualTo(expected.rows());
    assertThat(actual.sparse()).hasSameSizeAs(expected.sparse());
    for (int i = 0; i < expected.sparse().size(); i++) {
      SparseValues a = actual.sparse().get(i);
      SparseValues e = expected.sparse().get(i);
      assertThat(a.input()).isEqualTo(e.input());
      for (int row = 0; row < expected.rows(); row++) {
        String where = e.input().name() + " row " + row;
        assertThat(a.idsOf(row)).as(where).containsExactly(e.idsOf(row));
        assertThat(a.weightsOf(row)).as(where).isEqualTo(e.weightsOf(row));
      }
    }
    for (int i = 0; i < expected.dense().size(); i++) {
      DenseValues a = actual.dense().get(i);
      DenseValues e = expected.dense().get(i);
      for (int row = 0; row < expected.rows(); row++) {
        assertThat(a.valueOf(row)).as(e.input().name() + " row " + row).isEqualTo(e.valueOf(row));
      }
    }
  }
}
