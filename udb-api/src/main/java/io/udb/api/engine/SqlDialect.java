package io.udb.api.engine;

/**
 * How an engine spells the SQL that UDB generates. Capability modules build their queries through a
 * dialect, never by pasting user strings: identifiers are quoted here, values are bound as
 * parameters.
 *
 * <p>New operations are added as default methods, so an engine written against an older version
 * keeps compiling. The defaults are the spelling of the reference engine, embedded DuckDB; another
 * engine overrides those its SQL spells differently, and the engine conformance suite proves that
 * both give the same answers.
 */
public interface SqlDialect {

  /** The dialect's name, e.g. {@code duckdb}. */
  String name();

  /**
   * Quotes an identifier so that any name (spaces, quotes, keywords) refers to itself.
   *
   * @param identifier the raw identifier
   * @return the quoted identifier
   */
  default String quoteIdentifier(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /**
   * The SQL reference to a table of the tenant's database.
   *
   * @param table the table
   * @return the quoted reference
   */
  default String table(TableRef table) {
    return quoteIdentifier(table.name());
  }

  /**
   * The sample standard deviation aggregate of an expression.
   *
   * @param expression a SQL expression
   * @return the aggregate expression
   */
  default String stddevSample(String expression) {
    return "stddev_samp(" + expression + ")";
  }

  /**
   * The exact, linearly interpolated quantile aggregate of an expression.
   *
   * @param expression a SQL expression
   * @param fraction the quantile between 0 and 1
   * @return the aggregate expression
   */
  String quantileContinuous(String expression, double fraction);

  /**
   * Truncation of a timestamp expression to a calendar grain.
   *
   * @param grain {@code day}, {@code week}, {@code month}, {@code quarter} or {@code year}
   * @param expression a timestamp or date expression
   * @return the truncated expression
   */
  String dateTrunc(String grain, String expression);

  // ---- general expressions ----

  /**
   * An expression cast to text.
   *
   * @param expression a SQL expression
   * @return the cast
   */
  default String toText(String expression) {
    return "CAST(" + expression + " AS VARCHAR)";
  }

  /**
   * An expression cast to a 64-bit floating point number.
   *
   * @param expression a SQL expression
   * @return the cast
   */
  default String toDouble(String expression) {
    return "CAST(" + expression + " AS DOUBLE)";
  }

  /**
   * An expression converted to a type, or {@code NULL} when it cannot be.
   *
   * @param expression a SQL expression
   * @param type a type name of this engine
   * @return the conversion
   */
  default String tryCast(String expression, String type) {
    return "TRY_CAST(" + expression + " AS " + type + ")";
  }

  /**
   * How many rows satisfy a condition, as an aggregate.
   *
   * @param condition a boolean SQL expression
   * @return the aggregate
   */
  default String countIf(String condition) {
    return "count(*) FILTER (WHERE " + condition + ")";
  }

  /**
   * An aggregate restricted to the rows satisfying a condition.
   *
   * @param aggregate an aggregate expression
   * @param condition a boolean SQL expression
   * @return the filtered aggregate
   */
  default String filtered(String aggregate, String condition) {
    return aggregate + " FILTER (WHERE " + condition + ")";
  }

  /**
   * Whether a floating point expression is NaN.
   *
   * @param expression a numeric SQL expression
   * @return the condition
   */
  default String isNan(String expression) {
    return "isnan(" + expression + ")";
  }

  /**
   * Whether a floating point expression is positive or negative infinity.
   *
   * @param expression a numeric SQL expression
   * @return the condition
   */
  default String isInfinite(String expression) {
    return "isinf(" + expression + ")";
  }

  /**
   * Whether a floating point expression is neither NaN nor infinite.
   *
   * @param expression a numeric SQL expression
   * @return the condition
   */
  default String isFinite(String expression) {
    return "isfinite(" + expression + ")";
  }

  /**
   * Seconds since 1970-01-01T00:00Z of a date or timestamp expression, with fractions.
   *
   * @param expression a date or timestamp expression
   * @return the number of seconds
   */
  default String epochSeconds(String expression) {
    return "epoch(" + expression + ")";
  }

  // ---- profiling ----

  // ---- checks ----

  // ---- drift ----

  // ---- KPIs ----

  // Types are spelled in full (java.util.Optional, ...) in this section, so that it adds no import
  // lines that other sections' additions could collide with.

  /**
   * The first day of the calendar period holding a date or timestamp, as a {@code DATE}. Weeks
   * start on Monday (ISO 8601) on every engine; a timestamp with time zone is placed in the
   * session's time zone.
   *
   * @param grain {@code day}, {@code week}, {@code month}, {@code quarter} or {@code year}
   * @param expression a date or timestamp expression
   * @return the period's first day
   */
  default String periodStart(String grain, String expression) {
    return "CAST(" + dateTrunc(grain, expression) + " AS DATE)";
  }

  /**
   * The first day of the period just before the one starting at a date, as a {@code DATE}: one day,
   * seven days, one month, three months or one year earlier.
   *
   * @param grain {@code day}, {@code week}, {@code month}, {@code quarter} or {@code year}
   * @param dateExpression a {@code DATE} expression holding a period's first day
   * @return the previous period's first day
   * @throws io.udb.api.UdbException with {@code INVALID_ARGUMENT} for another grain
   */
  default String previousPeriodStart(String grain, String dateExpression) {
    String interval =
        switch (grain.toLowerCase(java.util.Locale.ROOT)) {
          case "day" -> "INTERVAL 1 DAY";
          case "week" -> "INTERVAL 7 DAY";
          case "month" -> "INTERVAL 1 MONTH";
          case "quarter" -> "INTERVAL 3 MONTH";
          case "year" -> "INTERVAL 1 YEAR";
          default ->
              throw new io.udb.api.UdbException(
                  io.udb.api.ErrorCode.INVALID_ARGUMENT,
                  "Grain must be one of day, week, month, quarter, year; got '" + grain + "'");
        };
    return "CAST(" + dateExpression + " - " + interval + " AS DATE)";
  }

  /**
   * The grouping bitmask of a row of a {@code GROUP BY GROUPING SETS} query, as an integer: the bit
   * of an expression is 1 when the row's grouping set does not group by it, and the first
   * expression is the highest bit (SQL's {@code GROUPING(a, b, ...)}).
   *
   * @param expressions the grouped expressions, at least one
   * @return the grouping expression
   */
  default String groupingId(java.util.List<String> expressions) {
    return "GROUPING(" + String.join(", ", expressions) + ")";
  }

  /**
   * Whether a column type name of this engine is a number (integers, floating point, decimals), so
   * that it can be summed and averaged.
   *
   * @param typeName a type name as the engine reports it, e.g. {@code DECIMAL(10,2)}
   * @return whether it is numeric
   */
  default boolean isNumericType(String typeName) {
    String upper = typeName.trim().toUpperCase(java.util.Locale.ROOT);
    int parenthesis = upper.indexOf('(');
    return switch (parenthesis < 0 ? upper : upper.substring(0, parenthesis)) {
      case "TINYINT",
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
          "NUMERIC" ->
          true;
      default -> false;
    };
  }

  /**
   * Whether a column type name of this engine is a date or a timestamp (with or without time zone),
   * so that its values fall into calendar periods.
   *
   * @param typeName a type name as the engine reports it
   * @return whether it is a date or timestamp
   */
  default boolean isTemporalType(String typeName) {
    String upper = typeName.trim().toUpperCase(java.util.Locale.ROOT);
    return upper.equals("DATE") || upper.startsWith("TIMESTAMP");
  }

  /**
   * Whether a column type name of this engine is boolean, so that it can serve as a condition.
   *
   * @param typeName a type name as the engine reports it
   * @return whether it is boolean
   */
  default boolean isBooleanType(String typeName) {
    return typeName.trim().equalsIgnoreCase("BOOLEAN");
  }

  /**
   * A query reading, for every table of the tenant's database, catalog facts that change when the
   * table is dropped and created again, replaced, appended to or deleted from, without scanning it:
   * one row per table, the table's name in the first column and the facts in the others. Result
   * caches key on them.
   *
   * <p>Empty for an engine without such a catalog: results that depend on tables are then computed
   * every time rather than cached, since nothing cheap would tell that a table has changed.
   *
   * @return the query, without parameters, or empty
   */
  default java.util.Optional<String> tableFactsQuery() {
    return java.util.Optional.of(
        "SELECT table_name, table_oid, estimated_size, column_count FROM duckdb_tables()"
            + " WHERE database_name = current_database() AND schema_name = 'main'");
  }

  /**
   * Checks, without running anything, that untrusted user SQL (a KPI's measure or filter) is
   * exactly one scalar expression over the columns of a table, with the engine's own parser: no
   * second statement, comment, clause or subquery of its own, nothing that would change the shape
   * of the generated statement it is placed in, and no reach to other tables or files. Callers
   * still run the expression in a probe statement through the guarded user query path, which binds
   * it (unknown columns, type errors, nested aggregates) and applies the SQL guard.
   *
   * <p>The default checks nothing, for an engine whose parser UDB cannot reach: the caller's
   * lexical check and the guarded probe are then the only checks. Engines able to parse override
   * it.
   *
   * @param session a trusted session of the tenant, for engines whose parser is reached through SQL
   *     (the expression is bound as a value there, never run)
   * @param table the table the expression is evaluated over
   * @param expression the user's expression, already past the caller's lexical check
   * @return why the expression is refused, phrased to follow the name of the field holding it (e.g.
   *     {@code is not valid SQL: ...}), or empty when it is accepted
   */
  default java.util.Optional<String> expressionProblem(
      SqlSession session, TableRef table, String expression) {
    return java.util.Optional.empty();
  }
}
