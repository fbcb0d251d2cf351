package io.vitrine.spec.column;

import io.vitrine.spec.FeatureSpecException;
import java.util.regex.Pattern;

/** Checks of names that become Avro fields and TensorFlow op names. */
final class Names {
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Names() {}

  static String checkKey(String key, String what) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new FeatureSpecException(
          what + " '" + key + "' is not a valid key: use letters, digits and '_', not starting with a digit");
    }
    return key;
  }

  static void checkPositive(long value, String column, String setting) {
    if (value <= 0) {
      throw new FeatureSpecException(
          "column '" + column + "': " + setting + " must be positive, got " + value);
    }
  }
}
