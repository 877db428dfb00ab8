package io.udb.quality.profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A symmetric matrix of pairwise correlations. Undefined entries (a constant column, fewer than two
 * complete pairs) are {@code null}; the diagonal is 1.
 *
 * @param method {@code pearson}, {@code spearman} or {@code cramers_v}
 * @param columns the columns, in table order
 * @param values one row per column, one value per column
 */
public record CorrelationMatrix(String method, List<String> columns, List<List<Double>> values) {
  /** Validates the shape and copies (rows may hold nulls). */
  public CorrelationMatrix {
    Objects.requireNonNull(method, "method");
    columns = List.copyOf(columns);
    List<List<Double>> copy = new ArrayList<>(values.size());
    for (List<Double> row : values) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException("correlation row width differs from column count");
      }
      copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    if (copy.size() != columns.size()) {
      throw new IllegalArgumentException("correlation row count differs from column count");
    }
    values = Collections.unmodifiableList(copy);
  }

  /**
   * The correlation of two columns.
   *
   * @param a a column name
   * @param b another column name
   * @return the value, or {@code null} when undefined or when a column is not in the matrix
   */
  public Double get(String a, String b) {
    int i = columns.indexOf(a);
    int j = columns.indexOf(b);
    return i < 0 || j < 0 ? null : values.get(i).get(j);
  }
}
