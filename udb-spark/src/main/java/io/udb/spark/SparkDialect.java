package io.udb.spark;

import io.udb.api.ErrorCode;
import io.udb.api.SqlRejectedException;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.api.engine.TypeFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
    // percentile is Spark's exact quantile with linear interpolation, as DuckDB's quantile_cont
    return "percentile(" + expression + ", " + SqlDialect.checkedFraction(fraction) + ")";
  }

  @Override
  public String dateTrunc(String grain, String expression) {
    String g = SqlDialect.checkedGrain(grain);
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
  public String distinctIntegersBetween(String expression, long min, long max) {
    // Spark has no bitmap aggregate; a distinct count is one shuffle of the column
    return "count(DISTINCT CASE WHEN "
        + expression
        + " BETWEEN "
        + min
        + " AND "
        + max
        + " THEN "
        + expression
        + " END)";
  }

  @Override
  public String distinctEstimate(String table, String column) {
    // Spark keeps no per-column distinct estimate without ANALYZE TABLE; one HyperLogLog scan
    return "SELECT " + approximateDistinct(column) + " FROM " + table;
  }

  @Override
  public String distinctEstimates(String table, List<String> columns) {
    // without ANALYZE TABLE an estimate is a scan; drift then reads its columns one at a time
    return null;
  }

  @Override
  public String storedBounds(String table, List<String> columns) {
    // without ANALYZE TABLE bounds are a scan; approximate drift then probes each side itself
    return null;
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

  /** Spark sums a {@code BIGINT} into a {@code BIGINT}, which wraps around: a 38-digit decimal. */
  @Override
  public String exactIntegerSum(String bigintExpression) {
    return "sum(CAST(" + bigintExpression + " AS DECIMAL(38, 0)))";
  }

  /**
   * Pearson's r as covariance over the product of standard deviations, each over the pairwise
   * complete rows: Spark's {@code corr} divides by zero under ANSI mode when a side is constant,
   * where this gives {@code NULL}.
   */
  @Override
  public String correlation(String x, String y) {
    String xOfPairs = "CASE WHEN " + y + " IS NOT NULL THEN " + toDouble(x) + " END";
    String yOfPairs = "CASE WHEN " + x + " IS NOT NULL THEN " + toDouble(y) + " END";
    return "try_divide(covar_pop("
        + toDouble(x)
        + ", "
        + toDouble(y)
        + "), stddev_pop("
        + xOfPairs
        + ") * stddev_pop("
        + yOfPairs
        + "))";
  }

  @Override
  public String structList(List<String> names, List<String> expressions) {
    return "collect_list(" + namedStruct(names, expressions) + ")";
  }

  /**
   * The top rows by {@code ORDER BY ... LIMIT}, numbered by {@code row_number()} in the same order
   * and sorted by that number after collecting, because {@code collect_list} keeps no order.
   */
  @Override
  public String firstRowsAsList(String relation, List<String> columns, String orderBy, int limit) {
    String fields = String.join(", ", columns);
    StringBuilder unwrap = new StringBuilder();
    for (String column : columns) {
      unwrap.append(unwrap.length() == 0 ? "" : ", ").append("'").append(column).append("', s.");
      unwrap.append(column);
    }
    List<String> ranked = new java.util.ArrayList<>();
    ranked.add("udb_rank");
    ranked.addAll(columns);
    return "(SELECT transform(sort_array(collect_list("
        + namedStruct(ranked, ranked)
        + ")), s -> named_struct("
        + unwrap
        + ")) FROM (SELECT "
        + fields
        + ", row_number() OVER (ORDER BY "
        + orderBy
        + ") AS udb_rank FROM (SELECT "
        + fields
        + " FROM "
        + relation
        + " ORDER BY "
        + orderBy
        + " LIMIT "
        + limit
        + ") AS udb_top) AS udb_ranked)";
  }

  /**
   * {@code min_by}/{@code max_by} with a count, bounded aggregates sorted by the key, instead of a
   * scalar subquery: each subquery is a Spark job of its own.
   */
  @Override
  public String extremeRowsAsList(
      String relation, List<String> columns, String key, boolean largest, int limit) {
    return rowsWithExtremeKeys(columns, columns, List.of(key), largest, limit);
  }

  /**
   * {@code min_by}/{@code max_by} with a count (Spark 4.2), sorted by the key, ascending for {@code
   * min_by} and descending for {@code max_by}; several keys compare as one struct, field by field.
   */
  @Override
  public String rowsWithExtremeKeys(
      List<String> names, List<String> expressions, List<String> keys, boolean largest, int limit) {
    String key;
    if (keys.size() == 1) {
      key = keys.get(0);
    } else {
      List<String> fields = new java.util.ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        fields.add("k" + i);
      }
      key = namedStruct(fields, keys);
    }
    return (largest ? "max_by(" : "min_by(")
        + namedStruct(names, expressions)
        + ", "
        + key
        + ", "
        + limit
        + ")";
  }

  /**
   * Spark runs each scalar subquery as a job and inlines common table expressions at every
   * reference, so the profile groups all columns in one {@code GROUPING SETS} aggregation.
   */
  @Override
  public boolean groupsColumnsTogether() {
    return true;
  }

  /** Spark has no {@code histogram}: a scalar subquery groups the relation and builds the map. */
  @Override
  public String valueCounts(String relation, String expression, String condition) {
    // the expression appears once, so that its placeholders bind once
    return "(SELECT map_from_entries(collect_list(struct(udb_k, udb_n))) FROM (SELECT udb_k,"
        + " count(*) AS udb_n FROM (SELECT "
        + expression
        + " AS udb_k FROM "
        + relation
        + (condition == null ? "" : " WHERE " + condition)
        + ") AS udb_values WHERE udb_k IS NOT NULL GROUP BY udb_k) AS udb_counts)";
  }

  /**
   * One {@code percentile_disc} per rank at the fraction (2k + 1) / 2n, which falls strictly inside
   * the k-th value's share of the distribution; in double precision that holds for any count far
   * beyond what one profile reads (below about 2^50 values).
   */
  @Override
  public String valuesAtRanks(String expression, long count, List<Long> ranks) {
    StringBuilder values = new StringBuilder();
    for (long rank : ranks) {
      if (rank < 0 || rank >= count) {
        throw new IllegalArgumentException("rank " + rank + " of " + count + " values");
      }
      values
          .append(values.length() == 0 ? "" : ", ")
          .append("percentile_disc(")
          .append(Double.toString((2.0 * rank + 1) / (2.0 * count)))
          .append(") WITHIN GROUP (ORDER BY ")
          .append(expression)
          .append(")");
    }
    return "array(" + values + ")";
  }

  /** Spark's Greenwald-Khanna sketch, at ten thousand points of accuracy. */
  @Override
  public String approximateQuantile(String expression, double fraction) {
    return "percentile_approx(" + expression + ", " + fraction + ", 10000)";
  }

  @Override
  public String approximateQuantiles(String expression, List<Double> fractions) {
    StringBuilder list = new StringBuilder();
    for (double fraction : fractions) {
      list.append(list.length() == 0 ? "" : ", ").append(fraction);
    }
    return "percentile_approx(" + expression + ", array(" + list + "), 10000)";
  }

  @Override
  public String smallestValues(String expression, int limit) {
    return "min_by(" + expression + ", " + expression + ", " + limit + ")";
  }

  @Override
  public String largestValues(String expression, int limit) {
    return "max_by(" + expression + ", " + expression + ", " + limit + ")";
  }

  /**
   * The rows in a pseudo-random order seeded with a constant, cut to the sample size; Spark's seed
   * is per partition, so the same files in the same partitions give the same rows.
   */
  @Override
  public String sample(String select, int rows) {
    return "SELECT * FROM (" + select + ") AS udb_sample ORDER BY rand(42) LIMIT " + rows;
  }

  /** A plain common table expression: Spark decides itself whether to reuse its result. */
  @Override
  public String materialized(String name, String query) {
    return name + " AS (" + query + ")";
  }

  @Override
  public boolean materializesCommonTableExpressions() {
    return false;
  }

  @Override
  public String byteLength(String expression) {
    return "octet_length(" + expression + ")";
  }

  /** Java's regular expressions, which read these classes as RE2 does, in a raw literal. */
  @Override
  public String characterCount(String expression, String characterClass) {
    return "length(regexp_replace(" + expression + ", r'[^" + characterClass + "]+', ''))";
  }

  private static String namedStruct(List<String> names, List<String> expressions) {
    if (names.size() != expressions.size()) {
      throw new IllegalArgumentException(
          names.size() + " names, " + expressions.size() + " values");
    }
    StringBuilder fields = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      fields.append(i == 0 ? "" : ", ").append("'").append(names.get(i)).append("', ");
      fields.append(expressions.get(i));
    }
    return "named_struct(" + fields + ")";
  }

  // ---- checks ----

  /**
   * Families of Spark's type names as {@link SparkTypes} reports them ({@code INT}, {@code
   * DECIMAL(10,2)}, {@code STRING COLLATE UTF8_LCASE}, {@code TIMESTAMP_NTZ}, {@code ARRAY<INT>},
   * {@code INTERVAL DAY TO SECOND}, ...), and of their aliases.
   */
  @Override
  public TypeFamily typeFamily(String engineType) {
    String canonical = canonicalType(engineType);
    if (canonical.startsWith("ARRAY<")
        || canonical.startsWith("MAP<")
        || canonical.startsWith("STRUCT<")) {
      return TypeFamily.NESTED;
    }
    if (canonical.startsWith("INTERVAL")) {
      return TypeFamily.INTERVAL;
    }
    if (canonical.startsWith("STRING")
        || canonical.startsWith("VARCHAR(")
        || canonical.startsWith("CHAR(")) {
      return TypeFamily.STRING;
    }
    int paren = canonical.indexOf('(');
    String base = paren < 0 ? canonical : canonical.substring(0, paren).trim();
    return switch (base) {
      case "TINYINT", "SMALLINT", "INT", "BIGINT" -> TypeFamily.INTEGER;
      case "FLOAT", "DOUBLE" -> TypeFamily.FLOATING;
      case "DECIMAL" -> TypeFamily.DECIMAL;
      case "BOOLEAN" -> TypeFamily.BOOLEAN;
      case "DATE" -> TypeFamily.DATE;
      case "TIMESTAMP", "TIMESTAMP_NTZ" -> TypeFamily.TIMESTAMP;
      case "TIME" -> TypeFamily.TIME;
      default -> TypeFamily.OTHER;
    };
  }

  /**
   * Spark's canonical type names: upper case, single spaces, parameters kept, and Spark's and
   * DuckDB's aliases resolved to Spark's names ({@code INTEGER} and {@code INT4} are {@code INT},
   * {@code LONG} and {@code INT8} are {@code BIGINT}, {@code VARCHAR} and {@code TEXT} without a
   * length are {@code STRING}, {@code TIMESTAMP_LTZ} is {@code TIMESTAMP}, ...), so that a check
   * naming a type the DuckDB way holds on Spark for the same column.
   */
  @Override
  public String canonicalType(String type) {
    String upper = type.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    int paren = upper.indexOf('(');
    int angle = upper.indexOf('<');
    int cut = paren < 0 ? angle : angle < 0 ? paren : Math.min(paren, angle);
    String base = cut < 0 ? upper : upper.substring(0, cut).trim();
    String params = cut < 0 ? "" : upper.substring(cut).replace(" ", "");
    String resolved =
        switch (base) {
          case "BYTE", "INT1" -> "TINYINT";
          case "SHORT", "INT2" -> "SMALLINT";
          case "INTEGER", "INT4", "SIGNED" -> "INT";
          case "LONG", "INT8" -> "BIGINT";
          case "REAL", "FLOAT4" -> "FLOAT";
          case "FLOAT8", "DOUBLE PRECISION" -> "DOUBLE";
          case "DEC", "NUMERIC" -> "DECIMAL";
          case "TEXT", "BPCHAR" -> "STRING";
          case "VARCHAR", "CHAR" -> params.isEmpty() ? "STRING" : base;
          case "BOOL", "LOGICAL" -> "BOOLEAN";
          case "TIMESTAMP_LTZ", "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE" -> "TIMESTAMP";
          case "DATETIME", "TIMESTAMP WITHOUT TIME ZONE" -> "TIMESTAMP_NTZ";
          default -> base;
        };
    return resolved + params;
  }

  @Override
  public String textType() {
    return "STRING";
  }

  /**
   * Java's regular expressions as RE2's full match: anchored at the very start and end of the text
   * ({@code \z}, so a trailing line feed is not skipped as {@code $} would) and with {@code (?d)},
   * so that {@code .} stops only at a line feed, as in RE2. The end anchor is built with {@code
   * chr(92)}, independent of how the session unescapes string literals.
   */
  @Override
  public String regexFullMatch(String text, String pattern) {
    return "regexp_like(" + text + ", concat('(?d)^(?:', " + pattern + ", ')', chr(92), 'z'))";
  }

  /**
   * DuckDB's {@code TRY_CAST} rules, spelled as Java regular expressions (Spark's own casts differ:
   * they take {@code 1d}, {@code ' t '} and {@code 2020} but not {@code 1_000}), with Spark's date
   * cast deciding only whether a matched calendar date exists. Covered: numbers with optional sign,
   * {@code _} between digits, fraction, exponent, {@code inf}, {@code infinity} and {@code nan},
   * blanks around; booleans {@code true}, {@code false}, {@code t}, {@code f}, {@code y}, {@code
   * n}, {@code yes}, {@code no}, {@code 1}, {@code 0} in any case; dates {@code y-m-d} with {@code
   * -}, {@code /} or a blank between the parts and an optional time {@code h:m[:s[.f]]} up to
   * {@code 24:00} with an optional {@code Z}, numeric offset or zone name, blanks around (none
   * after a timestamp without a time), {@code infinity}, {@code inf} and {@code epoch}. Not
   * covered, so false here where DuckDB says true: a few lenient spellings such as the number
   * {@code +-1}.
   */
  @Override
  public String textReadsAs(String text, TypeFamily family) {
    return switch (family) {
      case INTEGER ->
          "regexp_like(" + text + ", r'^[\\t\\n\\f\\r ]*[+-]?[0-9]+[\\t\\n\\f\\r ]*\\z')";
      case FLOATING ->
          "regexp_like("
              + text
              + ", r'(?i)^\\s*[+-]?(?:(?:[0-9]+(?:_[0-9]+)*(?:\\.(?:[0-9]+(?:_[0-9]+)*)?)?"
              + "|\\.[0-9]+(?:_[0-9]+)*)(?:e[+-]?[0-9]+(?:_[0-9]+)*)?|inf|infinity|nan)\\s*\\z')";
      case BOOLEAN -> "regexp_like(" + text + ", r'(?i)^(?:true|false|t|f|y|n|yes|no|1|0)\\z')";
      case DATE -> calendarDate(text, DATE_TEXT);
      case TIMESTAMP -> calendarDate(text, TIMESTAMP_TEXT);
      default -> throw new IllegalArgumentException("Text cannot be read as " + family);
    };
  }

  /** A date, its year, month and day captured (groups 1, 3 and 4), after optional blanks. */
  private static final String DATE_PART = "^\\s*([0-9]+)([-/ ])([0-9]{1,2})\\2([0-9]{1,2})";

  /**
   * A time of day after the date: {@code T} or blanks, {@code h:m[:s[.f]]} up to {@code 24:00},
   * then an optional {@code Z}, numeric offset or (after a blank) zone name.
   */
  private static final String TIME_PART =
      "(?:T|\\s)\\s*(?:(?:[01]?[0-9]|2[0-3]):[0-5]?[0-9](?::[0-5]?[0-9](?:\\.[0-9]*)?)?"
          + "|24:0?0(?::0?0(?:\\.0*)?)?)"
          + "(?:Z|\\s*[+-][0-9]{2}(?::?[0-9]{2}(?::?[0-9]{2})?)?|\\s+[A-Za-z][A-Za-z0-9_/+-]*)?";

  /** DuckDB's special dates: infinities and the epoch, with its odd rules for blanks. */
  private static final String SPECIAL_DATE = "(?i)^\\s*(?:-?infinity\\s*|-?inf|-?epoch\\s*)\\z";

  private static final String DATE_TEXT = DATE_PART + "(?:" + TIME_PART + ")?\\s*\\z";

  private static final String TIMESTAMP_TEXT = DATE_PART + "(?:" + TIME_PART + "\\s*)?\\z";

  private static String calendarDate(String text, String pattern) {
    String literal = "r'" + pattern + "'";
    // the calendar check: the captured year, month and day as an ISO date Spark can cast
    String iso =
        "concat(lpad(regexp_extract("
            + text
            + ", "
            + literal
            + ", 1), 4, '0'), '-', regexp_extract("
            + text
            + ", "
            + literal
            + ", 3), '-', regexp_extract("
            + text
            + ", "
            + literal
            + ", 4))";
    return "(regexp_like("
        + text
        + ", r'"
        + SPECIAL_DATE
        + "') OR (regexp_like("
        + text
        + ", "
        + literal
        + ") AND "
        + tryCastDate(iso)
        + " IS NOT NULL))";
  }

  private static String tryCastDate(String expression) {
    return "try_cast(" + expression + " AS DATE)";
  }

  /** Spark has no numeric {@code trunc}: a finite number is whole when dividing by 1 leaves 0. */
  @Override
  public String isWholeNumber(String expression) {
    return "(" + expression + " % 1 = 0)";
  }

  /**
   * Spark has no {@code histogram}: one scalar subquery per column collects {@code {key, value}}
   * structs from a {@code GROUP BY} of that column.
   */
  @Override
  public String valueCountsQuery(String table, List<String> columns) {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < columns.size(); i++) {
      String column = columns.get(i);
      sql.append(i == 0 ? "" : ", ")
          .append("(SELECT collect_list(named_struct('key', udb_v, 'value', udb_n)) FROM (SELECT ")
          .append(column)
          .append(" AS udb_v, count(*) AS udb_n FROM ")
          .append(table)
          .append(" WHERE ")
          .append(column)
          .append(" IS NOT NULL GROUP BY ")
          .append(column)
          .append(") AS udb_counts)");
    }
    return sql.toString();
  }

  /**
   * A table of the tenant's internal namespace: the tenant's namespace followed by {@code
   * __udb_meta}, which no tenant's namespace can equal (tenant ids are escaped with {@code _0} and
   * {@code _1}) and which is not among the tables the tenant sees.
   *
   * @throws IllegalStateException on the unbound dialect, which belongs to no tenant
   */
  @Override
  public String internalTable(String name) {
    return quoteIdentifier(internalNamespace()) + "." + quoteIdentifier(name);
  }

  private String internalNamespace() {
    if (namespace == null) {
      throw new IllegalStateException(
          "Internal tables belong to a tenant: use the dialect of the tenant's session");
    }
    return namespace + "__udb_meta";
  }

  @Override
  public String internalTablesQuery(List<String> names) {
    return "SHOW TABLES IN "
        + quoteIdentifier(internalNamespace())
        + " LIKE "
        + SparkEngine.literal(String.join("|", names));
  }

  /** Parquet tables without keys: Spark's built-in catalog has no primary keys. */
  @Override
  public List<String> createInternalTable(String name, String columns, List<String> primaryKey) {
    return List.of(
        "CREATE DATABASE IF NOT EXISTS " + quoteIdentifier(internalNamespace()),
        "CREATE TABLE IF NOT EXISTS " + internalTable(name) + " (" + columns + ") USING parquet");
  }

  /**
   * The row's file and position in it: the files of one {@code INSERT} are numbered in the order of
   * its rows, so rows written by one statement sort as inserted.
   */
  @Override
  public String insertionOrder() {
    return "struct(_metadata.file_name, _metadata.row_index)";
  }

  /** Spark's built-in catalog cannot replace a table in place: drop it, then create it anew. */
  @Override
  public List<String> replaceTableAs(String table, String query) {
    return List.of(
        "DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " USING parquet AS " + query);
  }

  /**
   * Spark's allow-list check of user expressions ({@link SparkExpressionCheck}, shared with KPI
   * measures and filters): the only gate, as the Spark engine has no guarded path and the count
   * runs on a trusted session.
   */
  @Override
  public void checkPredicate(SqlSession session, TableRef table, String predicate) {
    expressionProblem(session, table, predicate)
        .ifPresent(
            problem -> {
              boolean parse = problem.startsWith("is not valid SQL");
              throw new SqlRejectedException(
                  parse ? ErrorCode.SQL_PARSE_ERROR : ErrorCode.SQL_FORBIDDEN,
                  parse ? "parse_error" : "predicate_shape",
                  problem);
            });
  }

  // ---- drift ----

  /**
   * Parquet tables of Spark's built-in catalog take no {@code DELETE}: the rows to keep are copied
   * aside and written back over the table, both times sorted by {@link #insertionOrder()} so that
   * the rows keep their order, and the copy is dropped. Not atomic: a reader in between may see the
   * table empty.
   */
  @Override
  public List<String> deleteWhere(String table, String condition) {
    String kept =
        table.endsWith("`")
            ? table.substring(0, table.length() - 1) + "__udb_kept`"
            : table + "__udb_kept";
    return List.of(
        "DROP TABLE IF EXISTS " + kept,
        "CREATE TABLE "
            + kept
            + " USING parquet AS SELECT * FROM "
            + table
            + " WHERE NOT coalesce("
            + condition
            + ", false) ORDER BY "
            + insertionOrder(),
        "INSERT OVERWRITE TABLE "
            + table
            + " SELECT * FROM "
            + kept
            + " ORDER BY "
            + insertionOrder(),
        "DROP TABLE " + kept);
  }

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
    return switch (SqlDialect.checkedGrain(grain)) {
      case "day" -> "date_sub(" + date + ", 1)";
      case "week" -> "date_sub(" + date + ", 7)";
      case "month" -> "add_months(" + date + ", -1)";
      case "quarter" -> "add_months(" + date + ", -3)";
      default -> "add_months(" + date + ", -12)";
    };
  }

  /** Over doubles: Spark's {@code avg} of a decimal is a decimal rounded to a few more places. */
  @Override
  public String mean(String expression) {
    return "avg(" + toDouble(expression) + ")";
  }

  /**
   * {@code inline} of an array of structs: a generator that Spark compiles with the rest of the
   * stage, where {@code GROUPING SETS}' own expansion carries a column per key in every row. A
   * {@code NULL} entry is spelled as a null of its column's type ({@code CASE WHEN FALSE THEN e
   * END}, which the optimizer folds to a typed null), so that every struct has the array's type: a
   * bare {@code NULL} made Spark cast each struct of each row to the common type.
   */
  @Override
  public String expandedRows(String relation, List<String> names, List<List<String>> rows) {
    List<String> typedNulls = new ArrayList<>();
    for (int column = 0; column < names.size(); column++) {
      String typedNull = "NULL";
      for (List<String> row : rows) {
        String entry = row.get(column);
        // an entry with a parameter would bind it twice
        if (!entry.equalsIgnoreCase("NULL") && !entry.contains("?")) {
          typedNull = "CASE WHEN FALSE THEN " + entry + " END";
          break;
        }
      }
      typedNulls.add(typedNull);
    }
    List<String> structs = new ArrayList<>();
    for (List<String> row : rows) {
      List<String> typed = new ArrayList<>(row.size());
      for (int column = 0; column < row.size(); column++) {
        String entry = row.get(column);
        typed.add(entry.equalsIgnoreCase("NULL") ? typedNulls.get(column) : entry);
      }
      structs.add(namedStruct(names, typed));
    }
    return "SELECT inline(array(" + String.join(", ", structs) + ")) FROM " + relation;
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
