package io.vitrine.trainer.input;

import java.util.Map;

/** A raw training row and where it came from, so errors can name the file and the row. */
public record SourcedRow(Map<String, Object> values, String file, long index) {
  /** "file row N", for messages. */
  public String where() {
    return file + " row " + index;
  }
}
