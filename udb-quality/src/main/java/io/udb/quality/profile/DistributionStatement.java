package io.udb.quality.profile;

import java.util.List;

/**
 * One statement of the distribution pass, in the shape that suits the engine: {@link
 * DistributionPass} (a materialized grouping per column, DuckDB) or {@link GroupingSetsPass} (one
 * grouping of all columns, Spark). Both fill the same {@link ColumnState} fields with the same
 * numbers.
 */
interface DistributionStatement {
  /** The statement, or null when there is nothing to compute. */
  String statement();

  /** The values of the statement's placeholders, in order. */
  List<Object> parameters();

  /** Applies the statement's one result row. */
  void read(List<Object> row);

  /** Spearman's rho of the ranked columns, null when none were ranked. */
  Double[][] spearman();

  /**
   * The number of duplicate rows when the statement counted them along the way, else null (the
   * caller then counts them itself).
   */
  default Long duplicateRows() {
    return null;
  }

  /** Table scans beyond the grouping. */
  int scans();

  /** Whether the statement groups at least one column by value. */
  boolean groups();
}
