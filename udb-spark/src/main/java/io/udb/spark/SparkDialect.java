package io.udb.spark;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.TableRef;
import java.util.Locale;
import java.util.Set;

/**
 * Spark SQL's spelling of the SQL UDB generates. A dialect bound to a tenant qualifies table names
 * with the tenant's namespace, so generated SQL can only name that tenant's tables; the unbound one
 * ({@link SparkEngine#dialect()}) leaves them unqualified. Stateless apart from the namespace, and
 * thread-safe.
 *
 * <p>Every override keeps the result shape and the definition of the DuckDB default it replaces;
 * the engine conformance suite proves it by running the same capability code on both engines.
 */
public final class SparkDialect implements SqlDialect {
  private static final Set<String> GRAINS = Set.of("day", "week", "month", "quarter", "year");

  private final String namespace;

  private SparkDialect(String namespace) {
    this.namespace = namespace;
  }

  /** The dialect without a namespace: table names stay unqualified. */
  static SparkDialect unbound() {
    return new SparkDialect(null);
  }

  /**
   * The dialect of one tenant's namespace.
   *
   * @param namespace the Spark database holding the tenant's tables
   * @return the dialect
   */
  static SparkDialect forNamespace(String namespace) {
    return new SparkDialect(namespace);
  }

  @Override
  public String name() {
    return "spark";
  }

  /** Quotes with back-ticks, Spark's identifier quote; a back-tick inside is doubled. */
  @Override
  public String quoteIdentifier(String identifier) {
    return '`' + identifier.replace("`", "``") + '`';
  }

  @Override
  public String table(TableRef table) {
    String name = quoteIdentifier(table.name());
    return namespace == null ? name : quoteIdentifier(namespace) + "." + name;
  }

  @Override
  public String quantileContinuous(String expression, double fraction) {
    if (!(fraction >= 0.0 && fraction <= 1.0)) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "Quantile must be within 0..1, got " + fraction);
    }
    // percentile is Spark's exact quantile with linear interpolation, as DuckDB's quantile_cont
    return "percentile(" + expression + ", " + fraction + ")";
  }

  @Override
  public String dateTrunc(String grain, String expression) {
    String g = grain.toLowerCase(Locale.ROOT);
    if (!GRAINS.contains(g)) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Grain must be one of day, week, month, quarter, year; got '" + grain + "'");
    }
    // Spark's date_trunc returns a timestamp, as DuckDB's does for timestamps; weeks start on
    // Monday in both
    return "date_trunc('" + g.toUpperCase(Locale.ROOT) + "', " + expression + ")";
  }

  // ---- general expressions ----

  @Override
  public String toText(String expression) {
    return "CAST(" + expression + " AS STRING)";
  }

  @Override
  public String countIf(String condition) {
    return "count_if(" + condition + ")";
  }

  @Override
  public String isInfinite(String expression) {
    return "(abs(" + toDouble(expression) + ") = double('Infinity'))";
  }

  @Override
  public String isFinite(String expression) {
    String value = toDouble(expression);
    return "(NOT isnan(" + value + ") AND abs(" + value + ") <> double('Infinity'))";
  }

  @Override
  public String epochSeconds(String expression) {
    // microseconds since the epoch keep the fraction; a DATE becomes midnight UTC as in DuckDB
    return "(unix_micros(to_timestamp(" + expression + ")) / 1000000.0D)";
  }

  // ---- profiling ----

  // ---- checks ----

  // ---- drift ----

  // ---- KPIs ----

  // Types are spelled in full in this section, so that it adds no import lines that other
  // sections' additions could collide with.

  /**
   * Spark's date functions rather than interval arithmetic, so that the result is a DATE whatever
   * the session's interval settings ({@code spark.sql.legacy.interval.enabled}).
   */
  @Override
  public String previousPeriodStart(String grain, String dateExpression) {
    String date = "CAST(" + dateExpression + " AS DATE)";
    return switch (grain.toLowerCase(Locale.ROOT)) {
      case "day" -> "date_sub(" + date + ", 1)";
      case "week" -> "date_sub(" + date + ", 7)";
      case "month" -> "add_months(" + date + ", -1)";
      case "quarter" -> "add_months(" + date + ", -3)";
      case "year" -> "add_months(" + date + ", -12)";
      default ->
          throw new UdbException(
              ErrorCode.INVALID_ARGUMENT,
              "Grain must be one of day, week, month, quarter, year; got '" + grain + "'");
    };
  }

  /** Over doubles: Spark's {@code avg} of a decimal is a decimal rounded to a few more places. */
  @Override
  public String mean(String expression) {
    return "avg(" + toDouble(expression) + ")";
  }

  /**
   * Spark's {@code grouping_id}: its {@code grouping} takes one column only. Like the default, it
   * must name every grouping expression, in order.
   */
  @Override
  public String groupingId(java.util.List<String> expressions) {
    return "grouping_id(" + String.join(", ", expressions) + ")";
  }

  /**
   * None: a Spark catalog has no cheap fact that changes whenever a table's files do (a path can be
   * rewritten behind the catalog's back), so results over Spark tables are never cached.
   */
  @Override
  public java.util.Optional<String> tableFactsQuery() {
    return java.util.Optional.empty();
  }

  /**
   * Spark's lexer and parser, then an allow-list of expression nodes and built-in functions; see
   * {@link SparkExpressionCheck}.
   *
   * @throws IllegalArgumentException when the session is not one of a {@link SparkEngine}
   */
  @Override
  public java.util.Optional<String> expressionProblem(
      io.udb.api.engine.SqlSession session, TableRef table, String expression) {
    if (!(session instanceof SparkSqlSession spark)) {
      throw new IllegalArgumentException("a Spark session is needed to parse with Spark");
    }
    return SparkExpressionCheck.problem(spark.spark(), expression);
  }

  /** The check is an allow-list: Spark has no guard for user SQL to run KPI statements through. */
  @Override
  public boolean expressionCheckIsAllowList() {
    return true;
  }
}
