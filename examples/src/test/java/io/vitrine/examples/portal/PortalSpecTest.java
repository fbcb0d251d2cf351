package io.vitrine.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitrine.spec.FeatureSpec;
import io.vitrine.spec.column.CrossedColumn;
import io.vitrine.spec.column.FeatureColumn;
import org.junit.jupiter.api.Test;

class PortalSpecTest {
  @Test
  void portalSpecHasFifteenFeatureColumnsAndThreeCrosses() {
    FeatureSpec spec = PortalSpec.spec();
    assertThat(spec.featureKeys()).hasSize(11);
    assertThat(spec.wide().stream().filter(c -> c instanceof CrossedColumn)).hasSize(3);
    assertThat(spec.columns().stream().filter(c -> !isWrapper(c))).hasSize(15);
    assertThat(FeatureSpec.fromJson(spec.toJson())).isEqualTo(spec);
  }

  @Test
  void userKeysAreFeatureKeys() {
    assertThat(PortalSpec.spec().featureKeys()).containsAll(PortalSpec.USER_KEYS);
  }

  private static boolean isWrapper(FeatureColumn column) {
    String name = column.name();
    return name.endsWith("_embedding") || name.endsWith("_indicator") || name.equals("articles");
  }
}
