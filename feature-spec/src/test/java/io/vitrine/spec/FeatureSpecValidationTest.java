package io.vitrine.spec;

import static io.vitrine.spec.TestSpecs.AGE;
import static io.vitrine.spec.TestSpecs.DEVICE;
import static io.vitrine.spec.TestSpecs.SECTION;
import static io.vitrine.spec.column.FeatureColumns.bucketized;
import static io.vitrine.spec.column.FeatureColumns.categoricalWithHashBucket;
import static io.vitrine.spec.column.FeatureColumns.categoricalWithIdentity;
import static io.vitrine.spec.column.FeatureColumns.categoricalWithVocabularyFile;
import static io.vitrine.spec.column.FeatureColumns.categoricalWithVocabularyList;
import static io.vitrine.spec.column.FeatureColumns.crossed;
import static io.vitrine.spec.column.FeatureColumns.embedding;
import static io.vitrine.spec.column.FeatureColumns.numeric;
import static io.vitrine.spec.column.FeatureColumns.sharedEmbedding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vitrine.spec.column.FeatureColumn;
import io.vitrine.spec.column.Normalizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureSpecValidationTest {
  private static FeatureSpec.Builder spec() {
    return FeatureSpec.builder("t").label("clicked");
  }

  @Test
  void defaultsArePinnedInTheSpec() {
    FeatureSpec s = spec().wide(DEVICE, SECTION).deep(AGE).build();
    HyperParameters hp = s.hyperParameters();
    assertThat(hp.hiddenUnits()).containsExactly(128, 64);
    assertThat(hp.ftrlLearningRate()).isEqualTo(Math.min(0.2, 1 / Math.sqrt(2)));
    assertThat(hp.adagradLearningRate()).isEqualTo(0.05);
    assertThat(hp.batchSize()).isEqualTo(256);
    assertThat(hp.seed()).isEqualTo(42);
    List<FeatureColumn> many = IntStream.range(0, 30)
        .mapToObj(i -> (FeatureColumn) categoricalWithHashBucket("c" + i, 5)).toList();
    assertThat(spec().wide(many).build().hyperParameters().ftrlLearningRate())
        .as("30 wide columns: 1/sqrt(30) < 0.2")
        .isEqualTo(1 / Math.sqrt(30));
  }

  @Test
  void twoDifferentColumnsWithOneNameAreRejected() {
    assertThatThrownBy(() -> spec().wide(categoricalWithHashBucket("age", 10)).deep(AGE).build())
        .isInstanceOf(FeatureSpecException.class)
        .hasMessageContaining("two different columns are named 'age'");
  }

  @Test
  void theSameColumnReusedIsFine() {
    FeatureSpec s = spec().wide(DEVICE, crossed(List.of(DEVICE, SECTION), 10)).deep(embedding(DEVICE, 2)).build();
    assertThat(s.inputs()).extracting(EncodedInput::name).containsExactly("device", "device_X_section");
  }

  @Test
  void crossingANumericColumnNamesTheFix() {
    assertThatThrownBy(() -> crossed(List.of(AGE, DEVICE), 100))
        .isInstanceOf(FeatureSpecException.class)
        .hasMessageContaining("cannot cross numeric column 'age'")
        .hasMessageContaining("bucketized(age, boundaries)");
  }

  @Test
  void crossingOneColumnIsRejected() {
    assertThatThrownBy(() -> crossed(List.of(DEVICE), 100)).hasMessageContaining("at least two columns");
  }

  @Test
  void nonPositiveSizesAreRejected() {
    assertThatThrownBy(() -> categoricalWithHashBucket("x", 0)).hasMessageContaining("'x': hashBucketSize must be positive");
    assertThatThrownBy(() -> categoricalWithIdentity("x", -3)).hasMessageContaining("'x': numBuckets must be positive");
    assertThatThrownBy(() -> crossed(List.of(DEVICE, SECTION), 0)).hasMessageContaining("'device_X_section': hashBucketSize");
    assertThatThrownBy(() -> embedding(DEVICE, 0)).hasMessageContaining("'device_embedding': dimension must be positive");
  }

  @Test
  void unsortedOrRepeatedBoundariesAreRejected() {
    assertThatThrownBy(() -> bucketized(AGE, 10, 5)).hasMessageContaining("'age_bucketized': boundaries must be finite and strictly increasing");
    assertThatThrownBy(() -> bucketized(AGE, 5, 5)).hasMessageContaining("strictly increasing");
    assertThatThrownBy(() -> bucketized(AGE)).hasMessageContaining("at least one boundary");
  }

  @Test
  void vocabularyMistakesAreRejected() {
    assertThatThrownBy(() -> categoricalWithVocabularyList("v", List.of())).hasMessageContaining("'v': the vocabulary is empty");
    assertThatThrownBy(() -> categoricalWithVocabularyList("v", "a", "a")).hasMessageContaining("duplicate");
    assertThatThrownBy(() -> categoricalWithVocabularyList("v", "a", "b").withDefaultValue(2))
        .hasMessageContaining("withDefaultValue(id in [0, 2))");
    assertThatThrownBy(() -> categoricalWithIdentity("i", 5).withDefaultValue(5)).hasMessageContaining("outside [0, 5)");
  }

  @Test
  void vocabularyFileIsReadIntoTheSpec(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sections.txt");
    Files.writeString(file, "news\nsport\n\nculture\n");
    var column = categoricalWithVocabularyFile("section", file);
    assertThat(column.vocabulary()).containsExactly("news", "sport", "culture");
    assertThat(column.numBuckets()).isEqualTo(4);
    assertThatThrownBy(() -> categoricalWithVocabularyFile("section", dir.resolve("missing.txt")))
        .isInstanceOf(FeatureSpecException.class)
        .hasMessageContaining("cannot read vocabulary file");
  }

  @Test
  void wideColumnsMustBeSparseAndDeepColumnsDense() {
    assertThatThrownBy(() -> spec().wide(AGE).build())
        .hasMessageContaining("wide column 'age' is not sparse")
        .hasMessageContaining("bucketized(age, boundaries)");
    assertThatThrownBy(() -> spec().deep(DEVICE).build())
        .hasMessageContaining("deep column 'device' is sparse: wrap it in embedding(device, dimension) or indicator(device)");
  }

  @Test
  void aColumnListedTwiceIsRejected() {
    assertThatThrownBy(() -> spec().wide(DEVICE, DEVICE).build()).hasMessageContaining("'device' is listed twice in wide");
  }

  @Test
  void aSpecNeedsColumnsAndALabel() {
    assertThatThrownBy(() -> spec().build()).hasMessageContaining("has no columns");
    assertThatThrownBy(() -> FeatureSpec.builder("t").wide(DEVICE).build()).hasMessageContaining("has no label");
  }

  @Test
  void theLabelMustNotBeAFeature() {
    assertThatThrownBy(() -> FeatureSpec.builder("t").label("device").wide(DEVICE).build())
        .hasMessageContaining("the label key 'device' is also a feature");
    assertThatThrownBy(() -> spec().exampleWeight("device").wide(DEVICE).build())
        .hasMessageContaining("the example weight key 'device' is also a feature");
  }

  @Test
  void sharedEmbeddingsNeedEqualSizes() {
    assertThatThrownBy(() -> sharedEmbedding("s", List.of(DEVICE, SECTION), 4))
        .hasMessageContaining("'section' has 3 ids but 'device' has 5");
  }

  @Test
  void badKeysAndHyperParametersAreRejected() {
    assertThatThrownBy(() -> numeric("bad key")).hasMessageContaining("'bad key' is not a valid key");
    assertThatThrownBy(() -> spec().wide(DEVICE).dropout(1).build()).hasMessageContaining("dropout must be in [0, 1)");
    assertThatThrownBy(() -> spec().wide(DEVICE).hiddenUnits(10, 0).build()).hasMessageContaining("hidden units must be positive");
    assertThatThrownBy(() -> spec().wide(DEVICE).batchSize(0).build()).hasMessageContaining("batchSize must be positive");
    assertThatThrownBy(() -> Normalizer.zScore(1, 0)).hasMessageContaining("positive std");
  }
}
