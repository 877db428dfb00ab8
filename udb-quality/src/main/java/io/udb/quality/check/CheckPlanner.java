package io.udb.quality.check;

import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import io.udb.api.engine.TypeFamily;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Compiles checks against one table: each check registers the aggregates it needs with the fused
 * {@link AggregateScan} (shared between checks), or a query with {@link SeparateQueries} where one
 * scan cannot do (grouping, anti-joins), and gets back a {@link PlannedCheck} that evaluates it
 * from those measures. Identifiers are quoted through the dialect; every user value is bound.
 */
final class CheckPlanner {
  private final SqlDialect dialect;
  private final TableSchema schema;
  private final String tableSql;
  private final AggregateScan scan;
  private final SeparateQueries queries;
  private final Function<String, Optional<TableInfo>> otherTables;
  private final Function<String, Optional<String>> regexProblem;
  private final Instant now;
  private final Measure<Object> rows;
  private final Map<Check.Satisfies, Measure<Long>> predicates = new LinkedHashMap<>();

  /**
   * Creates a planner.
   *
   * @param dialect the engine's dialect
   * @param schema the checked table
   * @param scan the fused scan to add aggregates to
   * @param queries the separate queries to add to
   * @param otherTables looks up another table of the tenant by name (for references)
   * @param regexProblem tells why the engine refuses a regular expression, or empty when it takes
   *     it
   * @param now the time freshness is measured against
   */
  CheckPlanner(
      SqlDialect dialect,
      TableSchema schema,
      AggregateScan scan,
      SeparateQueries queries,
      Function<String, Optional<TableInfo>> otherTables,
      Function<String, Optional<String>> regexProblem,
      Instant now) {
    this.dialect = dialect;
    this.schema = schema;
    this.tableSql = dialect.table(TableRef.of(schema.name()));
    this.scan = scan;
    this.queries = queries;
    this.otherTables = otherTables;
    this.regexProblem = regexProblem;
    this.now = now;
    this.rows = scan.add("count(*)", List.of());
  }

  /** The table's row count, measured by the fused scan. */
  Measure<Object> rowCount() {
    return rows;
  }

  /** The custom predicates planned so far, with the measure their violation count goes to. */
  Map<Check.Satisfies, Measure<Long>> predicates() {
    return Collections.unmodifiableMap(predicates);
  }

  /**
   * Compiles one check.
   *
   * @param check the check
   * @return the planned check, or an error plan when it cannot run on this table
   */
  PlannedCheck plan(Check check) {
    try {
      if (check instanceof Check.Completeness c) {
        return completeness(c);
      } else if (check instanceof Check.Uniqueness c) {
        return uniqueness(c, c.columns(), c.bound());
      } else if (check instanceof Check.PrimaryKey c) {
        return primaryKey(c);
      } else if (check instanceof Check.Distinctness c) {
        return distinctness(c);
      } else if (check instanceof Check.AllowedValues c) {
        return allowedValues(c);
      } else if (check instanceof Check.Statistic c) {
        return statistic(c);
      } else if (check instanceof Check.NonNegative c) {
        return nonNegative(c);
      } else if (check instanceof Check.Pattern c) {
        return pattern(c);
      } else if (check instanceof Check.HasDataType c) {
        return dataType(c);
      } else if (check instanceof Check.RowCount c) {
        return PlannedCheck.of(
            c,
            () -> {
              long n = count(rows);
              return judge(c.bound(), (double) n, n + " rows", null);
            });
      } else if (check instanceof Check.Satisfies c) {
        return satisfies(c);
      } else if (check instanceof Check.Freshness c) {
        return freshness(c);
      } else if (check instanceof Check.ReferentialIntegrity c) {
        return references(c);
      } else if (check instanceof Check.RequiredColumns c) {
        return requiredColumns(c);
      } else if (check instanceof Check.ForbiddenColumns c) {
        return forbiddenColumns(c);
      } else if (check instanceof Check.ColumnType c) {
        return columnType(c);
      }
      throw new IllegalStateException("unplanned check type " + check.type());
    } catch (NotPlannable e) {
      return PlannedCheck.error(check, e.getMessage());
    }
  }

