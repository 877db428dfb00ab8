package io.udb.quality.profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The first rows of the table, masked and shortened as the profile's options say.
 *
 * @param columns the column names
 * @param rows the rows, one value per column; values may be null
 */
public record SampleRows(List<String> columns, List<List<Object>> rows) {
  /** Copies (rows may hold nulls). */
  public SampleRows {
    columns = List.copyOf(columns);
    List<List<Object>> copy = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = Collections.unmodifiableList(copy);
  }
}
