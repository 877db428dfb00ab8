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
}
