package io.vitrine.serving.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vitrine.sdk.scoring.ModelLease;
import io.vitrine.sdk.scoring.ScoringException;
import io.vitrine.spec.encode.EncodedBatch;
import io.vitrine.spec.encode.FeatureEncoder;
import io.vitrine.spec.encode.PartialEncoding;
import io.vitrine.spec.encode.PreparedArticles;
import io.vitrine.trainer.export.ModelExporter;
import io.vitrine.trainer.graph.BatchTensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.fs.FileUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.types.TFloat32;

class LocalScorerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  @TempDir Path base;

  private LocalScorer.Builder scorer() {
    return LocalScorer.builder().modelBase(base.toString()).modelName("news").pollInterval(Duration.ofMillis(50));
  }

  static EncodedBatch batch(FeatureEncoder encoder, int articles) {
    return encoder.combine(TestModels.sportReader(encoder), TestModels.articleParts(encoder, articles));
  }

  @Test
  void scoresWithTheSpecStoredInTheModelAndMatchesTheSavedModel() {
    TestModels.publish(TestModels.first(), base.toString(), 1);
    try (LocalScorer scorer = scorer().build(); ModelLease lease = scorer.acquire()) {
      assertThat(lease.version()).isEqualTo(1);
      assertThat(lease.encoder().spec()).isEqualTo(TestModels.SPEC);
      EncodedBatch batch = batch(lease.encoder(), 50);
      float[] scores = lease.score(batch, TIMEOUT);
      try (SavedModelBundle bundle = SavedModelBundle.load(TestModels.first().toString(), "serve");
           BatchTensors tensors = new BatchTensors(batch);
           Result result = bundle.function("serving_default").call(tensors.features())) {
        assertThat(scores).containsExactly(ModelExporter.flat((TFloat32) result.get("probabilities").orElseThrow()));
      }
    }
  }

  @Test
  void withoutAModelAcquireSaysWhy() {
    try (LocalScorer scorer = scorer().build()) {
      assertThatThrownBy(scorer::acquire).isInstanceOf(ScoringException.class)
          .hasMessageContaining("no version of model 'news'").hasMessageContaining("no version published yet");
      assertThatThrownBy(() -> scorer.awaitModel(Duration.ofMillis(100))).isInstanceOf(ModelLoadException.class);
    }
  }

  @Test
  void aCorruptVersionIsSkippedAndTheCurrentOneKeepsServing() throws Exception {
    TestModels.publish(TestModels.first(), base.toString(), 1);
    try (LocalScorer scorer = scorer().build()) {
      Path corrupt = Files.createTempDirectory("corrupt");
      copyTree(TestModels.first(), corrupt.resolve("m"));
      Files.write(corrupt.resolve("m/saved_model.pb"), new byte[] {1, 2, 3, 4, 5});
      TestModels.publish(corrupt.resolve("m"), base.toString(), 2);
      scorer.poll();
      assertThat(scorer.currentVersion()).isEqualTo(1);
      assertThat(scorer.rejectedVersions()).containsKey(2L);
      try (ModelLease lease = scorer.acquire()) {
        assertThat(lease.score(batch(lease.encoder(), 3), TIMEOUT)).hasSize(3);
      }
      TestModels.publish(TestModels.second(), base.toString(), 3);
      scorer.poll();
      assertThat(scorer.currentVersion()).isEqualTo(3);
    }
  }

  @Test
  void aHalfWrittenVersionIsNotLoadedUntilComplete() throws Exception {
    TestModels.publish(TestModels.first(), base.toString(), 1);
    try (LocalScorer scorer = scorer().build()) {
      Path half = base.resolve("news/2");
      Files.createDirectories(half.resolve("variables"));
      scorer.poll();
      assertThat(scorer.currentVersion()).isEqualTo(1);
      assertThat(scorer.rejectedVersions()).isEmpty();
      copyTree(TestModels.second(), base.resolve("news/2-complete"));
      for (String name : new String[] {"variables", "assets.extra", "saved_model.pb"}) {
        Path from = base.resolve("news/2-complete/" + name);
        FileUtil.fullyDelete(half.resolve(name).toFile());
        Files.move(from, half.resolve(name));
      }
      scorer.poll();
      assertThat(scorer.currentVersion()).isEqualTo(2);
    }
  }

  @Test
  void aSpecThatNeedsFeaturesTheApplicationLacksIsRejectedAtLoad() {
    TestModels.publish(TestModels.first(), base.toString(), 1);
    try (LocalScorer scorer = scorer().providedFeatureKeys(List.of("user_recent_sections", "device", "article_id")).build()) {
      assertThatThrownBy(() -> scorer.awaitModel(Duration.ofMillis(200)))
          .isInstanceOf(ModelLoadException.class)
          .hasMessageContaining("needs features the application does not provide: [article_popularity, article_section]");
    }
  }

  @Test
  void aPinnedVersionIsServedEvenWhenNewerOnesExist() {
    TestModels.publish(TestModels.first(), base.toString(), 1);
    TestModels.publish(TestModels.second(), base.toString(), 2);
    try (LocalScorer scorer = scorer().versionPolicy(VersionPolicy.pinned(1)).build()) {
      assertThat(scorer.currentVersion()).isEqualTo(1);
    }
    try (LocalScorer scorer = scorer().build()) {
      assertThat(scorer.currentVersion()).isEqualTo(2);
    }
  }

  @Test
  void hotSwapUnderLoadFailsNoRequestAndClosesTheOldVersionAfterItsLastLease() throws Exception {
    TestModels.publish(TestModels.first(), base.toString(), 1);
    TestModels.second();
    try (LocalScorer scorer = scorer().build()) {
      ModelLease held = scorer.acquire();
      LoadedModel v1 = scorer.loaded();
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<long[]>> workers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        workers.add(pool.submit(() -> {
          long requests = 0;
          long newest = 0;
          long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
          while (!stop.get() && System.nanoTime() < until && requests < 200_000) {
            try (ModelLease lease = scorer.acquire()) {
              float[] scores = lease.score(batch(lease.encoder(), 20), TIMEOUT);
              if (scores.length != 20) {
                throw new AssertionError("wrong score count");
              }
              newest = Math.max(newest, lease.version());
            }
            requests++;
          }
          return new long[] {requests, newest};
        }));
      }
      Thread.sleep(200);
      TestModels.publish(TestModels.second(), base.toString(), 2);
      TestModels.publish(TestModels.first(), base.toString(), 3);
      TestModels.awaitVersion(scorer, 3);
      stop.set(true);
      long total = 0;
      for (Future<long[]> worker : workers) {
        long[] result = worker.get();   // rethrows any failed request
        total += result[0];
        assertThat(result[1]).isEqualTo(3);
      }
      pool.shutdown();
      assertThat(total).isPositive();
      assertThat(scorer.currentVersion()).isEqualTo(3);
      assertThat(v1.isClosed()).as("v1 stays open while a lease holds it").isFalse();
      assertThat(held.score(batch(held.encoder(), 2), TIMEOUT)).hasSize(2);
      held.close();
      assertThat(v1.isClosed()).isTrue();
    }
  }

  @Test
  void aRunPastItsTimeoutIsCancelledByTensorFlowAndTheModelKeepsServing() {
    TestModels.publish(TestModels.first(), base.toString(), 1);
    try (LocalScorer scorer = scorer().build(); ModelLease lease = scorer.acquire()) {
      EncodedBatch one = batch(lease.encoder(), 1);
      // 300 articles repeated to 300,000 rows: far more than TensorFlow can score in the 1 ms it is given
      List<PartialEncoding> articles = TestModels.articleParts(lease.encoder(), 300);
      EncodedBatch huge = lease.encoder().combine(TestModels.sportReader(lease.encoder()), java.util.Collections.nCopies(1_000, articles).stream()
          .flatMap(List::stream).toList());
      assertThatThrownBy(() -> lease.score(huge, Duration.ofMillis(1)))
          .isInstanceOf(ScoringException.class)
          .hasMessageContaining("news v1 did not answer within 1 ms");
      assertThat(lease.score(one, TIMEOUT)).hasSize(1);
    }
  }

  @Test
  void nativeMemoryStaysFlatOverManyRequests() throws Exception {
    TestModels.publish(TestModels.first(), base.toString(), 1);
    try (LocalScorer scorer = scorer().build()) {
      EncodedBatch batch;
      try (ModelLease lease = scorer.acquire()) {
        batch = batch(lease.encoder(), 1_000);
      }
      for (int i = 0; i < 300; i++) {
        score(scorer, batch);
      }
      long before = residentKb();
      for (int i = 0; i < 3_000; i++) {
        score(scorer, batch);
      }
      long grownMb = (residentKb() - before) / 1024;
      // an unclosed tensor or result per call leaks ~50 KB at this batch size: ~150 MB over 3,000 calls
      assertThat(grownMb).as("resident memory growth over 3,000 scoring calls, MB").isLessThan(40);
    }
  }

  @Test
  void preparedArticlesShareTheirTensorsSafelyWhileSetsAreReplacedUnderLoad() throws Exception {
    TestModels.publish(TestModels.first(), base.toString(), 1);
    try (LocalScorer scorer = scorer().build(); ModelLease lease = scorer.acquire()) {
      FeatureEncoder encoder = lease.encoder();
      PartialEncoding user = TestModels.sportReader(encoder);
      List<PartialEncoding> articles = TestModels.articleParts(encoder, 300);
      float[] fresh = lease.score(encoder.combine(user, articles), TIMEOUT);
      PreparedArticles prepared = encoder.prepare(articles);
      for (int i = 0; i < 2; i++) {
        assertThat(lease.score(encoder.combine(user, prepared), TIMEOUT)).containsExactly(fresh, within(1e-6f));
      }
      // 4 threads, each ranking a new candidate set per call: sets are evicted (and their tensors closed) while
      // other threads still score with theirs
      ExecutorService threads = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          done.add(threads.submit(() -> {
            for (int i = 0; i < 150; i++) {
              PreparedArticles set = encoder.prepare(articles);
              for (int repeat = 0; repeat < 2; repeat++) {
                assertThat(lease.score(encoder.combine(user, set), TIMEOUT)).containsExactly(fresh, within(1e-6f));
              }
            }
            return null;
          }));
        }
        for (Future<?> future : done) {
          future.get(2, TimeUnit.MINUTES);
        }
      } finally {
        threads.shutdownNow();
      }
    }
  }

  private static void copyTree(Path from, Path to) throws java.io.IOException {
    try (var paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Files.copy(path, to.resolve(from.relativize(path).toString()));
      }
    }
  }

  private static void score(LocalScorer scorer, EncodedBatch batch) {
    try (ModelLease lease = scorer.acquire()) {
      lease.score(batch, TIMEOUT);
    }
  }

  private static long residentKb() throws Exception {
    System.gc();
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }
}