  private PlannedCheck completeness(Check.Completeness c) {
    ColumnInfo column = column(c.column());
    String q = q(column);
    Measure<Object> nonNull = scan.add("count(" + q + ")", List.of());
    return PlannedCheck.rowLevel(
        c,
        () -> {
          long n = count(rows);
          long present = count(nonNull);
          Double metric = ratio(present, n);
          String measured =
              n == 0
                  ? "the table is empty"
                  : column.name()
                      + " is "
                      + percent(metric)
                      + " complete: "
                      + (n - present)
                      + " of "
                      + n
                      + " rows are null";
          return judge(c.bound(), metric, measured, n - present);
        },
        RowFilter.of(q + " IS NULL", List.of()));
  }

  private PlannedCheck uniqueness(Check check, List<String> names, Bound bound) {
    List<ColumnInfo> columns = columns(names);
    Measure<List<Object>> groups = groups(columns);
    String shown = display(columns);
    return PlannedCheck.rowLevel(
        check,
        () -> {
          long n = count(rows);
          long singletons = count(groups.get().get(1));
          Double metric = ratio(singletons, n);
          String measured =
              n == 0
                  ? "the table is empty"
                  : shown
                      + ": "
                      + singletons
                      + " of "
                      + n
                      + " rows have a value that occurs once (uniqueness "
                      + number(metric)
                      + "); "
                      + count(groups.get().get(0))
                      + " distinct non-null values";
          return judge(bound, metric, measured, n - singletons);
        },
        duplicateRows(columns));
  }

  private PlannedCheck primaryKey(Check.PrimaryKey c) {
    List<ColumnInfo> columns = columns(c.columns());
    Measure<List<Object>> groups = groups(columns);
    String anyNull =
        columns.stream().map(k -> q(k) + " IS NULL").collect(Collectors.joining(" OR "));
    Measure<Object> nullKeys = scan.add(dialect.countIf(anyNull), List.of());
    String shown = display(columns);
    return PlannedCheck.rowLevel(
        c,
        () -> {
          long n = count(rows);
          long singletons = count(groups.get().get(1));
          long nulls = count(nullKeys);
          long duplicated = n - nulls - singletons;
          Double metric = ratio(singletons, n);
          String measured =
              n == 0
                  ? "the table is empty"
                  : "key ("
                      + shown
                      + "): "
                      + nulls
                      + " of "
                      + n
                      + " rows have a null key column and "
                      + duplicated
                      + " share their key with another row";
          return judge(Bound.eq(1), metric, measured, n - singletons);
        },
        duplicateRows(columns));
  }

  private PlannedCheck distinctness(Check.Distinctness c) {
    List<ColumnInfo> columns = columns(c.columns());
    String shown = display(columns);
    Supplier<Long> distinct;
    if (columns.size() == 1) {
      Measure<Object> values = scan.add("count(DISTINCT " + q(columns.get(0)) + ")", List.of());
      distinct = () -> count(values);
    } else {
      Measure<List<Object>> groups = groups(columns);
      distinct = () -> count(groups.get().get(0));
    }
    return PlannedCheck.of(
        c,
        () -> {
          long n = count(rows);
          long d = distinct.get();
          Double metric = ratio(d, n);
          String measured =
              n == 0
                  ? "the table is empty"
                  : shown
                      + " has "
                      + d
                      + " distinct values in "
                      + n
                      + " rows (distinctness "
                      + number(metric)
                      + ")";
          return judge(c.bound(), metric, measured, null);
        });
  }

  private PlannedCheck allowedValues(Check.AllowedValues c) {
    ColumnInfo column = column(c.column());
    String q = q(column);
    List<Object> values = new ArrayList<>();
    boolean text = family(column) == TypeFamily.STRING;
    for (Object value : c.values()) {
      if (!text && family(column).numeric() && !(value instanceof Number)) {
        throw new NotPlannable(
            "Column '"
                + column.name()
                + "' is numeric; the allowed value '"
                + value
                + "' is not a number");
      }
      values.add(text ? String.valueOf(value) : value);
    }
    String list = String.join(", ", Collections.nCopies(values.size(), "?"));
    Measure<Object> nonNull = scan.add("count(" + q + ")", List.of());
    Measure<Object> allowed = scan.add(dialect.countIf(q + " IN (" + list + ")"), values);
    return PlannedCheck.rowLevel(
        c,
        () -> {
          long present = count(nonNull);
          long bad = present - count(allowed);
          Double metric = present == 0 ? 1.0 : (double) (present - bad) / present;
          String measured =
              column.name() + ": " + bad + " of " + present + " non-null values are not allowed";
          return judge(c.bound(), metric, measured, bad);
        },
        RowFilter.of(q + " IS NOT NULL AND " + q + " NOT IN (" + list + ")", values));
  }

