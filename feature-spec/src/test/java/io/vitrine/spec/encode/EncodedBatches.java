package io.vitrine.spec.encode;

import static org.assertj.core.api.Assertions.assertThat;

/** Compares batches input by input. */
final class EncodedBatches {
  private EncodedBatches() {}

  static void assertSame(EncodedBatch actual, EncodedBatch expected) {
    assertThat(actual.rows()).isEqualTo(expected.rows());
    assertThat(actual.sparse()).hasSameSizeAs(expected.sparse());
    for (int i = 0; i < expected.sparse().size(); i++) {
      SparseValues a = actual.sparse().get(i);
      SparseValues e = expected.sparse().get(i);
      String name = e.input().name();
      assertThat(a.input()).isEqualTo(e.input());
      assertThat(a.ids()).as(name).containsExactly(e.ids());
      assertThat(a.rowSplits()).as(name).containsExactly(e.rowSplits());
      assertThat(a.weights()).as(name).isEqualTo(e.weights());
    }
    for (int i = 0; i < expected.dense().size(); i++) {
      assertThat(actual.dense().get(i).values()).as(expected.dense().get(i).input().name())
          .containsExactly(expected.dense().get(i).values());
    }
  }
}
