package io.vitrine.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The binary label of training rows: a number 0/1 (or a boolean), or, when {@code positiveValue} is set, a
 * string that is 1 when it equals {@code positiveValue} and 0 otherwise.
 */
public record LabelColumn(String key, @JsonInclude(JsonInclude.Include.NON_NULL) String positiveValue) {
  public LabelColumn {
    if (key == null || key.isBlank()) {
      throw new FeatureSpecException("the label needs a key: call label(\"clicked\") on the builder");
    }
  }
}
