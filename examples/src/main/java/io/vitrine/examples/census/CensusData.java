package io.vitrine.examples.census;

import io.vitrine.spec.FeatureSpec;
import io.vitrine.trainer.input.ParquetRows;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads the UCI Adult files exactly as UCI distributes them: values separated by {@code ", "}, {@code ?} for a
 * missing value, a first line {@code |1x3 Cross validator} in {@code adult.test}, and a trailing {@code .} on
 * the test labels.
 */
public final class CensusData {
  static final String[] COLUMNS = {"age", "workclass", "fnlwgt", "education", "education_num", "marital_status",
      "occupation", "relationship", "race", "gender", "capital_gain", "capital_loss", "hours_per_week",
      "native_country", CensusSpec.LABEL};
  private static final int[] NUMERIC = {0, 2, 4, 10, 11, 12};

  private CensusData() {}

  /** The rows of a UCI Adult file, as maps; a missing value ({@code ?}) is left out of the row. */
  public static List<Map<String, Object>> read(Path file) {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int lineNumber = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNumber++;
        if (line.isBlank() || line.startsWith("|")) {
          continue;
        }
        String[] values = line.split(",");
        if (values.length != COLUMNS.length) {
          throw new IllegalArgumentException(file + " line " + lineNumber + ": expected " + COLUMNS.length
              + " values, got " + values.length);
        }
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
          String value = values[i].strip();
          if (i == values.length - 1 && value.endsWith(".")) {
            value = value.substring(0, value.length() - 1);
          }
          if (!value.equals("?")) {
            row.put(COLUMNS[i], isNumeric(i) ? (Object) Double.parseDouble(value) : value);
          }
        }
        rows.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return rows;
  }

  /** Converts a UCI Adult file to Parquet typed by {@code spec}'s training schema; returns the row count. */
  public static int toParquet(Path csv, String parquet, FeatureSpec spec, Configuration conf) {
    List<Map<String, Object>> rows = read(csv);
    ParquetRows.write(conf, parquet, spec.trainingSchema(), rows);
    return rows.size();
  }

  private static boolean isNumeric(int column) {
    for (int n : NUMERIC) {
      if (n == column) {
        return true;
      }
    }
    return false;
  }
}
