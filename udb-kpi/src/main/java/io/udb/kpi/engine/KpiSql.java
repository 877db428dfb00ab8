package io.udb.kpi.engine;

import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.TableRef;
import io.udb.kpi.Aggregation;
import io.udb.kpi.Grain;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL spellings KPIs need, on top of a {@link SqlDialect}. The few that are DuckDB's own (date
 * casts, intervals, {@code FILTER}, catalog functions, type names) are kept in small methods here,
 * so that another engine's dialect can take them over later.
 *
 * <p>Immutable and thread-safe.
 */
public final class KpiSql {
  private static final Set<String> NUMERIC_PREFIXES =
      Set.of(
          "TINYINT",
          "SMALLINT",
          "INTEGER",
          "INT",
          "BIGINT",
          "HUGEINT",
          "UTINYINT",
          "USMALLINT",
          "UINTEGER",
          "UBIGINT",
          "UHUGEINT",
          "FLOAT",
          "REAL",
          "DOUBLE",
          "DECIMAL",
          "NUMERIC");

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
    return "CAST(" + dialect.dateTrunc(grain.externalName(), expression) + " AS DATE)";
  }

  /** The start of the period before the one starting at a date expression, as a date. */
  public String previousPeriod(Grain grain, String dateExpression) {
    String interval =
        switch (grain) {
          case DAY -> "INTERVAL 1 DAY";
          case WEEK -> "INTERVAL 7 DAY";
          case MONTH -> "INTERVAL 1 MONTH";
          case QUARTER -> "INTERVAL 3 MONTH";
          case YEAR -> "INTERVAL 1 YEAR";
        };
    return "CAST(" + dateExpression + " - " + interval + " AS DATE)";
  }

  /** An expression as text, for dimension values of any type. */
  public String text(String expression) {
    return "CAST(" + expression + " AS VARCHAR)";
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
      case AVG -> "avg(" + argument + ")";
      case COUNT -> argument == null ? "count(*)" : "count(" + argument + ")";
      case COUNT_DISTINCT -> "count(DISTINCT " + argument + ")";
      case MIN -> "min(" + argument + ")";
      case MAX -> "max(" + argument + ")";
      case MEDIAN -> dialect.quantileContinuous(argument, 0.5);
      case PERCENTILE -> dialect.quantileContinuous(argument, percentile / 100.0);
      case RATIO -> throw new IllegalArgumentException("a ratio is two aggregates");
    };
  }

  /** An aggregate over only the rows where a boolean expression holds. */
  public String filtered(String aggregate, String condition) {
    return condition == null ? aggregate : aggregate + " FILTER (WHERE " + condition + ")";
  }

  /** The grouping bitmask of the given grouped expressions (first one is the highest bit). */
  public String grouping(String expressions) {
    return "GROUPING(" + expressions + ")";
  }

  /**
   * A query listing, for every table of the tenant, catalog facts that change when the table is
   * replaced or appended to: {@code table_name}, {@code table_oid}, {@code estimated_size} (rows),
   * {@code column_count}. Empty for an engine without such a catalog.
   *
   * @return the query, without parameters
   */
  public Optional<String> tableFactsQuery() {
    if (!dialect.name().equals("duckdb")) {
      return Optional.empty();
    }
    return Optional.of(
        "SELECT table_name, table_oid, estimated_size, column_count FROM duckdb_tables()"
            + " WHERE database_name = current_database() AND schema_name = 'main'");
  }

  /**
   * A query returning DuckDB's parse tree of the SQL text bound as its only parameter, without
   * running it; empty for an engine without one.
   */
  public Optional<String> parseTreeQuery() {
    return dialect.name().equals("duckdb")
        ? Optional.of("SELECT json_serialize_sql(CAST(? AS VARCHAR))")
        : Optional.empty();
  }

  /** The exact row count of a table. */
  public String rowCount(String table) {
    return "SELECT count(*) FROM " + table(table);
  }

  /** Whether an engine type name is numeric. */
  public static boolean isNumeric(String typeName) {
    String upper = typeName.trim().toUpperCase(Locale.ROOT);
    for (String prefix : NUMERIC_PREFIXES) {
      if (upper.equals(prefix) || upper.startsWith(prefix + "(")) {
        return true;
      }
    }
    return false;
  }

  /** Whether an engine type name is a date or timestamp. */
  public static boolean isTemporal(String typeName) {
    String upper = typeName.trim().toUpperCase(Locale.ROOT);
    return upper.equals("DATE") || upper.startsWith("TIMESTAMP");
  }

  /** Whether an engine type name is boolean. */
  public static boolean isBoolean(String typeName) {
    return typeName.trim().equalsIgnoreCase("BOOLEAN");
  }
}
