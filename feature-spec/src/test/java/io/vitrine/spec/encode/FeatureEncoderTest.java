package io.vitrine.spec.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vitrine.spec.FeatureSpec;
import io.vitrine.spec.TestSpecs;
import io.vitrine.spec.hash.FarmHash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureEncoderTest {
  private final FeatureSpec spec = TestSpecs.everyKind();
  private final FeatureEncoder encoder = spec.encoder();

  static Map<String, Object> row() {
    Map<String, Object> row = new HashMap<>();
    row.put("age", 42);
    row.put("clicks", 3L);
    row.put("device", "mobile");
    row.put("section", "sport");
    row.put("hour", 13);
    row.put("tags", List.of("a", "c"));
    row.put("tag_weights", List.of(0.5, 2.0));
    row.put("article", "article-17");
    row.put("recent", List.of("article-3", "article-9"));
    row.put("clicked", 1);
    row.put("weight", 2.5);
    return row;
  }

  private EncodedBatch encodeOne(Map<String, Object> row) {
    return encoder.encode(List.of(row));
  }

  @Test
  void numericColumnsAreNormalized() {
    EncodedBatch batch = encodeOne(row());
    assertThat(batch.dense("age").values()[0]).isEqualTo((42 - 40) / 10f);
    assertThat(batch.dense("clicks").values()[0]).isCloseTo((float) Math.log1p(3), within(1e-6f));
  }

  @Test
  void missingNumericTakesItsDefault() {
    Map<String, Object> row = row();
    row.remove("age");
    assertThat(encodeOne(row).dense("age").values()[0]).isEqualTo((30 - 40) / 10f);
    assertThat(encodeOne(row).sparse("age_bucketized").idsOf(0)).containsExactly(2L);
  }

  @Test
  void missingNumericWithoutDefaultNamesColumnAndRow() {
    Map<String, Object> row = row();
    row.remove("clicks");
    assertThatThrownBy(() -> encoder.encode(List.of(row(), row)))
        .isInstanceOf(FeatureEncodingException.class)
        .hasMessage("row 1: column 'clicks': value is missing and the column declares no default"
            + " (use numeric(\"clicks\").withDefault(x))");
  }

  @Test
  void nanInfinityAndWrongTypesAreErrorsNotZeros() {
    for (Object bad : new Object[] {Double.NaN, Double.POSITIVE_INFINITY, "42", List.of(1)}) {
      Map<String, Object> row = row();
      row.put("age", bad);
      assertThatThrownBy(() -> encoder.encode(List.of(row(), row(), row)))
          .isInstanceOf(FeatureEncodingException.class)
          .hasMessageStartingWith("row 2: column 'age': ")
          .satisfies(e -> assertThat(((FeatureEncodingException) e).row()).isEqualTo(2));
    }
    Map<String, Object> row = row();
    row.put("clicks", -2);
    assertThatThrownBy(() -> encodeOne(row)).hasMessageContaining("outside the domain of the LOG1P normalizer");
    row.put("clicks", 1);
    row.put("device", 7);
    assertThatThrownBy(() -> encodeOne(row)).hasMessageContaining("column 'device': expected a string, got Integer 7");
    row.put("device", "mobile");
    row.put("hour", "13");
    assertThatThrownBy(() -> encodeOne(row)).hasMessageContaining("column 'hour': expected an integer id");
  }

  @Test
  void bucketsFollowBoundaries() {
    for (double[] ageAndBucket : new double[][] {{10, 0}, {18, 1}, {24.9, 1}, {25, 2}, {65, 5}, {99, 5}}) {
      Map<String, Object> row = row();
      row.put("age", ageAndBucket[0]);
      assertThat(encodeOne(row).sparse("age_bucketized").idsOf(0)).containsExactly((long) ageAndBucket[1]);
    }
  }

  @Test
  void vocabularyWordsMapToPositionsAndUnknownWordsToOovBuckets() {
    assertThat(encodeOne(row()).sparse("device").idsOf(0)).containsExactly(1L);
    Map<String, Object> row = row();
    row.put("device", "smart-tv");
    long oov = encodeOne(row).sparse("device").idsOf(0)[0];
    assertThat(oov).isEqualTo(3 + FarmHash.hashBucket("smart-tv", 2)).isBetween(3L, 4L);
  }

  @Test
  void unknownWordsWithoutOovBucketsTakeTheDefault() {
    Map<String, Object> row = row();
    row.put("section", "weather");
    assertThat(encodeOne(row).sparse("section").idsOf(0)).containsExactly(0L);
  }

  @Test
  void identityIdsOutsideTheRangeAreErrors() {
    Map<String, Object> row = row();
    row.put("hour", 24);
    assertThatThrownBy(() -> encodeOne(row))
        .hasMessage("row 0: column 'hour': id 24 is outside [0, 24) and the column declares no default"
            + " (use withDefaultValue(id))");
  }

  @Test
  void hashBucketsUseFarmHash() {
    assertThat(encodeOne(row()).sparse("article").idsOf(0)).containsExactly(FarmHash.hashBucket("article-17", 1000));
  }

  @Test
  void bagsAreRaggedAndMissingBagsAreEmpty() {
    Map<String, Object> noRecent = row();
    noRecent.remove("recent");
    EncodedBatch batch = encoder.encode(List.of(row(), noRecent));
    SparseValues recent = batch.sparse("recent");
    assertThat(recent.rowSplits()).containsExactly(0, 2, 2);
    assertThat(recent.idsOf(0)).containsExactly(FarmHash.hashBucket("article-3", 1000), FarmHash.hashBucket("article-9", 1000));
    Map<String, Object> single = row();
    single.put("device", List.of("mobile"));
    assertThatThrownBy(() -> encodeOne(single)).hasMessageContaining("expected one value, got a list");
  }

  @Test
  void weightedBagsCarryTheirWeights() {
    SparseValues tags = encodeOne(row()).sparse("tags_weighted_by_tag_weights");
    assertThat(tags.ids()).containsExactly(0L, 2L);
    assertThat(tags.weights()).containsExactly(0.5f, 2f);
    Map<String, Object> row = row();
    row.put("tag_weights", List.of(1.0));
    assertThatThrownBy(() -> encodeOne(row)).hasMessageContaining("2 values but 1 weights under 'tag_weights'");
    row.put("tag_weights", List.of(1.0, Double.NaN));
    assertThatThrownBy(() -> encodeOne(row)).hasMessageContaining("weight Double NaN under 'tag_weights' is not a finite number");
    row.remove("tag_weights");
    assertThatThrownBy(() -> encodeOne(row)).hasMessageContaining("weights under 'tag_weights' are missing");
  }

  @Test
  void crossesHashEveryCombinationOfValues() {
    EncodedBatch batch = encodeOne(row());
    assertThat(batch.sparse("section_X_device").idsOf(0)).containsExactly(cross(100, "sport", "mobile"));
    // recent (2 values) x section x age bucket "3" (42 is in [35, 50))
    assertThat(batch.sparse("recent_X_section_X_age_bucketized").idsOf(0))
        .containsExactly(cross(500, "article-3", "sport", "3"), cross(500, "article-9", "sport", "3"));
  }

  @Test
  void crossesUseRawWordsEvenWhenTheyAreOutOfVocabulary() {
    Map<String, Object> row = row();
    row.put("device", "smart-tv");
    assertThat(encodeOne(row).sparse("section_X_device").idsOf(0)).containsExactly(cross(100, "sport", "smart-tv"));
  }

  @Test
  void userTimesArticlesEqualsWholeRows() {
    Map<String, Object> user = new HashMap<>(row());
    List<String> articleKeys = List.of("section", "article", "tags", "tag_weights", "clicks");
    List<Map<String, Object>> articles = new ArrayList<>();
    List<Map<String, Object>> whole = new ArrayList<>();
    String[] sections = {"news", "sport", "unknown-section"};
    for (int i = 0; i < 3; i++) {
      Map<String, Object> article = new HashMap<>();
      article.put("section", sections[i]);
      article.put("article", "a" + i);
      article.put("tags", List.of("b").subList(0, i % 2));
      article.put("tag_weights", List.of(1.5).subList(0, i % 2));
      article.put("clicks", i * 10);
      articles.add(article);
      Map<String, Object> full = new HashMap<>(user);
      full.putAll(article);
      whole.add(full);
    }
    articleKeys.forEach(user::remove);
    EncodedBatch combined = encoder.combine(encoder.encodePart(user),
        articles.stream().map(encoder::encodePart).toList());
    EncodedBatches.assertSame(combined, encoder.encode(whole));
    // inputs of the user part alone are sent once for all rows; mixed and article inputs have a row each
    assertThat(combined.sparse("recent").rowSplits()).containsExactly(0, 2);
    assertThat(combined.sparse("device").rows()).isEqualTo(1);
    assertThat(combined.dense("age").values()).hasSize(1);
    assertThat(combined.sparse("section_X_device").rows()).isEqualTo(3);
    // the user's bag crossed with each article's section, memoized per section value within the batch
    assertThat(combined.sparse("recent_X_section").idsOf(1))
        .containsExactly(cross(300, "article-3", "sport"), cross(300, "article-9", "sport"));
    assertThat(combined.dense("clicks").values()).hasSize(3);
  }

  @Test
  void aUserCrossWithOneArticleValueIsSentOncePerDistinctValue() {
    Map<String, Object> user = new HashMap<>(row());
    List<String> articleKeys = List.of("section", "article", "tags", "tag_weights", "clicks");
    articleKeys.forEach(user::remove);
    List<PartialEncoding> articles = new ArrayList<>();
    List<Map<String, Object>> whole = new ArrayList<>();
    for (String section : List.of("news", "sport", "news", "news", "sport")) {
      Map<String, Object> full = new HashMap<>(row());
      full.put("section", section);
      whole.add(full);
      Map<String, Object> article = new HashMap<>(full);
      article.keySet().retainAll(articleKeys);
      articles.add(encoder.encodePart(article));
    }
    EncodedBatch combined = encoder.combine(encoder.encodePart(user), articles);
    SparseValues cross = combined.sparse("recent_X_section");
    assertThat(cross.rows()).isEqualTo(2);
    assertThat(cross.rowIndex()).containsExactly(0, 1, 0, 0, 1);
    assertThat(cross.ids()).hasSize(4);
    EncodedBatches.assertSame(combined, encoder.encode(whole));
    // whole rows share nothing: their crosses have a row each, indexed in order
    assertThat(encoder.encode(whole).sparse("recent_X_section").rowIndex()).containsExactly(0, 1, 2, 3, 4);
    assertThat(encoder.encode(whole).sparse("recent").rowIndex()).isNull();
  }

  @Test
  void aKeyInBothPartsIsRejected() {
    PartialEncoding user = encoder.encodePart(Map.of("device", "mobile", "hour", 3));
    PartialEncoding article = encoder.encodePart(Map.of("device", "desktop"));
    assertThatThrownBy(() -> encoder.combine(user, List.of(article)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column 'device' is in both the user part and the article part");
  }

  @Test
  void partsOfAnotherEncoderAreRejected() {
    PartialEncoding foreign = TestSpecs.everyKind().encoder().encodePart(Map.of());
    assertThatThrownBy(() -> encoder.combine(foreign, List.of()))
        .hasMessageContaining("made by another encoder");
    PreparedArticles foreignArticles = TestSpecs.everyKind().encoder().prepare(List.of());
    assertThatThrownBy(() -> encoder.combine(encoder.encodePart(Map.of()), foreignArticles))
        .hasMessageContaining("prepared by another encoder");
  }

  @Test
  void articlesPreparedOnceCombineWithEachUserLikeFreshOnes() {
    List<String> articleKeys = List.of("section", "article", "tags", "tag_weights", "clicks");
    List<PartialEncoding> articles = new ArrayList<>();
    for (String section : List.of("news", "sport", "news")) {
      Map<String, Object> article = new HashMap<>(row());
      article.put("section", section);
      article.keySet().retainAll(articleKeys);
      articles.add(encoder.encodePart(article));
    }
    PreparedArticles prepared = encoder.prepare(articles);
    for (List<String> recent : List.of(List.of("article-1"), List.of("article-2", "article-5", "article-2"))) {
      Map<String, Object> user = new HashMap<>(row());
      articleKeys.forEach(user::remove);
      user.put("recent", recent);
      PartialEncoding part = encoder.encodePart(user);
      EncodedBatches.assertSame(encoder.combine(part, prepared), encoder.combine(part, List.copyOf(articles)));
    }
    // the article columns are assembled once and shared by every batch made from the prepared articles
    PartialEncoding someone = encoder.encodePart(Map.of("device", "tablet"));
    assertThat(encoder.combine(someone, prepared).sparse("article").ids())
        .isSameAs(encoder.combine(someone, prepared).sparse("article").ids());
  }

  @Test
  void trainingRowsCarryLabelsAndExampleWeights() {
    Map<String, Object> negative = row();
    negative.put("clicked", false);
    negative.remove("weight");
    EncodedBatch batch = encoder.encodeTraining(List.of(row(), negative));
    assertThat(batch.labels()).containsExactly(1f, 0f);
    assertThat(batch.exampleWeights()).containsExactly(2.5f, 1f);
    Map<String, Object> bad = row();
    bad.put("clicked", 3);
    assertThatThrownBy(() -> encoder.encodeTraining(List.of(bad)))
        .hasMessage("row 0: column 'clicked': label Integer 3 is not 0, 1 or a boolean");
    bad.put("clicked", 1);
    bad.put("weight", -1);
    assertThatThrownBy(() -> encoder.encodeTraining(List.of(bad))).hasMessageContaining("is not a finite number >= 0");
  }

  @Test
  void stringLabelsCompareWithThePositiveValue() {
    FeatureSpec census = FeatureSpec.builder("census").label("income", ">50K").wide(TestSpecs.DEVICE).build();
    EncodedBatch batch = census.encoder().encodeTraining(
        List.of(Map.of("device", "mobile", "income", ">50K"), Map.of("device", "mobile", "income", "<=50K")));
    assertThat(batch.labels()).containsExactly(1f, 0f);
  }

  static long cross(long buckets, String... values) {
    long h = FarmHash.crossSeed();
    for (String v : values) {
      h = FarmHash.fingerprintCat64(h, FarmHash.fingerprint64(v));
    }
    return Long.remainderUnsigned(h, buckets);
  }
}
