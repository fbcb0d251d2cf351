package io.vitrine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class FeatureSpecJsonTest {
  @Test
  void jsonRoundTripsExactly() {
    FeatureSpec spec = TestSpecs.everyKind();
    String json = spec.toJson();
    FeatureSpec back = FeatureSpec.fromJson(json);
    assertThat(back).isEqualTo(spec);
    assertThat(back.toJson()).isEqualTo(json);
    assertThat(back.fingerprint()).isEqualTo(spec.fingerprint());
  }

  @Test
  void jsonCarriesTheServingSection() {
    String json = TestSpecs.everyKind().toJson();
    assertThat(json).contains("\"serving\"", "\"tags_weighted_by_tag_weights\"", "\"probabilities\"", "\"fingerprint\"");
  }

  @Test
  void fingerprintIsStableAndSensitive() {
    FeatureSpec spec = TestSpecs.everyKind();
    assertThat(spec.fingerprint()).hasSize(64).isEqualTo(TestSpecs.everyKind().fingerprint());
    FeatureSpec other = FeatureSpec.builder("every-kind").label("clicked").exampleWeight("weight")
        .wide(spec.wide()).deep(spec.deep()).hiddenUnits(16, 9).build();
    assertThat(other.fingerprint()).isNotEqualTo(spec.fingerprint());
  }

  @Test
  void fingerprintOfAPinnedSpecNeverChanges() {
    // if this fails the JSON format changed: bump FeatureSpec.FORMAT_VERSION and update the golden value
    FeatureSpec spec = FeatureSpec.builder("golden").label("y").wide(TestSpecs.DEVICE).build();
    assertThat(spec.fingerprint()).isEqualTo(GOLDEN_FINGERPRINT);
  }

  static final String GOLDEN_FINGERPRINT = "b835027a079ebef0ef3ea07b8bfeb506672d2d8d43147f066c20c51720fe72f6";

  @Test
  void editedJsonIsRejected() {
    String json = TestSpecs.everyKind().toJson().replace("\"dimension\" : 4", "\"dimension\" : 5");
    assertThatThrownBy(() -> FeatureSpec.fromJson(json))
        .isInstanceOf(FeatureSpecException.class)
        .hasMessageContaining("does not match its content");
  }

  @Test
  void newerFormatVersionsAreRejected() {
    String json = TestSpecs.everyKind().toJson().replace("\"formatVersion\" : 1", "\"formatVersion\" : 2");
    assertThatThrownBy(() -> FeatureSpec.fromJson(json)).hasMessageContaining("version 2 is not supported")
        .hasMessageContaining("upgrade Vitrine");
  }

  @Test
  void invalidJsonIsAFeatureSpecException() {
    assertThatThrownBy(() -> FeatureSpec.fromJson("{ not json")).isInstanceOf(FeatureSpecException.class);
    String json = TestSpecs.everyKind().toJson().replace("\"bucketSize\" : 24", "\"bucketSize\" : 0");
    assertThatThrownBy(() -> FeatureSpec.fromJson(json)).isInstanceOf(FeatureSpecException.class)
        .hasMessageContaining("'hour': numBuckets must be positive");
  }

  @Test
  void trainingSchemaTypesEveryKey() {
    Schema schema = TestSpecs.everyKind().trainingSchema();
    assertThat(schema.getFields()).extracting(Schema.Field::name)
        .containsExactlyInAnyOrder("age", "device", "section", "hour", "tags", "tag_weights", "recent", "clicks",
            "article", "clicked", "weight");
    assertThat(schema.getField("hour").schema().getTypes().get(1).getType()).isEqualTo(Schema.Type.LONG);
    assertThat(schema.getField("tags").schema().getTypes().get(1).getType()).isEqualTo(Schema.Type.ARRAY);
    assertThat(schema.getField("clicked").schema().getType()).isEqualTo(Schema.Type.INT);
    assertThat(Schema.parse(schema.toString())).isEqualTo(schema);
  }
}
