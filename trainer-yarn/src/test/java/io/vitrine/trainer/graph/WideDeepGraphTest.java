package io.vitrine.trainer.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitrine.spec.FeatureSpec;
import io.vitrine.spec.encode.EncodedBatch;
import io.vitrine.trainer.SyntheticClicks;
import io.vitrine.trainer.export.ModelExporter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

class WideDeepGraphTest {
  private final FeatureSpec spec = SyntheticClicks.spec();

  @Test
  void graphOfEveryColumnKindTrainsAndLossDecreases() {
    EncodedBatch batch = spec.encoder().encodeTraining(SyntheticClicks.rows(1, 512));
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      WideDeepGraph model = new WideDeepGraph(graph, spec);
      session.initialize();
      assertThat(model.inputs().keySet()).contains("segment_ids", "segment_splits", "tags_weighted_by_tag_weights_weights",
          "x", "count", "item_ids", "history_splits", "segment_X_category_ids");
      List<Float> losses = new ArrayList<>();
      for (int step = 0; step < 60; step++) {
        losses.add(step(session, model, batch));
      }
      assertThat(losses).allSatisfy(l -> assertThat(l).isFinite());
      assertThat(losses.get(59)).isLessThan(losses.get(0) * 0.8f);
      float[] p = predict(session, model, batch);
      assertThat(p).hasSize(512);
      for (float v : p) {
        assertThat(v).isBetween(0f, 1f);
      }
    }
  }

  @Test
  void inputsSentOnceForAllRowsScoreLikeRepeatedOnes() {
    List<java.util.Map<String, Object>> rows = SyntheticClicks.rows(4, 64);
    java.util.Set<String> userKeys = java.util.Set.of("segment", "x", "tags", "tag_weights", "history");
    java.util.Map<String, Object> user = new java.util.HashMap<>(rows.get(0));
    user.keySet().retainAll(userKeys);
    List<java.util.Map<String, Object>> full = new ArrayList<>();
    List<io.vitrine.spec.encode.PartialEncoding> articles = new ArrayList<>();
    var encoder = spec.encoder();
    for (var row : rows) {
      java.util.Map<String, Object> article = new java.util.HashMap<>(row);
      article.keySet().removeAll(userKeys);
      article.remove("clicked");
      articles.add(encoder.encodePart(article));
      java.util.Map<String, Object> whole = new java.util.HashMap<>(article);
      whole.putAll(user);
      full.add(whole);
    }
    EncodedBatch compact = encoder.combine(encoder.encodePart(user), articles);
    assertThat(compact.sparse("history").rows()).isEqualTo(1);
    // 64 rows in at most 10 categories: the segment x category cross is sent once per category, with a row index
    assertThat(compact.sparse("segment_X_category").rows()).isLessThanOrEqualTo(10);
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      WideDeepGraph model = new WideDeepGraph(graph, spec);
      session.initialize();
      for (int step = 0; step < 20; step++) {
        step(session, model, spec.encoder().encodeTraining(SyntheticClicks.rows(step, 128)));
      }
      assertThat(predict(session, model, compact)).containsExactly(predict(session, model, encoder.encode(full)));
    }
  }

  @Test
  void sparseUpdatesTouchOnlyTheRowsOfTheBatch() {
    FeatureSpec wideOnly = FeatureSpec.builder("wide").label("clicked")
        .wide(io.vitrine.spec.column.FeatureColumns.categoricalWithHashBucket("item", 10_000)).build();
    EncodedBatch batch = wideOnly.encoder().encodeTraining(SyntheticClicks.rows(2, 64));
    long[] touched = batch.sparse("item").ids();
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      WideDeepGraph model = new WideDeepGraph(graph, wideOnly);
      session.initialize();
      step(session, model, batch);
      float[] weights;
      try (Result r = session.runner().fetch("wide_item").run()) {
        weights = ModelExporter.flat((TFloat32) r.get(0));
      }
      int changed = 0;
      for (int id = 0; id < weights.length; id++) {
        boolean inBatch = contains(touched, id);
        if (!inBatch) {
          assertThat(weights[id]).as("untouched row %d", id).isZero();
        } else if (weights[id] != 0) {
          changed++;
        }
      }
      assertThat(changed).isPositive();
    }
  }

  static float step(Session session, WideDeepGraph model, EncodedBatch batch) {
    try (BatchTensors tensors = new BatchTensors(batch)) {
      Session.Runner runner = session.runner();
      tensors.all().forEach(runner::feed);
      model.trainOps().forEach(runner::addTarget);
      try (Result result = runner.fetch(model.loss()).run()) {
        return ((TFloat32) result.get(0)).getFloat();
      }
    }
  }

  static float[] predict(Session session, WideDeepGraph model, EncodedBatch batch) {
    try (BatchTensors tensors = new BatchTensors(batch)) {
      Session.Runner runner = session.runner();
      tensors.features().forEach(runner::feed);
      try (Result result = runner.fetch(model.probabilities()).run()) {
        return ModelExporter.flat((TFloat32) result.get(0));
      }
    }
  }

  private static boolean contains(long[] ids, long id) {
    for (long v : ids) {
      if (v == id) {
        return true;
      }
    }
    return false;
  }
}
