package io.vitrine.spec.encode;

import io.vitrine.spec.column.CategoricalColumn;
import io.vitrine.spec.column.NumericColumn;
import java.util.Collection;

/** Reads and checks raw row values: the one place that decides what a valid value is. */
final class RawValues {
  private static final Object[] NONE = new Object[0];

  private RawValues() {}

  /** The raw number of a numeric column, its default when missing; never NaN or infinite. */
  static double number(NumericColumn column, Object raw) {
    if (raw == null) {
      if (column.defaultValue() == null) {
        throw new FeatureEncodingException(column.name(), -1, "value is missing and the column declares no default"
            + " (use numeric(\"" + column.name() + "\").withDefault(x))");
      }
      return column.defaultValue();
    }
    if (!(raw instanceof Number n)) {
      throw new FeatureEncodingException(column.name(), -1, "expected a number, got " + describe(raw));
    }
    double x = n.doubleValue();
    if (!Double.isFinite(x)) {
      throw new FeatureEncodingException(column.name(), -1, x + " is not a valid value (NaN and infinities are rejected)");
    }
    return x;
  }

  /** The normalized value of a numeric column. */
  static float normalized(NumericColumn column, Object raw) {
    double x = number(column, raw);
    double y = column.normalizer().apply(x);
    if (!Double.isFinite(y)) {
      throw new FeatureEncodingException(column.name(), -1, x + " is outside the domain of the "
          + column.normalizer().kind() + " normalizer");
    }
    return (float) y;
  }

  /** The values of a categorical column: Strings, or Longs for identity columns; empty when missing. */
  static Object[] categorical(CategoricalColumn column, Object raw) {
    if (raw == null) {
      return NONE;
    }
    if (column.multiValued()) {
      Object[] values;
      if (raw instanceof Collection<?> list) {
        values = list.toArray();
      } else if (raw instanceof Object[] array) {
        values = array.clone();
      } else {
        throw new FeatureEncodingException(column.name(), -1, "expected a list of values, got " + describe(raw));
      }
      for (int i = 0; i < values.length; i++) {
        values[i] = scalar(column, values[i]);
      }
      return values;
    }
    if (raw instanceof Collection<?> || raw instanceof Object[]) {
      throw new FeatureEncodingException(column.name(), -1, "expected one value, got a list; declare the column"
          + " asBag() to accept lists");
    }
    return new Object[] {scalar(column, raw)};
  }

  /** The weights of a weighted column, parallel to {@code count} ids. */
  static float[] weights(String column, String weightKey, Object raw, int count) {
    if (raw == null) {
      if (count == 0) {
        return new float[0];
      }
      throw new FeatureEncodingException(column, -1, "weights under '" + weightKey + "' are missing");
    }
    Object[] values;
    if (raw instanceof Collection<?> list) {
      values = list.toArray();
    } else if (raw instanceof Object[] array) {
      values = array;
    } else if (raw instanceof double[] array) {
      values = java.util.Arrays.stream(array).boxed().toArray();
    } else {
      throw new FeatureEncodingException(column, -1, "expected a list of weights under '" + weightKey + "', got "
          + describe(raw));
    }
    if (values.length != count) {
      throw new FeatureEncodingException(column, -1, count + " values but " + values.length + " weights under '"
          + weightKey + "'");
    }
    float[] weights = new float[count];
    for (int i = 0; i < count; i++) {
      if (!(values[i] instanceof Number n) || !Double.isFinite(n.doubleValue())) {
        throw new FeatureEncodingException(column, -1, "weight " + describe(values[i]) + " under '" + weightKey
            + "' is not a finite number");
      }
      weights[i] = n.floatValue();
    }
    return weights;
  }

  private static Object scalar(CategoricalColumn column, Object value) {
    if (column.integerValued()) {
      if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
        return ((Number) value).longValue();
      }
      throw new FeatureEncodingException(column.name(), -1, "expected an integer id, got " + describe(value));
    }
    if (value instanceof CharSequence s) {
      return s.toString();
    }
    throw new FeatureEncodingException(column.name(), -1, "expected a string, got " + describe(value));
  }

  static String describe(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
  }
}
