package io.udb.quality.drift;

import java.time.Instant;
import java.util.List;

/**
 * A stored baseline version.
 *
 * @param dataset the dataset it belongs to
 * @param version its version, counting from 1
 * @param createdAt when it was saved
 * @param columns its columns in table order
 */
public record BaselineInfo(
    String dataset, int version, Instant createdAt, List<BaselineInfo.Column> columns) {

  /** Copies the columns. */
  public BaselineInfo {
    columns = List.copyOf(columns);
  }

  /**
   * A column of a baseline.
   *
   * @param name the column
   * @param kind the kind it is compared as
   * @param dataType its type in the source table
   */
  public record Column(String name, ColumnKind kind, String dataType) {}
}