  private PlannedCheck statistic(Check.Statistic c) {
    ColumnInfo column = numericColumn(c.column(), c.type());
    String q = q(column);
    String aggregate =
        switch (c.type()) {
          case MIN -> "min(" + q + ")";
          case MAX -> "max(" + q + ")";
          case MEAN -> "avg(" + q + ")";
          case SUM -> "sum(" + q + ")";
          case STD -> dialect.stddevSample(q);
          default -> throw new IllegalStateException("not a statistic: " + c.type());
        };
    Measure<Object> value = scan.add(dialect.toDouble(aggregate), List.of());
    Measure<Object> nonNull = scan.add("count(" + q + ")", List.of());
    String what = statisticName(c.type()) + " of " + column.name();
    return PlannedCheck.of(
        c,
        () -> {
          Double metric = real(value.get());
          String measured =
              metric == null
                  ? what + " has no value (" + count(nonNull) + " non-null values)"
                  : what + " is " + number(metric) + " over " + count(nonNull) + " values";
          return judge(c.bound(), metric, measured, null);
        });
  }

  private PlannedCheck nonNegative(Check.NonNegative c) {
    ColumnInfo column = numericColumn(c.column(), c.type());
    String q = q(column);
    Measure<Object> nonNull = scan.add("count(" + q + ")", List.of());
    Measure<Object> negative = scan.add(dialect.countIf(q + " < 0"), List.of());
    return PlannedCheck.rowLevel(
        c,
        () -> {
          long present = count(nonNull);
          long bad = count(negative);
          Double metric = present == 0 ? 1.0 : (double) (present - bad) / present;
          String measured =
              column.name() + ": " + bad + " of " + present + " non-null values are negative";
          return judge(Bound.eq(1), metric, measured, bad);
        },
        RowFilter.of(q + " < 0", List.of()));
  }

  private PlannedCheck pattern(Check.Pattern c) {
    ColumnInfo column = column(c.column());
    Optional<String> problem = regexProblem.apply(c.regex());
    if (problem.isPresent()) {
      throw new NotPlannable("The regular expression is not valid: " + problem.get());
    }
    String q = q(column);
    String text = family(column) == TypeFamily.STRING ? q : dialect.toText(q);
    String match = dialect.regexFullMatch(text, "?");
    Measure<Object> nonNull = scan.add("count(" + q + ")", List.of());
    Measure<Object> matched = scan.add(dialect.countIf(match), List.of(c.regex()));
    String failing =
        switch (c.type()) {
          case EMAIL -> "are not email addresses";
          case URL -> "are not URLs";
          case CREDIT_CARD -> "are not card numbers";
          default -> "do not match the pattern";
        };
    return PlannedCheck.rowLevel(
        c,
        () -> {
          long present = count(nonNull);
          long bad = present - count(matched);
          Double metric = present == 0 ? 1.0 : (double) (present - bad) / present;
          String measured =
              column.name() + ": " + bad + " of " + present + " non-null values " + failing;
          return judge(c.bound(), metric, measured, bad);
        },
        RowFilter.of(q + " IS NOT NULL AND NOT " + match, List.of(c.regex())));
  }

  private PlannedCheck dataType(Check.HasDataType c) {
    ColumnInfo column = column(c.column());
    String q = q(column);
    String conforms = TypeConformance.condition(dialect, q, family(column), c.dataType());
    Measure<Object> nonNull = scan.add("count(" + q + ")", List.of());
    Measure<Object> good =
        scan.add(dialect.countIf(q + " IS NOT NULL AND (" + conforms + ")"), List.of());
    return PlannedCheck.rowLevel(
        c,
        () -> {
          long present = count(nonNull);
          long bad = present - count(good);
          Double metric = present == 0 ? 1.0 : (double) (present - bad) / present;
          String measured =
              column.name()
                  + " ("
                  + column.type()
                  + "): "
                  + bad
                  + " of "
                  + present
                  + " non-null values are not "
                  + c.dataType().jsonName();
          return judge(c.bound(), metric, measured, bad);
        },
        RowFilter.of(q + " IS NOT NULL AND NOT (" + conforms + ")", List.of()));
  }

