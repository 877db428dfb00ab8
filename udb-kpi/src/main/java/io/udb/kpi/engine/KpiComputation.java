package io.udb.kpi.engine;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The raw numbers of one KPI as its query returned them, before comparisons, masking and
 * presentation: the unit the result cache keeps (unmasked, so one entry serves every caller).
 *
 * @param totals the KPI per period in time order; one entry with a {@code null} period for a KPI
 *     without periods
 * @param dimensions per dimension, the KPI per period and dimension value (only the latest and the
 *     previous period unless per-value series were asked for)
 * @param decomposition how a change splits into contributions of dimension values
 * @param rows how many rows the KPI aggregated (after its filter)
 * @param scannedRows how many rows the query it shared read
 * @param elapsedMs how long the query (shared with the KPIs fused into it) took
 * @param scan the index of that query within its batch
 */
record KpiComputation(
    List<PeriodCell> totals,
    List<DimensionCells> dimensions,
    Decomposition decomposition,
    long rows,
    long scannedRows,
    long elapsedMs,
    int scan) {

  KpiComputation {
    totals = List.copyOf(totals);
    dimensions = List.copyOf(dimensions);
    Objects.requireNonNull(decomposition, "decomposition");
  }

  /** How many cells the entry holds, as its weight in the cache. */
  int weight() {
    int cells = 1 + totals.size();
    for (DimensionCells dimension : dimensions) {
      cells += dimension.cells().size();
    }
    return cells;
  }

  /** How a KPI's change splits into contributions of dimension values. */
  enum Decomposition {
    /** Sums and counts: a value's contribution is its own change. */
    ADDITIVE,
    /**
     * Averages and ratios of sums or counts: a value's contribution is the change of its numerator
     * divided by the whole denominator of each period.
     */
    SHARE,
    /** Anything else: a value's own change is reported; the changes do not add up. */
    NONE
  }

  /**
   * The KPI over some rows.
   *
   * @param value the KPI's value, or {@code null}
   * @param numerator the additive numerator (the sum for sums, averages and ratios), or {@code
   *     null}
   * @param denominator the additive denominator (averages and ratios), or {@code null}
   * @param rows how many rows passed the KPI's filter
   */
  record Cell(Double value, Double numerator, Double denominator, long rows) {}

  /**
   * The KPI in one period.
   *
   * @param period the period's start, or {@code null} for a KPI without periods
   * @param cell the numbers
   */
  record PeriodCell(LocalDate period, Cell cell) {}

  /**
   * The KPI in one period for one dimension value.
   *
   * @param period the period's start, or {@code null} for a KPI without periods
   * @param value the dimension value as text, or {@code null}
   * @param cell the numbers
   */
  record DimensionCell(LocalDate period, String value, Cell cell) {}

  /**
   * The cells of one dimension.
   *
   * @param dimension the dimension's column name as defined
   * @param cells the cells
   */
  record DimensionCells(String dimension, List<DimensionCell> cells) {
    DimensionCells {
      Objects.requireNonNull(dimension, "dimension");
      cells = List.copyOf(cells);
    }
  }
}
