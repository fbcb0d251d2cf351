package io.vitrine.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void metricsOfAKnownExample() {
    float[] p = {0.9f, 0.8f, 0.4f, 0.3f, 0.6f, 0.1f};
    float[] y = {1, 1, 1, 0, 0, 0};
    Metrics m = Metrics.of(p, y);
    // positive/negative pairs ranked right: 0.9, 0.8 beat all 3 negatives; 0.4 beats 0.3 and 0.1 -> 8 of 9
    assertThat(m.auc()).isCloseTo(8.0 / 9, within(1e-12));
    assertThat(m.accuracy()).isCloseTo(4.0 / 6, within(1e-12));
    assertThat(m.precision()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(m.recall()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(m.meanLabel()).isEqualTo(0.5);
    double logLoss = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.4) + Math.log(0.7) + Math.log(0.4) + Math.log(0.9)) / 6;
    assertThat(m.logLoss()).isCloseTo(logLoss, within(1e-6));
  }

  @Test
  void tiedScoresCountHalf() {
    assertThat(Metrics.of(new float[] {0.5f, 0.5f}, new float[] {1, 0}).auc()).isEqualTo(0.5);
    assertThat(Metrics.of(new float[] {0.2f, 0.5f, 0.5f}, new float[] {0, 1, 0}).auc()).isEqualTo(0.75);
  }

  @Test
  void aucIsUndefinedWithOneClass() {
    assertThat(Metrics.of(new float[] {0.2f, 0.7f}, new float[] {1, 1}).auc()).isNaN();
  }
}
