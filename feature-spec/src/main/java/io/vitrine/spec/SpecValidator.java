package io.vitrine.spec;

import io.vitrine.spec.column.BucketizedColumn;
import io.vitrine.spec.column.CategoricalColumn;
import io.vitrine.spec.column.CrossedColumn;
import io.vitrine.spec.column.EmbeddingColumn;
import io.vitrine.spec.column.FeatureColumn;
import io.vitrine.spec.column.IndicatorColumn;
import io.vitrine.spec.column.NumericColumn;
import io.vitrine.spec.column.SharedEmbeddingColumn;
import io.vitrine.spec.column.SparseColumn;
import io.vitrine.spec.column.WeightedColumn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The whole-spec checks that no single column can make. */
final class SpecValidator {
  private SpecValidator() {}

  static void validate(
      String spec, LabelColumn label, String exampleWeight, List<FeatureColumn> wide, List<FeatureColumn> deep) {
    if (wide.isEmpty() && deep.isEmpty()) {
      throw new FeatureSpecException("spec '" + spec + "' has no columns: add wide(...) and/or deep(...) columns");
    }
    checkNoRepeats(wide, "wide");
    checkNoRepeats(deep, "deep");
    for (FeatureColumn column : wide) {
      if (!(column instanceof SparseColumn)) {
        throw new FeatureSpecException("wide column '" + column.name() + "' is not sparse: the linear part takes"
            + " categorical, bucketized, weighted or crossed columns"
            + (column instanceof NumericColumn ? "; bucketize it with bucketized(" + column.name() + ", boundaries)"
                : "; put it in deep(...)"));
      }
    }
    for (FeatureColumn column : deep) {
      if (column instanceof SparseColumn) {
        throw new FeatureSpecException("deep column '" + column.name() + "' is sparse: wrap it in embedding("
            + column.name() + ", dimension) or indicator(" + column.name() + ")");
      }
    }
    Map<String, FeatureColumn> byName = new HashMap<>();
    Set<String> weightKeys = new HashSet<>();
    for (FeatureColumn column : allColumns(wide, deep)) {
      FeatureColumn previous = byName.putIfAbsent(column.name(), column);
      if (previous != null && !previous.equals(column)) {
        throw new FeatureSpecException("two different columns are named '" + column.name() + "': " + previous
            + " and " + column + "; declare the column once and reuse it, or rename one");
      }
      if (column instanceof WeightedColumn w) {
        weightKeys.add(w.weightKey());
      }
    }
    for (String key : weightKeys) {
      if (byName.get(key) instanceof NumericColumn || byName.get(key) instanceof CategoricalColumn) {
        throw new FeatureSpecException("key '" + key + "' is both a weight list and a column; rename one");
      }
    }
    checkReservedKey(label.key(), "label", byName.keySet(), weightKeys);
    if (exampleWeight != null) {
      if (!exampleWeight.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new FeatureSpecException("example weight key '" + exampleWeight + "' is not a valid key");
      }
      checkReservedKey(exampleWeight, "example weight", byName.keySet(), weightKeys);
      if (exampleWeight.equals(label.key())) {
        throw new FeatureSpecException("the example weight and the label both read key '" + exampleWeight + "'");
      }
    }
  }

  /** Every column of the spec, nested ones included, each once, sources before the columns built on them. */
  static List<FeatureColumn> allColumns(List<FeatureColumn> wide, List<FeatureColumn> deep) {
    List<FeatureColumn> out = new ArrayList<>();
    Set<FeatureColumn> seen = new HashSet<>();
    for (FeatureColumn column : wide) {
      collect(column, out, seen);
    }
    for (FeatureColumn column : deep) {
      collect(column, out, seen);
    }
    return out;
  }

  private static void collect(FeatureColumn column, List<FeatureColumn> out, Set<FeatureColumn> seen) {
    if (!seen.add(column)) {
      return;
    }
    if (column instanceof BucketizedColumn b) {
      collect(b.source(), out, seen);
    } else if (column instanceof WeightedColumn w) {
      collect(w.categorical(), out, seen);
    } else if (column instanceof CrossedColumn c) {
      c.keys().forEach(k -> collect(k, out, seen));
    } else if (column instanceof EmbeddingColumn e) {
      collect(e.categorical(), out, seen);
    } else if (column instanceof SharedEmbeddingColumn s) {
      s.categoricals().forEach(k -> collect(k, out, seen));
    } else if (column instanceof IndicatorColumn i) {
      collect(i.categorical(), out, seen);
    }
    out.add(column);
  }

  private static void checkNoRepeats(List<FeatureColumn> columns, String part) {
    Set<String> names = new HashSet<>();
    for (FeatureColumn column : columns) {
      if (column == null) {
        throw new FeatureSpecException("a " + part + " column is null");
      }
      if (!names.add(column.name())) {
        throw new FeatureSpecException("column '" + column.name() + "' is listed twice in " + part + "(...)");
      }
    }
  }

  private static void checkReservedKey(String key, String role, Set<String> columns, Set<String> weightKeys) {
    if (columns.contains(key) || weightKeys.contains(key)) {
      throw new FeatureSpecException("the " + role + " key '" + key + "' is also a feature: a model must not"
          + " see its own " + role + "; rename one");
    }
  }
}
