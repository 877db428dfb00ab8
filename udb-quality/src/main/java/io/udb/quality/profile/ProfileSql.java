package io.udb.quality.profile;

import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.TableRef;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The engine spellings the profiler needs beyond {@link SqlDialect}, in one place, so that they can
 * move into the dialect when a second engine arrives. These are DuckDB's. Every method returns a
 * SQL fragment built only from quoted identifiers, aliases of our own, numeric literals we generate
 * and {@code ?} placeholders; no user value is ever pasted.
 */
final class ProfileSql {
  /** The quantile fractions of {@link ColumnProfile#QUANTILE_KEYS}, as a SQL list literal. */
  static final String QUANTILE_LIST = "[0.05, 0.25, 0.5, 0.75, 0.95]";

  /** The quantile fractions of {@link ColumnProfile#QUANTILE_KEYS}. */
  static final double[] QUANTILE_FRACTIONS = {0.05, 0.25, 0.5, 0.75, 0.95};

  private final SqlDialect dialect;

  ProfileSql(SqlDialect dialect) {
    this.dialect = dialect;
  }

  String quote(String identifier) {
    return dialect.quoteIdentifier(identifier);
  }

  String table(TableRef table) {
    return dialect.table(table);
  }

  /** The columns of a table with their type names, in order; one row per column. */
  String describeColumns() {
    return "SELECT column_name, data_type, table_name FROM information_schema.columns"
        + " WHERE table_schema = current_schema() AND lower(table_name) = lower(?)"
        + " ORDER BY table_name = ? DESC, ordinal_position";
  }

  String countIf(String condition) {
    return "count(*) FILTER (WHERE " + condition + ")";
  }

  String filtered(String aggregate, String condition) {
    return aggregate + " FILTER (WHERE " + condition + ")";
  }

  String isNan(String expression) {
    return "isnan(" + expression + ")";
  }

  String isInfinite(String expression) {
    return "isinf(" + expression + ")";
  }

  String isFinite(String expression) {
    return "isfinite(" + expression + ")";
  }

  String toDouble(String expression) {
    return "CAST(" + expression + " AS DOUBLE)";
  }

  String toText(String expression) {
    return "CAST(" + expression + " AS VARCHAR)";
  }

  /** How many values per column the approximate quantiles keep in their reservoir sample. */
  static final int RESERVOIR_SIZE = 100_000;

  /**
   * Quantiles at {@link #QUANTILE_LIST} as one list: exact and interpolated, or estimated from a
   * uniform reservoir sample of {@link #RESERVOIR_SIZE} values (memory-bounded and about ten times
   * faster than the engine's t-digest {@code approx_quantile}).
   */
  String quantiles(String expression, boolean approximate) {
    return approximate
        ? "reservoir_quantile(" + expression + ", " + QUANTILE_LIST + ", " + RESERVOIR_SIZE + ")"
        : "quantile_cont(" + expression + ", " + QUANTILE_LIST + ")";
  }

  /**
   * An estimate of the median absolute deviation around a median bound as the one parameter, from a
   * reservoir sample of {@link #RESERVOIR_SIZE} deviations.
   */
  String approximateMadAround(String expression) {
    return "reservoir_quantile(abs("
        + expression
        + " - CAST(? AS DOUBLE)), 0.5, "
        + RESERVOIR_SIZE
        + ")";
  }

  String approximateDistinct(String expression) {
    return "approx_count_distinct(" + expression + ")";
  }

  /** The sum of (x - m)^power with m bound as the one parameter. */
  String centralPowerSum(String expression, int power) {
    return "sum(power(" + expression + " - CAST(? AS DOUBLE), " + power + "))";
  }

  /**
   * The equal-width bin index of a value, 0 to {@code bins - 1}. Binds two parameters: the lower
   * edge and the number of bins per unit.
   */
  String bin(String expression, int bins) {
    return "least(CAST(floor((CAST("
        + expression
        + " AS DOUBLE) - CAST(? AS DOUBLE)) * CAST(? AS DOUBLE)) AS INTEGER), "
        + (bins - 1)
        + ")";
  }

  /** The first day of a value's calendar period, as ISO text. */
  String periodStart(String expression, String period) {
    if (!ProfileOptions.PERIODS.contains(period)) {
      throw new IllegalArgumentException("period " + period);
    }
    return "CAST(CAST(date_trunc('"
        + period.toLowerCase(Locale.ROOT)
        + "', "
        + expression
        + ") AS DATE) AS VARCHAR)";
  }

