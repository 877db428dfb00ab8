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
}
