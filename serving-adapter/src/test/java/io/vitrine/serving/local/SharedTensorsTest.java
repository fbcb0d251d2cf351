package io.vitrine.serving.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitrine.spec.encode.FeatureEncoder;
import io.vitrine.spec.encode.PreparedArticles;
import io.vitrine.spec.encode.SparseValues;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Tensor;
import org.tensorflow.types.TInt64;

class SharedTensorsTest {
  private final FeatureEncoder encoder = TestModels.SPEC.encoder();
  private final PreparedArticles articles = encoder.prepare(TestModels.articleParts(encoder, 3));
  private final SparseValues section = encoder.combine(encoder.encodePart(Map.of()), articles).sparse("article_section");

  @Test
  void aSetsOwnArraysGetOneTensorEachOthersNone() {
    SharedTensors shared = new SharedTensors();
    Tensor ids = shared.tensorOf(articles, section.ids());
    assertThat(shared.tensorOf(articles, section.ids())).isSameAs(ids);
    assertThat(((TInt64) ids).getLong(0)).isEqualTo(section.ids()[0]);
    assertThat(shared.tensorOf(articles, section.ids().clone())).isNull();
    assertThat(shared.tensorOf(articles, new long[] {1, 2})).isNull();
    shared.release();
  }

  @Test
  void tensorsCloseWhenTheLastReferenceGoesNotBefore() {
    SharedTensors shared = new SharedTensors();
    TInt64 ids = (TInt64) shared.tensorOf(articles, section.ids());
    assertThat(shared.acquire()).isTrue();
    shared.release();
    assertThat(shared.isClosed()).as("a request still holds a reference").isFalse();
    assertThat(ids.getLong(0)).isEqualTo(section.ids()[0]);
    shared.release();
    assertThat(shared.isClosed()).isTrue();
    assertThat(shared.acquire()).as("closed tensors cannot be taken again").isFalse();
  }
}