  /** A uniform sample of a fixed number of rows, the same for the same data. */
  String reservoirSample(int rows) {
    return "USING SAMPLE reservoir(" + rows + " ROWS) REPEATABLE (42)";
  }

  /** Seconds between the earliest and the latest value. */
  String rangeSeconds(String expression) {
    return "epoch(max(" + expression + ")) - epoch(min(" + expression + "))";
  }

  String length(String expression) {
    return "length(" + expression + ")";
  }

  String byteLength(String expression) {
    return "strlen(" + expression + ")";
  }

  /** How many characters of a string match a regular expression character class. */
  String classCount(String expression, String characterClass) {
    // removing runs ('+') is several times faster than removing single characters
    return "length(regexp_replace(" + expression + ", '[^" + characterClass + "]+', '', 'g'))";
  }

  /** The bit mask telling which of the given grouping expressions are aggregated away. */
  String groupingId(List<String> expressions) {
    return "GROUPING(" + String.join(", ", expressions) + ")";
  }

  String groupingSets(List<List<String>> sets) {
    return "GROUPING SETS ("
        + sets.stream().map(s -> "(" + String.join(", ", s) + ")").collect(Collectors.joining(", "))
        + ")";
  }

  /** A common table expression computed once even when referenced several times. */
  String materialized(String name, String query) {
    return name + " AS MATERIALIZED (" + query + ")";
  }

  /**
   * The {@code limit} groups of a grouped relation with the highest count, as a list of {value,
   * count} structs, ties by ascending value. A top-N subquery: it keeps only {@code limit} groups
   * while it scans, several times cheaper than a {@code max_by} with a struct key over many groups.
   */
  String mostFrequentOf(String relation, String value, String count, int limit) {
    String order = count + " DESC, " + value;
    return firstOf(relation, value, count, order, limit);
  }

  /**
   * The {@code limit} smallest groups of a grouped relation by value, ascending, or the largest,
   * descending, as a list of {value, count} structs; a top-N subquery like {@link #mostFrequentOf}.
   */
  String extremesOf(String relation, String value, String count, int limit, boolean largest) {
    return firstOf(relation, value, count, value + (largest ? " DESC" : ""), limit);
  }

  private static String firstOf(
      String relation, String value, String count, String order, int limit) {
    return "(SELECT list(struct_pack(v := "
        + value
        + ", n := "
        + count
        + ") ORDER BY "
        + order
        + ") FROM (SELECT "
        + value
        + ", "
        + count
        + " FROM "
        + relation
        + " ORDER BY "
        + order
        + " LIMIT "
        + limit
        + ") AS t)";
  }

  /**
   * The groups of a relation ordered by value with running totals whose range of 0-based positions
   * {@code [cum - n, cum)} covers one of the given positions, as a list of {c, n, v} structs.
   */
  String coveringGroups(
      String relation, String value, String count, String cum, List<Long> positions) {
    return "(SELECT list(struct_pack(c := "
        + cum
        + ", n := "
        + count
        + ", v := "
        + value
        + ")) FROM "
        + relation
        + " WHERE "
        + covers(count, cum, positions)
        + ")";
  }

  /** Whether a group's positions {@code [cum - n, cum)} cover one of the given positions. */
  String covers(String count, String cum, List<Long> positions) {
    return positions.stream()
        .distinct()
        .map(p -> "(" + cum + " > " + p + " AND " + cum + " - " + count + " <= " + p + ")")
        .collect(Collectors.joining(" OR "));
  }

  /** The {@code limit} smallest values (with repeats) as a list, ascending. */
  String smallestValues(String value, int limit) {
    return "min(" + value + ", " + limit + ")";
  }

  /** The {@code limit} largest values (with repeats) as a list, descending. */
  String largestValues(String value, int limit) {
    return "max(" + value + ", " + limit + ")";
  }

  /** A window running total in value order, i.e. how many values are at most this one. */
  String runningTotal(String count, String orderBy) {
    // a BIGINT total: the engine's sum widens to a 128-bit integer, slower to compare and join
    return "CAST(sum("
        + count
        + ") OVER (ORDER BY "
        + orderBy
        + " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS BIGINT)";
  }
}
