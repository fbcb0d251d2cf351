package io.vitrine.spec.encode;

/**
 * A raw value that cannot be encoded: NaN or infinite numbers, a value of the wrong type, a missing value
 * without default, an out-of-range identity id. Names the column and, when known, the row.
 */
public class FeatureEncodingException extends IllegalArgumentException {
  private final String column;
  private final int row;
  private final String problem;

  public FeatureEncodingException(String column, int row, String problem) {
    super((row >= 0 ? "row " + row + ": " : "") + "column '" + column + "': " + problem);
    this.column = column;
    this.row = row;
    this.problem = problem;
  }

  /** The column whose value was wrong. */
  public String column() {
    return column;
  }

  /** The index of the row in the batch, or -1 when the value was not part of a batch. */
  public int row() {
    return row;
  }

  /** What was wrong with the value, without column and row. */
  public String problem() {
    return problem;
  }

  FeatureEncodingException atRow(int row) {
    return new FeatureEncodingException(column, row, problem);
  }
}
