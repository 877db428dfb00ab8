package io.udb.kpi.engine;

import io.udb.api.TenantId;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import io.udb.kpi.Aggregation;
import io.udb.kpi.InvalidKpiException;
import io.udb.kpi.KpiDefinition;
import io.udb.kpi.Measure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Validates KPI definitions against the tenant's tables ({@link DataBox#describe}) and checks their
 * SQL fragments ({@link FragmentProbe}), resolving each into a {@link PlannedKpi}. Runs before any
 * KPI query; the first problem found is thrown as an {@link InvalidKpiException} naming the KPI and
 * field. One instance serves one batch; not thread-safe.
 */
final class KpiValidator {
  private final DataBox box;
  private final TenantId tenant;
  private final KpiSql sql;
  private final FragmentProbe probe;
  private final Map<String, Optional<TableInfo>> tables = new HashMap<>();
  private List<TableInfo> allTables;

  KpiValidator(DataBox box, TenantId tenant, KpiSql sql, FragmentProbe probe) {
    this.box = box;
    this.tenant = tenant;
    this.sql = sql;
    this.probe = probe;
  }

  PlannedKpi plan(int index, KpiDefinition definition) {
    String kpi = definition.name();
    if (definition.isRawSql()) {
      return planRaw(index, definition);
    }
    TableInfo table =
        table(definition.table())
            .orElseThrow(
                () ->
                    new InvalidKpiException(
                        kpi,
                        "table",
                        "table '" + definition.table() + "' does not exist in this tenant"));
    String timeColumn = null;
    if (definition.timeColumn() != null) {
      ColumnInfo time = column(kpi, "timeColumn", table, definition.timeColumn());
      if (!sql.isTemporal(time.type())) {
        throw new InvalidKpiException(
            kpi,
            "timeColumn",
            "column '"
                + time.name()
                + "' is "
                + time.type()
                + "; periods need a DATE or TIMESTAMP column");
      }
      timeColumn = time.name();
    }
    List<String> dimensions = new ArrayList<>();
    for (String dimension : definition.dimensions()) {
      dimensions.add(column(kpi, "dimensions", table, dimension).name());
    }
    String filter = condition(kpi, "filter", table, definition.filter());
    if (definition.aggregation() == Aggregation.RATIO) {
      return new PlannedKpi(
          index,
          definition,
          table.name(),
          timeColumn,
          dimensions,
          filter,
          null,
          part(kpi, "numerator.", table, definition.numerator()),
          part(kpi, "denominator.", table, definition.denominator()),
          null,
          false);
    }
    AggregateSpec value =
        aggregate(
            kpi,
            "",
            table,
            definition.measure(),
            definition.aggregation(),
            definition.percentile(),
            null);
    return new PlannedKpi(
        index,
        definition,
        table.name(),
        timeColumn,
        dimensions,
        filter,
        value,
        null,
        null,
        null,
        false);
  }

  private PlannedKpi planRaw(int index, KpiDefinition definition) {
    String kpi = definition.name();
    List<ColumnInfo> columns = probe.columnsOf(kpi, definition.sql());
    ColumnInfo value =
        find(columns, "value")
            .orElseThrow(
                () ->
                    new InvalidKpiException(
                        kpi, "sql", "must return a numeric column named 'value'"));
    if (!sql.isNumeric(value.type())) {
      throw new InvalidKpiException(
          kpi, "sql", "column 'value' is " + value.type() + "; it must be numeric");
    }
    Optional<ColumnInfo> period = find(columns, "period");
    if (period.isPresent() && !sql.isTemporal(period.get().type())) {
      throw new InvalidKpiException(
          kpi, "sql", "column 'period' is " + period.get().type() + "; it must be a DATE");
    }
    if (period.isPresent() && definition.grain() == null) {
      throw new InvalidKpiException(
          kpi, "grain", "the SQL returns a 'period' column, so the KPI needs its grain");
    }
    if (period.isEmpty() && definition.grain() != null) {
      throw new InvalidKpiException(
          kpi, "grain", "a grain needs the SQL to return a 'period' column");
    }
    return new PlannedKpi(
        index,
        definition,
        null,
        null,
        List.of(),
        null,
        null,
        null,
        null,
        definition.sql(),
        period.isPresent());
  }

  private AggregateSpec part(String kpi, String prefix, TableInfo table, Measure measure) {
    return aggregate(
        kpi,
        prefix,
        table,
        measure.expression(),
        measure.aggregation(),
        measure.percentile(),
        condition(kpi, prefix + "filter", table, measure.filter()));
  }

  private AggregateSpec aggregate(
      String kpi,
      String prefix,
      TableInfo table,
      String measure,
      Aggregation aggregation,
      Double percentile,
      String condition) {
    String field = prefix + "measure";
    if (measure == null || (aggregation == Aggregation.COUNT && measure.equals("*"))) {
      return new AggregateSpec(aggregation, null, percentile, condition);
    }
    Optional<ColumnInfo> column = find(table.columns(), measure);
    String argument;
    String type;
    if (column.isPresent()) {
      argument = sql.quote(column.get().name());
      type = column.get().type();
    } else {
      type = probe.typeOf(kpi, field, table.name(), measure);
      argument = "(" + measure + ")";
    }
    if (aggregation.needsNumericMeasure() && !sql.isNumeric(type)) {
      throw new InvalidKpiException(
          kpi,
          field,
          "aggregation "
              + aggregation.externalName()
              + " needs a numeric measure; '"
              + measure
              + "' is "
              + type);
    }
    return new AggregateSpec(aggregation, argument, percentile, condition);
  }

  private String condition(String kpi, String field, TableInfo table, String condition) {
    if (condition == null) {
      return null;
    }
    String type = probe.typeOf(kpi, field, table.name(), condition);
    if (!sql.isBoolean(type)) {
      throw new InvalidKpiException(
          kpi, field, "must be a condition (BOOLEAN); '" + condition + "' is " + type);
    }
    return "(" + condition + ")";
  }

  private ColumnInfo column(String kpi, String field, TableInfo table, String name) {
    return find(table.columns(), name)
        .orElseThrow(
            () ->
                new InvalidKpiException(
                    kpi,
                    field,
                    "column '" + name + "' does not exist in table '" + table.name() + "'"));
  }

  private Optional<TableInfo> table(String name) {
    return tables.computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> lookUp(name));
  }

  private Optional<TableInfo> lookUp(String name) {
    Optional<TableInfo> exact = box.describe(tenant, TableRef.of(name));
    if (exact.isPresent()) {
      return exact;
    }
    if (allTables == null) {
      allTables = box.tables(tenant);
    }
    return allTables.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
  }

  private static Optional<ColumnInfo> find(List<ColumnInfo> columns, String name) {
    for (ColumnInfo column : columns) {
      if (column.name().equals(name)) {
        return Optional.of(column);
      }
    }
    return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
  }
}
