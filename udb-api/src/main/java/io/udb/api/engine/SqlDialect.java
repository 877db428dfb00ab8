package io.udb.api.engine;

/**
 * How an engine spells the SQL that UDB generates. Capability modules build their queries through a
 * dialect, never by pasting user strings: identifiers are quoted here, values are bound as
 * parameters.
 *
 * <p>New operations are added as default methods, so an engine written against an older version
 * keeps compiling.
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
}