  private PlannedCheck satisfies(Check.Satisfies c) {
    Measure<Long> violations = predicates.computeIfAbsent(c, k -> new Measure<>());
    return new PlannedCheck(
        c,
        () -> {
          long n = count(rows);
          long bad = violations.get();
          Double metric = n == 0 ? null : (double) (n - bad) / n;
          String measured =
              n == 0
                  ? "the table is empty"
                  : "predicate '" + c.name() + "': " + bad + " of " + n + " rows violate it";
          return judge(c.bound(), metric, measured, bad);
        },
        new RowFilter("NOT (" + c.predicate() + ")", List.of(), true),
        null);
  }

  private PlannedCheck freshness(Check.Freshness c) {
    ColumnInfo column = column(c.column());
    if (family(column) != TypeFamily.DATE && family(column) != TypeFamily.TIMESTAMP) {
      throw new NotPlannable(
          "Column '"
              + column.name()
              + "' has type "
              + column.type()
              + "; freshness needs a DATE or TIMESTAMP column");
    }
    Measure<Object> newest = scan.add(dialect.epochSeconds("max(" + q(column) + ")"), List.of());
    double nowSeconds = now.getEpochSecond() + now.getNano() / 1e9;
    double limit = c.maxAge().toNanos() / 1e9;
    return PlannedCheck.of(
        c,
        () -> {
          Double latest = real(newest.get());
          if (latest == null) {
            return new Outcome(
                null,
                false,
                column.name() + " has no values; expected some within " + c.maxAge(),
                null);
          }
          double age = nowSeconds - latest;
          Instant at = Instant.ofEpochMilli(Math.round(latest * 1000));
          String measured =
              "newest "
                  + column.name()
                  + " is "
                  + at
                  + ", "
                  + Bound.format(Math.round(age * 1000) / 1000.0)
                  + " s old";
          boolean ok = age <= limit;
          return new Outcome(
              age, ok, ok ? measured : measured + "; expected at most " + c.maxAge(), null);
        });
  }

  private PlannedCheck references(Check.ReferentialIntegrity c) {
    ColumnInfo column = column(c.column());
    TableInfo other =
        otherTables
            .apply(c.referencedTable())
            .orElseThrow(
                () -> new NotPlannable("Table '" + c.referencedTable() + "' does not exist"));
    ColumnInfo key =
        new TableSchema(other)
            .find(c.referencedColumn())
            .orElseThrow(
                () ->
                    new NotPlannable(
                        "Column '"
                            + c.referencedColumn()
                            + "' does not exist in table '"
                            + other.name()
                            + "'"));
    String q = q(column);
    String k = q(key);
    String condition =
        q
            + " IS NOT NULL AND "
            + q
            + " NOT IN (SELECT "
            + k
            + " FROM "
            + dialect.table(TableRef.of(other.name()))
            + " WHERE "
            + k
            + " IS NOT NULL)";
    Measure<Object> nonNull = scan.add("count(" + q + ")", List.of());
    Measure<List<Object>> missing =
        queries.add("SELECT count(*) FROM " + tableSql + " WHERE " + condition, List.of());
    return PlannedCheck.rowLevel(
        c,
        () -> {
          long present = count(nonNull);
          long bad = count(missing.get().get(0));
          Double metric = present == 0 ? 1.0 : (double) (present - bad) / present;
          String measured =
              column.name()
                  + ": "
                  + bad
                  + " of "
                  + present
                  + " non-null values are not found in "
                  + other.name()
                  + "."
                  + key.name();
          return judge(c.bound(), metric, measured, bad);
        },
        RowFilter.of(condition, List.of()));
  }

  private PlannedCheck requiredColumns(Check.RequiredColumns c) {
    List<String> missing =
        c.columns().stream().filter(name -> schema.find(name).isEmpty()).toList();
    return PlannedCheck.of(
        c,
        () -> {
          String measured =
              missing.isEmpty()
                  ? "all " + c.columns().size() + " required columns are present"
                  : "missing columns: " + String.join(", ", missing);
          return new Outcome((double) missing.size(), missing.isEmpty(), measured, null);
        });
  }

  private PlannedCheck forbiddenColumns(Check.ForbiddenColumns c) {
    List<String> present =
        c.columns().stream()
            .map(schema::find)
            .flatMap(Optional::stream)
            .map(ColumnInfo::name)
            .distinct()
            .toList();
    return PlannedCheck.of(
        c,
        () -> {
          String measured =
              present.isEmpty()
                  ? "none of the " + c.columns().size() + " forbidden columns is present"
                  : "forbidden columns present: " + String.join(", ", present);
          return new Outcome((double) present.size(), present.isEmpty(), measured, null);
        });
  }

