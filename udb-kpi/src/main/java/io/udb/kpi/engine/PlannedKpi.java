package io.udb.kpi.engine;

import io.udb.kpi.KpiDefinition;
import java.util.List;
import java.util.Objects;

/**
 * A validated KPI, resolved against its table: actual column names, checked and quoted SQL pieces.
 * Either a table KPI ({@code value}, or {@code numerator} and {@code denominator} for a ratio) or a
 * raw-SQL KPI ({@code rawSql}).
 *
 * @param index the KPI's position in its batch
 * @param definition the definition
 * @param table the table's actual name, or {@code null} for raw SQL
 * @param timeColumn the time column's actual name, or {@code null}
 * @param dimensions the dimensions' actual names
 * @param filter the checked, parenthesized row filter, or {@code null}
 * @param value the aggregate of a non-ratio table KPI, else {@code null}
 * @param numerator the numerator of a ratio, else {@code null}
 * @param denominator the denominator of a ratio, else {@code null}
 * @param rawSql the query of a raw-SQL KPI, else {@code null}
 * @param rawHasPeriod whether the raw query returns a {@code period} column
 */
record PlannedKpi(
    int index,
    KpiDefinition definition,
    String table,
    String timeColumn,
    List<String> dimensions,
    String filter,
    AggregateSpec value,
    AggregateSpec numerator,
    AggregateSpec denominator,
    String rawSql,
    boolean rawHasPeriod) {

  PlannedKpi {
    Objects.requireNonNull(definition, "definition");
    dimensions = List.copyOf(dimensions);
  }

  boolean isRaw() {
    return rawSql != null;
  }

  String name() {
    return definition.name();
  }
}
