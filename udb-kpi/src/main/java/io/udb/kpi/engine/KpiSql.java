package io.udb.kpi.engine;

import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.TableRef;
import io.udb.kpi.Aggregation;
import io.udb.kpi.Grain;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SQL KPIs need, built on a {@link SqlDialect}. What differs between engines (period starts,
 * intervals, filtered aggregates, grouping bitmasks, casts, type names, catalog facts) is asked of
 * the dialect; what is left here is SQL every engine spells alike.
 *
 * <p>Immutable and thread-safe.
 */
public final class KpiSql {
  private final SqlDialect dialect;

  /**
   * Wraps a dialect.
   *
   * @param dialect the engine's dialect
   */
  public KpiSql(SqlDialect dialect) {
    this.dialect = Objects.requireNonNull(dialect, "dialect");
  }

  /** The underlying dialect. */
  public SqlDialect dialect() {
    return dialect;
  }

  /** A quoted identifier. */
  public String quote(String identifier) {
    return dialect.quoteIdentifier(identifier);
  }

  /** A quoted table reference. */
  public String table(String table) {
    return dialect.table(TableRef.of(table));
  }

  /** The first day of the period of a date or timestamp expression, as a date. */
  public String period(Grain grain, String expression) {
    return dialect.periodStartDate(grain.externalName(), expression);
  }

  /** The start of the period before the one starting at a date expression, as a date. */
  public String previousPeriod(Grain grain, String dateExpression) {
    return dialect.previousPeriodStart(grain.externalName(), dateExpression);
  }

  /** An expression as text, for dimension values of any type. */
  public String text(String expression) {
    return dialect.toText(expression);
  }

  /**
   * The aggregate of an argument.
   *
   * @param aggregation any aggregation but {@link Aggregation#RATIO}
   * @param argument the argument expression, or {@code null} for a row count
   * @param percentile 0 to 100 for {@link Aggregation#PERCENTILE}
   * @return the aggregate expression
   */
  public String aggregate(Aggregation aggregation, String argument, Double percentile) {
    return switch (aggregation) {
      case SUM -> "sum(" + argument + ")";
      case AVG -> dialect.mean(argument);
      case COUNT -> argument == null ? "count(*)" : "count(" + argument + ")";
      case COUNT_DISTINCT -> "count(DISTINCT " + argument + ")";
      case MIN -> "min(" + argument + ")";
      case MAX -> "max(" + argument + ")";
      case MEDIAN -> dialect.quantileContinuous(argument, 0.5);
      case PERCENTILE -> dialect.quantileContinuous(argument, percentile / 100.0);
      case RATIO -> throw new IllegalArgumentException("a ratio is two aggregates");
    };
  }

  /** An aggregate over only the rows where a boolean expression holds, or all rows for null. */
  public String filtered(String aggregate, String condition) {
    return condition == null ? aggregate : dialect.filtered(aggregate, condition);
  }

  /**
   * The grouping bitmask of a grouping-sets query, given every grouping expression in order of
   * first appearance (the first one is the highest bit).
   */
  public String grouping(List<String> expressions) {
    return dialect.groupingId(expressions);
  }

  /**
   * The engine's query listing catalog facts of every table of the tenant ({@link
   * SqlDialect#tableFactsQuery}); empty for an engine without such a catalog, whose KPIs are then
   * never cached.
   *
   * @return the query, without parameters
   */
  public Optional<String> tableFactsQuery() {
    return dialect.tableFactsQuery();
  }

  /** The exact row count of a table. */
  public String rowCount(String table) {
    return "SELECT count(*) FROM " + table(table);
  }

  /** Whether an engine type name is numeric. */
  public boolean isNumeric(String typeName) {
    return dialect.isNumericType(typeName);
  }

  /** Whether an engine type name is a date or timestamp. */
  public boolean isTemporal(String typeName) {
    return dialect.isTemporalType(typeName);
  }

  /** Whether an engine type name is boolean. */
  public boolean isBoolean(String typeName) {
    return dialect.isBooleanType(typeName);
  }
}
