package io.vitrine.trainer;

/** What training does with a row that cannot be encoded (missing required value, wrong type, NaN). */
public enum BadRowPolicy {
  /** Stop with an error that names the file, the row and the problem. */
  FAIL,
  /** Log it (the first few in full), count it in the report, and train without it. */
  SKIP
}
