package io.udb.kpi.engine;

import io.udb.kpi.Aggregation;
import java.util.Objects;

/**
 * One aggregate of a KPI query, with its SQL pieces already checked and quoted.
 *
 * @param aggregation the aggregation, never {@link Aggregation#RATIO}
 * @param argument the argument: a quoted column or a checked, parenthesized expression; {@code
 *     null} for a row count
 * @param percentile 0 to 100 for {@link Aggregation#PERCENTILE}
 * @param condition a checked, parenthesized condition restricting the aggregate's rows, or {@code
 *     null}
 */
record AggregateSpec(
    Aggregation aggregation, String argument, Double percentile, String condition) {
  AggregateSpec {
    Objects.requireNonNull(aggregation, "aggregation");
  }
}