  private PlannedCheck columnType(Check.ColumnType c) {
    ColumnInfo column = column(c.column());
    boolean same =
        dialect.canonicalType(column.type()).equals(dialect.canonicalType(c.engineType()));
    return PlannedCheck.of(
        c,
        () -> {
          String measured = column.name() + " has type " + column.type();
          return new Outcome(
              same ? 1.0 : 0.0,
              same,
              same ? measured : measured + "; expected " + c.engineType(),
              null);
        });
  }

  /** One query per column set: distinct non-null combinations and how many occur once. */
  private Measure<List<Object>> groups(List<ColumnInfo> columns) {
    String keys = columns.stream().map(this::q).collect(Collectors.joining(", "));
    String notNull =
        columns.stream().map(k -> q(k) + " IS NOT NULL").collect(Collectors.joining(" AND "));
    return queries.add(
        "SELECT count(*), "
            + dialect.countIf("udb_n = 1")
            + " FROM (SELECT count(*) AS udb_n FROM "
            + tableSql
            + " WHERE "
            + notNull
            + " GROUP BY "
            + keys
            + ") AS udb_groups",
        List.of());
  }

  /** Rows with a null in a key column or a key that occurs more than once. */
  private RowFilter duplicateRows(List<ColumnInfo> columns) {
    String keys = columns.stream().map(this::q).collect(Collectors.joining(", "));
    String anyNull =
        columns.stream().map(k -> q(k) + " IS NULL").collect(Collectors.joining(" OR "));
    String tuple = columns.size() == 1 ? keys : "(" + keys + ")";
    return RowFilter.of(
        anyNull
            + " OR "
            + tuple
            + " IN (SELECT "
            + keys
            + " FROM "
            + tableSql
            + " GROUP BY "
            + keys
            + " HAVING count(*) > 1)",
        List.of());
  }

  private ColumnInfo column(String name) {
    return schema
        .find(name)
        .orElseThrow(
            () ->
                new NotPlannable(
                    "Column '" + name + "' does not exist in table '" + schema.name() + "'"));
  }

  private List<ColumnInfo> columns(List<String> names) {
    List<ColumnInfo> out = new ArrayList<>();
    for (String name : names) {
      out.add(column(name));
    }
    return out;
  }

  private ColumnInfo numericColumn(String name, CheckType type) {
    ColumnInfo column = column(name);
    if (!family(column).numeric()) {
      throw new NotPlannable(
          "Column '"
              + column.name()
              + "' has type "
              + column.type()
              + "; "
              + type.jsonName()
              + " needs a numeric column");
    }
    return column;
  }

  private TypeFamily family(ColumnInfo column) {
    return dialect.typeFamily(column.type());
  }

  private String q(ColumnInfo column) {
    return dialect.quoteIdentifier(column.name());
  }

  private static String display(List<ColumnInfo> columns) {
    return columns.stream().map(ColumnInfo::name).collect(Collectors.joining(", "));
  }

  private static String statisticName(CheckType type) {
    return switch (type) {
      case MIN -> "minimum";
      case MAX -> "maximum";
      case MEAN -> "mean";
      case SUM -> "sum";
      default -> "standard deviation";
    };
  }

  private static Outcome judge(Bound bound, Double metric, String measured, Long failing) {
    if (metric == null) {
      return new Outcome(null, false, measured + "; no value to compare with " + bound, failing);
    }
    boolean ok = bound.test(metric);
    return new Outcome(metric, ok, ok ? measured : measured + "; expected " + bound, failing);
  }

  private static long count(Measure<Object> measure) {
    return count(measure.get());
  }

  private static long count(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }

  private static Double real(Object value) {
    if (value == null) {
      return null;
    }
    double d = ((Number) value).doubleValue();
    return Double.isNaN(d) ? null : d;
  }

  private static Double ratio(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }

  private static String number(Double value) {
    if (value == null) {
      return "n/a";
    }
    if (Math.abs(value) >= 1e12) {
      return Bound.format(value);
    }
    double rounded = Math.round(value * 10_000) / 10_000.0;
    return rounded == 0 && value != 0
        ? String.format(Locale.ROOT, "%.4g", value)
        : Bound.format(rounded);
  }

  private static String percent(Double ratio) {
    return ratio == null ? "n/a" : String.format(Locale.ROOT, "%.2f%%", ratio * 100);
  }

  /** A check cannot run on this table; the message says why. */
  private static final class NotPlannable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotPlannable(String message) {
      super(message);
    }
  }
}
