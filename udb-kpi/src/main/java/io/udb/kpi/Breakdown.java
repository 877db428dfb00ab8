package io.udb.kpi;

import java.util.List;
import java.util.Objects;

/**
 * A KPI broken down by one dimension, over the latest and the previous period.
 *
 * @param dimension the dimension column
 * @param decomposable whether the contributions add up to the KPI's change exactly (sums, counts,
 *     averages and ratios of sums or counts), rather than being each value's own change
 * @param contributors the dimension values, largest absolute contribution first (largest current
 *     value first without a previous period); at most {@link KpiOptions#maxDimensionValues()}
 * @param omitted how many further values were left out of {@code contributors}
 */
public record Breakdown(
    String dimension, boolean decomposable, List<Contributor> contributors, int omitted) {
  /** Validates and copies. */
  public Breakdown {
    Objects.requireNonNull(dimension, "dimension");
    contributors = List.copyOf(contributors);
  }

  /**
   * The values that contributed most to the change, skipping those without a contribution or with
   * none at all.
   *
   * @param n how many at most
   * @return the top contributors, largest absolute contribution first
   */
  public List<Contributor> top(int n) {
    return contributors.stream()
        .filter(c -> c.contribution() != null && c.contribution() != 0.0)
        .limit(n)
        .toList();
  }
}
