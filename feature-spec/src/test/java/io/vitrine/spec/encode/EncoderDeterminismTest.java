package io.vitrine.spec.encode;

import io.vitrine.spec.FeatureSpec;
import io.vitrine.spec.TestSpecs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Property-style: random rows encode to the same batch across encoders, runs and threads. */
class EncoderDeterminismTest {
  private static final String[] DEVICES = {"desktop", "mobile", "tablet", "tv", "watch"};
  private static final String[] SECTIONS = {"news", "sport", "culture", "weather"};

  static List<Map<String, Object>> randomRows(long seed, int count) {
    Random random = new Random(seed);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, Object> row = new HashMap<>();
      if (random.nextInt(5) > 0) {
        row.put("age", random.nextDouble() * 90);
      }
      row.put("clicks", random.nextInt(100));
      row.put("device", DEVICES[random.nextInt(DEVICES.length)]);
      row.put("section", SECTIONS[random.nextInt(SECTIONS.length)]);
      row.put("hour", random.nextInt(24));
      int tags = random.nextInt(4);
      List<String> tagList = new ArrayList<>();
      List<Double> weights = new ArrayList<>();
      for (int t = 0; t < tags; t++) {
        tagList.add(String.valueOf((char) ('a' + random.nextInt(5))));
        weights.add(random.nextDouble());
      }
      row.put("tags", tagList);
      row.put("tag_weights", weights);
      row.put("article", "article-" + random.nextInt(10_000));
      List<String> recent = new ArrayList<>();
      for (int r = random.nextInt(20); r > 0; r--) {
        recent.add("article-" + random.nextInt(10_000));
      }
      row.put("recent", recent);
      rows.add(row);
    }
    return rows;
  }

  @Test
  void encodingIsDeterministicAcrossEncodersAndThreads() throws Exception {
    FeatureSpec spec = TestSpecs.everyKind();
    List<Map<String, Object>> rows = randomRows(11, 2_000);
    EncodedBatch reference = spec.encoder().encode(rows);
    EncodedBatches.assertSame(FeatureSpec.fromJson(spec.toJson()).encoder().encode(rows), reference);

    FeatureEncoder shared = spec.encoder();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<EncodedBatch>> results = new ArrayList<>();
      for (int task = 0; task < 16; task++) {
        results.add(pool.submit(() -> shared.encode(rows)));
      }
      for (Future<EncodedBatch> result : results) {
        EncodedBatches.assertSame(result.get(), reference);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
