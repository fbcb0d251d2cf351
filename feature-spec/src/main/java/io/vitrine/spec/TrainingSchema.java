package io.vitrine.spec;

import io.vitrine.spec.column.CategoricalColumn;
import io.vitrine.spec.column.FeatureColumn;
import io.vitrine.spec.column.NumericColumn;
import io.vitrine.spec.column.WeightedColumn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * The Avro record of a training row: every feature key nullable (a missing value takes the column's
 * default), bags as arrays, the label (string or int) and the example weight required.
 */
final class TrainingSchema {
  private TrainingSchema() {}

  static Schema of(FeatureSpec spec) {
    Map<String, Schema> fields = new LinkedHashMap<>();
    Schema doubleType = Schema.create(Schema.Type.DOUBLE);
    for (FeatureColumn column : SpecValidator.allColumns(spec.wide(), spec.deep())) {
      if (column instanceof NumericColumn n) {
        fields.put(n.name(), doubleType);
      } else if (column instanceof CategoricalColumn c) {
        Schema value = Schema.create(c.integerValued() ? Schema.Type.LONG : Schema.Type.STRING);
        fields.put(c.name(), c.multiValued() ? Schema.createArray(value) : value);
      } else if (column instanceof WeightedColumn w) {
        fields.put(w.weightKey(), Schema.createArray(doubleType));
      }
    }
    List<Schema.Field> avroFields = new ArrayList<>();
    fields.forEach((key, type) -> avroFields.add(new Schema.Field(key, nullable(type), null, Schema.Field.NULL_DEFAULT_VALUE)));
    LabelColumn label = spec.label();
    Schema labelType = Schema.create(label.positiveValue() != null ? Schema.Type.STRING : Schema.Type.INT);
    avroFields.add(new Schema.Field(label.key(), labelType));
    if (spec.exampleWeight() != null) {
      avroFields.add(new Schema.Field(spec.exampleWeight(), doubleType));
    }
    String recordName = spec.name().replaceAll("[^A-Za-z0-9_]", "_");
    if (!Character.isLetter(recordName.charAt(0))) {
      recordName = "spec_" + recordName;
    }
    return Schema.createRecord(recordName + "_row", "training row of feature spec " + spec.name(),
        "io.vitrine.rows", false, avroFields);
  }

  private static Schema nullable(Schema type) {
    return SchemaBuilder.unionOf().nullType().and().type(type).endUnion();
  }
}
