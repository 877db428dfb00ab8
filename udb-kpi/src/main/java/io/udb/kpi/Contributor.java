package io.udb.kpi;

/**
 * One value of a dimension in a KPI's breakdown.
 *
 * @param value the dimension value as text (masked for callers who may not see it), or {@code null}
 *     for rows without a value
 * @param current the KPI over this value's rows in the latest period, or {@code null} when absent
 * @param previous the same in the previous period, or {@code null} when absent or there is none
 * @param delta {@code current - previous} of this value alone, or {@code null} unless both exist
 * @param contribution this value's share of the KPI's change: for sums and counts its delta (absent
 *     counts as 0); for averages and ratios of sums its weighted term, so that the contributions of
 *     all values add up to the KPI's change exactly; for other aggregations, which do not split,
 *     its own delta. {@code null} without a previous period
 */
public record Contributor(
    String value, Double current, Double previous, Double delta, Double contribution) {}
