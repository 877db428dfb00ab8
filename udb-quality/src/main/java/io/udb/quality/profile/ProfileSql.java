package io.udb.quality.profile;

import io.udb.api.engine.SqlDialect;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The SQL fragments the profiler composes, in one place. Everything an engine spells its own way
 * comes from the session's {@link SqlDialect} (its profiling and general expression primitives);
 * what is left here is SQL that every supported engine reads alike (arithmetic, casts to standard
 * types, window sums, {@code GROUPING SETS}). Every method returns a fragment built only from
 * quoted identifiers, aliases of our own, numeric literals we generate and {@code ?} placeholders;
 * no user value is ever pasted.
 */
final class ProfileSql {
  /** The quantile fractions of {@link ColumnProfile#QUANTILE_KEYS}. */
  static final double[] QUANTILE_FRACTIONS = {0.05, 0.25, 0.5, 0.75, 0.95};

  /** {@link #QUANTILE_FRACTIONS} as a list. */
  static final List<Double> QUANTILES = List.of(0.05, 0.25, 0.5, 0.75, 0.95);

  private static final Pattern DECIMAL =
      Pattern.compile("(?i)(?:DECIMAL|NUMERIC)\\s*\\(\\s*\\d+\\s*,\\s*(\\d+)\\s*\\)");

  private final SqlDialect dialect;

  ProfileSql(SqlDialect dialect) {
    this.dialect = dialect;
  }

  /** The engine's spellings. */
  SqlDialect dialect() {
    return dialect;
  }

  /**
   * (x - m)^power, 2 to 4, as products of the deviation, with m bound {@code power} times: an
   * engine's {@code power()} costs several times a multiplication per row (on DuckDB, nine such
   * sums over 5M rows took 1.2-2.0 s of CPU with {@code power()} and 0.24-0.37 s as products).
   */
  String centralPower(String expression, int power) {
    String d = "(" + expression + " - " + dialect.toDouble("?") + ")";
    return switch (power) {
      case 2 -> d + " * " + d;
      case 3 -> d + " * " + d + " * " + d;
      case 4 -> "(" + d + " * " + d + ") * (" + d + " * " + d + ")";
      default -> throw new IllegalArgumentException("central powers are 2 to 4, not " + power);
    };
  }

  /** The sum of (x - m)^power, binding m {@code power} times ({@link #centralPower}). */
  String centralPowerSum(String expression, int power) {
    return "sum(" + centralPower(expression, power) + ")";
  }

  /**
   * The equal-width bin index of a value, 0 to {@code bins - 1}. Binds two parameters: the lower
   * edge and the number of bins per unit.
   */
  String bin(String expression, int bins) {
    return "least(CAST(floor(("
        + dialect.toDouble(expression)
        + " - "
        + dialect.toDouble("?")
        + ") * "
        + dialect.toDouble("?")
        + ") AS INTEGER), "
        + (bins - 1)
        + ")";
  }

  /**
   * An upper bound of a numeric column's distinct values from its type and range: {@code max - min
   * + 1} for integers, that many steps of the scale for decimals, infinity for anything else.
   *
   * @param type the column's type as the catalog names it
   * @param min the smallest value, or null
   * @param max the largest value, or null
   */
  static double distinctBound(String type, Double min, Double max) {
    if (min == null || max == null) {
      return Double.POSITIVE_INFINITY;
    }
    if (ConsecutiveIntegers.isSignedInteger(type)) {
      return max - min + 1;
    }
    Matcher decimal = DECIMAL.matcher(type);
    if (decimal.matches()) {
      return (max - min) * Math.pow(10, Integer.parseInt(decimal.group(1))) + 1;
    }
    return Double.POSITIVE_INFINITY;
  }

  /** The first day of a value's calendar period, as ISO text. */
  String periodStart(String expression, String period) {
    if (!ProfileOptions.PERIODS.contains(period)) {
      throw new IllegalArgumentException("period " + period);
    }
    return dialect.periodStart(expression, period);
  }

  /** Seconds between the earliest and the latest value. */
  String rangeSeconds(String expression) {
    return dialect.epochSeconds("max(" + expression + ")")
        + " - "
        + dialect.epochSeconds("min(" + expression + ")");
  }

  /** The number of characters (code points) of a string. */
  String length(String expression) {
    return "length(" + expression + ")";
  }

  String groupingSets(List<List<String>> sets) {
    return "GROUPING SETS ("
        + sets.stream().map(s -> "(" + String.join(", ", s) + ")").collect(Collectors.joining(", "))
        + ")";
  }

  /**
   * The {@code limit} groups of a grouped relation with columns {@code v} and {@code n} with the
   * highest count, as a list of {v, n} structs, ties by ascending value. A top-N subquery: it keeps
   * only {@code limit} groups while it scans, several times cheaper than a {@code max_by} with a
   * struct key over many groups.
   */
  String mostFrequentOf(String relation, int limit) {
    return dialect.firstRowsAsList(relation, List.of("v", "n"), "n DESC, v", limit);
  }

  /**
   * The {@code limit} smallest groups of a grouped relation with columns {@code v} and {@code n} by
   * value, ascending, or the largest, descending, as a list of {v, n} structs; valid in an
   * aggregate over the relation.
   */
  String extremesOf(String relation, int limit, boolean largest) {
    return dialect.extremeRowsAsList(relation, List.of("v", "n"), "v", largest, limit);
  }

  /**
   * An aggregate over a relation of groups with a value, a count and a running total of the counts
   * in value order: the groups whose range of 0-based positions {@code [cum - n, cum)} covers one
   * of the given positions, as a list of {c, n, v} structs ({@link Quantiles#covering} reads them).
   *
   * @param positions the positions
   * @param count the column of the group's count
   * @param cum the column of the running total
   * @param value the column of the group's value
   */
  String coveringGroups(List<Long> positions, String count, String cum, String value) {
    return dialect.filtered(
        dialect.structList(List.of("c", "n", "v"), List.of(cum, count, value)),
        covers(count, cum, positions));
  }

  /** Whether a group's positions {@code [cum - n, cum)} cover one of the given positions. */
  String covers(String count, String cum, List<Long> positions) {
    return positions.stream()
        .distinct()
        .map(p -> "(" + cum + " > " + p + " AND " + cum + " - " + count + " <= " + p + ")")
        .collect(Collectors.joining(" OR "));
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

  /** {@link #runningTotal} within each partition of the rows. */
  String partitionedRunningTotal(String count, String partitionBy, String orderBy) {
    return "CAST(sum("
        + count
        + ") OVER (PARTITION BY "
        + partitionBy
        + " ORDER BY "
        + orderBy
        + " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS BIGINT)";
  }
}
