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

  /**
   * A calendar grain checked for the dialects: one of {@code day}, {@code week}, {@code month},
   * {@code quarter} or {@code year} in any case.
   *
   * @param grain the grain as given
   * @return the grain in lower case
   * @throws io.udb.api.UdbException with {@code INVALID_ARGUMENT} for another grain
   */
  static String checkedGrain(String grain) {
    String g = grain.toLowerCase(java.util.Locale.ROOT);
    return switch (g) {
      case "day", "week", "month", "quarter", "year" -> g;
      default ->
          throw new io.udb.api.UdbException(
              io.udb.api.ErrorCode.INVALID_ARGUMENT,
              "Grain must be one of day, week, month, quarter, year; got '" + grain + "'");
    };
  }

  /**
   * A quantile's fraction checked for the dialects.
   *
   * @param fraction the fraction as given
   * @return the fraction, within 0..1
   * @throws io.udb.api.UdbException with {@code INVALID_ARGUMENT} outside 0..1 or for NaN
   */
  static double checkedFraction(double fraction) {
    if (!(fraction >= 0.0 && fraction <= 1.0)) {
      throw new io.udb.api.UdbException(
          io.udb.api.ErrorCode.INVALID_ARGUMENT, "Quantile must be within 0..1, got " + fraction);
    }
    return fraction;
  }

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

  /**
   * A query listing the columns of a table of the session's tenant, in order, as rows of (column
   * name, type name, table name as stored). It binds the table's name twice. Names match ignoring
   * case, and when several tables match, the rows of the one spelled exactly come first; no rows
   * when no table matches.
   *
   * @return the query
   */
  default String tableColumnsQuery() {
    return "SELECT column_name, data_type, table_name FROM information_schema.columns"
        + " WHERE table_schema = current_schema() AND lower(table_name) = lower(?)"
        + " ORDER BY table_name = ? DESC, ordinal_position";
  }

  /**
   * An aggregate collecting one struct per row into a list, in no particular order. Each struct
   * reaches Java as a {@link java.util.Map} from field name to value, the list as a {@link
   * java.util.List}.
   *
   * @param names the field names, plain lower-case identifiers
   * @param expressions the field values, one SQL expression per name
   * @return the aggregate, {@code NULL} over no rows
   */
  default String structList(java.util.List<String> names, java.util.List<String> expressions) {
    return "list(struct_pack(" + structFields(names, expressions) + "))";
  }

  /**
   * A scalar subquery: the first rows of a relation in an order, as a list of structs in that
   * order, read like {@link #structList}.
   *
   * @param relation a table, common table expression or aliased subquery
   * @param columns columns of the relation, plain lower-case identifiers; the structs' fields
   * @param orderBy a SQL {@code ORDER BY} list over those columns that orders the rows totally
   * @param limit how many rows at most
   * @return the subquery, {@code NULL} for an empty relation
   */
  default String firstRowsAsList(
      String relation, java.util.List<String> columns, String orderBy, int limit) {
    String fields = String.join(", ", columns);
    return "(SELECT list(struct_pack("
        + structFields(columns, columns)
        + ") ORDER BY "
        + orderBy
        + ") FROM (SELECT "
        + fields
        + " FROM "
        + relation
        + " ORDER BY "
        + orderBy
        + " LIMIT "
        + limit
        + ") AS t)";
  }

  /**
   * The rows of a relation with the smallest (or largest) values of one key, as a list of structs
   * in key order (descending for the largest), read like {@link #structList}. Valid in the select
   * list of a one-row aggregate over {@code relation}; the default answers with the scalar subquery
   * of {@link #firstRowsAsList}, an engine with a bounded "arguments of the k smallest keys"
   * aggregate may use it instead.
   *
   * @param relation a table, common table expression or aliased subquery
   * @param columns columns of the relation, plain lower-case identifiers; the structs' fields
   * @param key a column of the relation whose values are distinct and not null
   * @param largest whether to take the largest keys rather than the smallest
   * @param limit how many rows at most
   * @return the expression; an empty list or {@code NULL} for an empty relation
   */
  default String extremeRowsAsList(
      String relation, java.util.List<String> columns, String key, boolean largest, int limit) {
    return firstRowsAsList(relation, columns, largest ? key + " DESC" : key, limit);
  }

  /**
   * An aggregate counting the rows per distinct value, as a {@link java.util.Map} from the value
   * (its text, for any type of value) to its count. The expression is valid in the select list of a
   * one-row aggregate over {@code relation}, e.g. {@code SELECT ... FROM relation}; an engine
   * without such an aggregate may answer with a scalar subquery over the relation.
   *
   * @param relation the relation the enclosing aggregate reads
   * @param expression a SQL expression over the relation's columns; its {@code ?} placeholders are
   *     bound in order
   * @param condition a boolean SQL expression without placeholders restricting the rows, or {@code
   *     null} for all rows
   * @return the expression; {@code NULL} values are not counted
   */
  default String valueCounts(String relation, String expression, String condition) {
    String counts = "histogram(" + expression + ")";
    return condition == null ? counts : filtered(counts, condition);
  }

  /**
   * The exact value at each 0-based rank among the non-null values of an expression sorted
   * ascending, as a list aggregate in the order of the ranks.
   *
   * @param expression a numeric SQL expression without {@code ?} placeholders (an engine may repeat
   *     it once per rank)
   * @param count how many non-null values it has over the rows aggregated, at least 1
   * @param ranks ranks between 0 and {@code count - 1}
   * @return the aggregate
   */
  default String valuesAtRanks(String expression, long count, java.util.List<Long> ranks) {
    // quantile_disc takes the value at ceil(n q) - 1, in exact integer arithmetic for a decimal
    // q; q = (k + 1/2) / n to 18 places puts n q strictly between k and k + 1 for any n < 10^17
    StringBuilder fractions = new StringBuilder();
    for (long rank : ranks) {
      if (fractions.length() > 0) {
        fractions.append(", ");
      }
      fractions.append(
          java.math.BigDecimal.valueOf(2 * rank + 1)
              .divide(java.math.BigDecimal.valueOf(2 * count), 18, java.math.RoundingMode.HALF_EVEN)
              .toPlainString());
    }
    return "quantile_disc(" + expression + ", [" + fractions + "])";
  }

  /**
   * An estimate of one quantile of a numeric expression, from a bounded sample or sketch.
   *
   * @param expression a numeric SQL expression
   * @param fraction the quantile between 0 and 1
   * @return the aggregate, a number
   */
  default String approximateQuantile(String expression, double fraction) {
    // a uniform reservoir sample of 100,000 values per column: memory-bounded and about ten times
    // faster than DuckDB's t-digest approx_quantile
    return "reservoir_quantile(" + expression + ", " + fraction + ", 100000)";
  }

  /**
   * Estimates of several quantiles of a numeric expression, like {@link #approximateQuantile}.
   *
   * @param expression a numeric SQL expression
   * @param fractions the quantiles between 0 and 1
   * @return the aggregate, a list of numbers in the order of the fractions
   */
  default String approximateQuantiles(String expression, java.util.List<Double> fractions) {
    StringBuilder list = new StringBuilder();
    for (double fraction : fractions) {
      list.append(list.length() == 0 ? "" : ", ").append(fraction);
    }
    return "reservoir_quantile(" + expression + ", [" + list + "], 100000)";
  }

  /**
   * An estimate of the number of distinct non-null values of an expression.
   *
   * @param expression a SQL expression
   * @return the aggregate
   */
  default String approximateDistinct(String expression) {
    return "approx_count_distinct(" + expression + ")";
  }

  /**
   * The exact number of distinct non-null values of an integer expression whose values all lie in
   * {@code [min, max]}; values outside the range are not counted. The default marks each value in a
   * bitmap of the range ({@code bitstring_agg}), which needs no hash table and is an order of
   * magnitude cheaper than {@code count(DISTINCT)} for a column of millions of distinct values;
   * callers keep the range small enough for one bitmap per thread.
   *
   * @param expression an integer SQL expression
   * @param min the smallest value to count
   * @param max the largest value to count, at least {@code min}
   * @return the aggregate, a non-negative integer
   */
  default String distinctIntegersBetween(String expression, long min, long max) {
    return "bit_count(bitstring_agg("
        + expression
        + ", "
        + min
        + ", "
        + max
        + ") FILTER (WHERE "
        + expression
        + " BETWEEN "
        + min
        + " AND "
        + max
        + "))";
  }

  /**
   * The smallest non-null values of an expression, repeats included, as a list aggregate in
   * ascending order.
   *
   * @param expression a SQL expression
   * @param limit how many values at most
   * @return the aggregate
   */
  default String smallestValues(String expression, int limit) {
    return "min(" + expression + ", " + limit + ")";
  }

  /**
   * The largest non-null values of an expression, repeats included, as a list aggregate in
   * descending order.
   *
   * @param expression a SQL expression
   * @param limit how many values at most
   * @return the aggregate
   */
  default String largestValues(String expression, int limit) {
    return "max(" + expression + ", " + limit + ")";
  }

  /**
   * A query reduced to a uniform sample of a fixed number of its rows, the same rows each time for
   * the same data.
   *
   * @param select a {@code SELECT} of columns from one relation, without {@code WHERE}, {@code
   *     GROUP BY}, {@code ORDER BY} or {@code LIMIT}
   * @param rows the sample size
   * @return the sampling query
   */
  default String sample(String select, int rows) {
    return select + " USING SAMPLE reservoir(" + rows + " ROWS) REPEATABLE (42)";
  }

  /**
   * A common table expression, {@code name AS (query)}, that the engine computes once even when the
   * statement references it several times, where the engine can.
   *
   * @param name the name
   * @param query its query
   * @return the {@code WITH} list entry
   */
  default String materialized(String name, String query) {
    return name + " AS MATERIALIZED (" + query + ")";
  }

  /**
   * Whether {@link #materialized} computes the expression once: then one more derivation from it
   * costs only its own work, where otherwise each reference recomputes the query.
   *
   * @return true when common table expressions are materialized
   */
  default boolean materializesCommonTableExpressions() {
    return true;
  }

  /**
   * Pearson's correlation coefficient of two numeric expressions over the rows where both are
   * non-null, as an aggregate.
   *
   * @param x a numeric SQL expression
   * @param y a numeric SQL expression
   * @return the aggregate, {@code NULL} (or NaN, which callers treat alike) when fewer than two
   *     rows or either side is constant
   */
  default String correlation(String x, String y) {
    return "corr(" + x + ", " + y + ")";
  }

  /**
   * The exact sum of a 64-bit integer expression, as an aggregate that neither overflows nor rounds
   * for any realistic row count. DuckDB sums {@code BIGINT} into a 128-bit {@code HUGEINT}.
   *
   * @param bigintExpression a SQL expression of type {@code BIGINT}
   * @return the aggregate; its value is read as a {@code Long} or a {@code BigDecimal} with scale 0
   */
  default String exactIntegerSum(String bigintExpression) {
    return "sum(" + bigintExpression + ")";
  }

  /**
   * Whether the engine runs each scalar subquery of a statement as a job of its own and computes a
   * common table expression again at each reference (Spark), so that profiling should group every
   * column in one {@code GROUPING SETS} aggregation and derive everything from it with filtered
   * aggregates, rather than group each column in a materialized common table expression reduced by
   * a few scalar subqueries (DuckDB, where that shape is the faster one).
   *
   * @return whether to group the columns together; {@code false} by default
   */
  default boolean groupsColumnsTogether() {
    return false;
  }

  /**
   * An aggregate: the rows with the smallest (or largest) keys, as a list of structs in ascending
   * key order (descending for the largest), read like {@link #structList}. Keys compare by their
   * first expression, then the next on ties; the caller makes them distinct among the rows.
   *
   * @param names the field names, plain lower-case identifiers
   * @param expressions the field values, one SQL expression per name
   * @param keys the key expressions, none of them {@code NULL} on the rows aggregated
   * @param largest whether to take the largest keys rather than the smallest
   * @param limit how many rows at most
   * @return the aggregate; an empty list or {@code NULL} over no rows
   */
  default String rowsWithExtremeKeys(
      java.util.List<String> names,
      java.util.List<String> expressions,
      java.util.List<String> keys,
      boolean largest,
      int limit) {
    String key =
        keys.size() == 1 ? keys.get(0) : "struct_pack(" + structFields(keyNames(keys), keys) + ")";
    return (largest ? "arg_max(" : "arg_min(")
        + "struct_pack("
        + structFields(names, expressions)
        + "), "
        + key
        + ", "
        + limit
        + ")";
  }

  /**
   * The bit mask telling which grouping expressions a {@code GROUPING SETS} row aggregates away:
   * bit {@code n - 1 - i} is set when expression {@code i} of {@code n} is not grouped.
   *
   * @param expressions every grouping expression of the grouping sets, in order of first appearance
   * @return the expression
   */
  default String groupingId(java.util.List<String> expressions) {
    return "GROUPING(" + String.join(", ", expressions) + ")";
  }

  /**
   * Every row of a relation repeated once per entry of {@code rows}, as a query with the columns
   * {@code names}: the {@code GROUPING SETS} expansion spelled out, so that keys of one type can
   * share a column where grouping sets give each key a column of its own. A column's type is that
   * of its non-null expressions, which must agree; an entry may give {@code NULL} for any column.
   *
   * @param relation a table or aliased subquery
   * @param names the columns, plain lower-case identifiers
   * @param rows per output row of each input row, one expression per name over the relation
   * @return the query
   */
  default String expandedRows(
      String relation, java.util.List<String> names, java.util.List<java.util.List<String>> rows) {
    StringBuilder structs = new StringBuilder();
    for (java.util.List<String> row : rows) {
      structs.append(structs.length() == 0 ? "" : ", ");
      structs.append("struct_pack(").append(structFields(names, row)).append(")");
    }
    return "SELECT unnest([" + structs + "], recursive := true) FROM " + relation;
  }

  /**
   * The number of bytes of a string's UTF-8 encoding.
   *
   * @param expression a string expression
   * @return the expression
   */
  default String byteLength(String expression) {
    return "strlen(" + expression + ")";
  }

  /**
   * How many characters of a string belong to a character class, counted by Unicode code point.
   *
   * @param expression a string expression
   * @param characterClass the body of a regular expression character class in the syntax that RE2
   *     and {@code java.util.regex} share (e.g. {@code \pL}, {@code \x{80}-\x{10FFFF}}), without
   *     quotes or square brackets
   * @return the count
   */
  default String characterCount(String expression, String characterClass) {
    // removing runs ('+') is several times faster than removing single characters
    return "length(regexp_replace(" + expression + ", '[^" + characterClass + "]+', '', 'g'))";
  }

  /**
   * The first day of a date or timestamp's calendar period, as ISO-8601 text ({@code 2024-03-01}).
   *
   * @param expression a date or timestamp expression
   * @param grain {@code day}, {@code week} (starting on Monday), {@code month}, {@code quarter} or
   *     {@code year}
   * @return the expression
   */
  default String periodStart(String expression, String grain) {
    return toText(periodStartDate(grain, expression));
  }

  /** The field names {@code k0}, {@code k1}, ... of a struct of keys. */
  private static java.util.List<String> keyNames(java.util.List<String> keys) {
    return java.util.stream.IntStream.range(0, keys.size()).mapToObj(i -> "k" + i).toList();
  }

  private static String structFields(
      java.util.List<String> names, java.util.List<String> expressions) {
    if (names.size() != expressions.size()) {
      throw new IllegalArgumentException(
          names.size() + " names, " + expressions.size() + " values");
    }
    StringBuilder fields = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        fields.append(", ");
      }
      fields.append(names.get(i)).append(" := ").append(expressions.get(i));
    }
    return fields.toString();
  }

  // ---- checks ----

  /**
   * The family of one of this engine's column type names, as reported in {@link ColumnInfo#type()}.
   * The default knows DuckDB's names and aliases ({@code INT8}, {@code TEXT}, {@code
   * DECIMAL(10,2)}, {@code TIMESTAMP WITH TIME ZONE}, {@code INTEGER[]}, ...).
   *
   * @param engineType a type name of this engine
   * @return its family; {@link TypeFamily#OTHER} for names the dialect does not know
   */
  default TypeFamily typeFamily(String engineType) {
    String canonical = canonicalType(engineType);
    if (canonical.contains("[")) {
      return TypeFamily.NESTED;
    }
    int paren = canonical.indexOf('(');
    String base = paren < 0 ? canonical : canonical.substring(0, paren).trim();
    if (base.startsWith("TIMESTAMP")) {
      return TypeFamily.TIMESTAMP;
    }
    return switch (base) {
      case "TINYINT",
          "SMALLINT",
          "INTEGER",
          "BIGINT",
          "HUGEINT",
          "UTINYINT",
          "USMALLINT",
          "UINTEGER",
          "UBIGINT",
          "UHUGEINT" ->
          TypeFamily.INTEGER;
      case "FLOAT", "DOUBLE" -> TypeFamily.FLOATING;
      case "DECIMAL" -> TypeFamily.DECIMAL;
      case "VARCHAR" -> TypeFamily.STRING;
      case "BOOLEAN" -> TypeFamily.BOOLEAN;
      case "DATE" -> TypeFamily.DATE;
      case "TIME", "TIME WITH TIME ZONE" -> TypeFamily.TIME;
      case "INTERVAL" -> TypeFamily.INTERVAL;
      case "UUID", "JSON", "ENUM" -> TypeFamily.OTHER_SCALAR;
      case "STRUCT", "MAP", "LIST", "ARRAY", "UNION" -> TypeFamily.NESTED;
      default -> TypeFamily.OTHER;
    };
  }

  /**
   * The canonical form of a type name, so that two spellings of one type compare equal: upper case,
   * single spaces, aliases resolved, parameters kept. The default resolves DuckDB's aliases ({@code
   * INT8} and {@code BIGINT}, {@code TEXT}, {@code STRING} and {@code VARCHAR}, {@code
   * NUMERIC(10,2)} and {@code DECIMAL(10,2)}, ...).
   *
   * @param type a type name as a user or the engine writes it
   * @return its canonical form
   */
  default String canonicalType(String type) {
    String upper = type.trim().replaceAll("\\s+", " ").toUpperCase(java.util.Locale.ROOT);
    int paren = upper.indexOf('(');
    String base = paren < 0 ? upper : upper.substring(0, paren).trim();
    String params = paren < 0 ? "" : upper.substring(paren).replace(" ", "");
    String resolved =
        switch (base) {
          case "INT1" -> "TINYINT";
          case "INT2", "SHORT" -> "SMALLINT";
          case "INT", "INT4", "SIGNED" -> "INTEGER";
          case "INT8", "LONG" -> "BIGINT";
          case "INT128" -> "HUGEINT";
          case "REAL", "FLOAT4" -> "FLOAT";
          case "FLOAT8", "DOUBLE PRECISION" -> "DOUBLE";
          case "TEXT", "STRING", "CHAR", "BPCHAR" -> "VARCHAR";
          case "BOOL", "LOGICAL" -> "BOOLEAN";
          case "DATETIME", "TIMESTAMP_US" -> "TIMESTAMP";
          case "TIMESTAMPTZ" -> "TIMESTAMP WITH TIME ZONE";
          case "TIMETZ" -> "TIME WITH TIME ZONE";
          case "NUMERIC" -> "DECIMAL";
          default -> base;
        };
    return resolved + params;
  }

  /**
   * The name of the text type, for column definitions of UDB's own tables.
   *
   * @return {@code VARCHAR} by default
   */
  default String textType() {
    return "VARCHAR";
  }

  /**
   * Whether the whole of a text matches a regular expression: the match must span the text from its
   * first to its last character, as if the pattern were wrapped in {@code ^(?:...)$} with no
   * line-terminator exceptions. The pattern uses the common subset of RE2 and Java syntax (no
   * back-references, no look-around); {@code .} does not match a line feed.
   *
   * @param text a text expression
   * @param pattern the pattern, usually the placeholder {@code ?} bound to the pattern's text
   * @return the condition; running it fails when the pattern is not a valid expression
   */
  default String regexFullMatch(String text, String pattern) {
    return "regexp_full_match(" + text + ", " + pattern + ")";
  }

  /**
   * Whether a text value reads as a value of a family, by the rules of DuckDB's {@code TRY_CAST}
   * (blanks around numbers and dates allowed, {@code inf} and {@code nan} are numbers, {@code
   * t}/{@code f}/{@code y}/{@code n}/{@code yes}/{@code no}/{@code 1}/{@code 0} are booleans, any
   * case) and, for {@link TypeFamily#INTEGER}, of the pattern {@code \s*[+-]?[0-9]+\s*} (decimal
   * digits, optionally signed, of any length).
   *
   * @param text a text expression
   * @param family {@link TypeFamily#INTEGER}, {@link TypeFamily#FLOATING} (any number), {@link
   *     TypeFamily#BOOLEAN}, {@link TypeFamily#DATE} or {@link TypeFamily#TIMESTAMP}
   * @return the condition; false (not null) for a non-null text that does not read as the family
   * @throws IllegalArgumentException for another family
   */
  default String textReadsAs(String text, TypeFamily family) {
    return switch (family) {
      case INTEGER -> regexFullMatch(text, "'\\s*[+-]?[0-9]+\\s*'");
      case FLOATING -> tryCast(text, "DOUBLE") + " IS NOT NULL";
      case BOOLEAN -> tryCast(text, "BOOLEAN") + " IS NOT NULL";
      case DATE -> tryCast(text, "DATE") + " IS NOT NULL";
      case TIMESTAMP -> tryCast(text, "TIMESTAMP") + " IS NOT NULL";
      default -> throw new IllegalArgumentException("Text cannot be read as " + family);
    };
  }

  /**
   * Whether a finite floating point or decimal number is whole.
   *
   * @param expression a numeric expression
   * @return the condition; for NaN and infinities its value does not matter (callers test {@link
   *     #isFinite(String)} too)
   */
  default String isWholeNumber(String expression) {
    return expression + " = trunc(" + expression + ")";
  }

  /**
   * A query counting the values of several columns of one table: one row, one column per given
   * column, each a list of {@code {key, value}} structs (the distinct value and how many rows hold
   * it, in any order). Whether a {@code NULL} key appears is the engine's choice; callers skip it.
   *
   * @param table the quoted table, from {@link #table(TableRef)}
   * @param columns the quoted columns
   * @return the query
   */
  default String valueCountsQuery(String table, java.util.List<String> columns) {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : ", ")
          .append("map_entries(histogram(")
          .append(columns.get(i))
          .append("))");
    }
    return sql.append(" FROM ").append(table).toString();
  }

  /**
   * The place of a bound timestamp in a statement. Its value is bound as the text of a UTC date and
   * time, {@code yyyy-MM-dd HH:mm:ss.SSSSSS}, and stored without a time zone.
   *
   * @return the expression around one {@code ?} placeholder
   */
  default String timestampParameter() {
    return "CAST(? AS TIMESTAMP)";
  }

  /**
   * A table of UDB's own state (check history, drift baselines) for the tenant, outside the tables
   * the tenant sees and out of reach of user SQL: by default the schema {@code udb_meta} of the
   * tenant's database.
   *
   * @param name the unquoted name of the table
   * @return the qualified, quoted table
   */
  default String internalTable(String name) {
    return quoteIdentifier("udb_meta") + "." + quoteIdentifier(name);
  }

  /**
   * A query with one row per internal table among the given names that exists (no parameters). UDB
   * runs it before creating internal tables, because DDL, even a no-op, may drop the engine's
   * cached decisions.
   *
   * @param names unquoted names of internal tables
   * @return the query
   */
  default String internalTablesQuery(java.util.List<String> names) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'udb_meta'"
                + " AND table_name IN (");
    for (int i = 0; i < names.size(); i++) {
      sql.append(i == 0 ? "'" : ", '").append(names.get(i).replace("'", "''")).append('\'');
    }
    return sql.append(')').toString();
  }

  /**
   * The statements that create an internal table, and its schema, when absent.
   *
   * @param name the unquoted name of the table
   * @param columns the column definitions, e.g. {@code metric VARCHAR NOT NULL, value DOUBLE}
   *     (types {@link #textType()}, {@code INTEGER}, {@code BIGINT}, {@code DOUBLE}, {@code
   *     TIMESTAMP})
   * @param primaryKey the key columns, or empty; an engine without keys leaves it out
   * @return the statements, to run in order, without parameters
   */
  default java.util.List<String> createInternalTable(
      String name, String columns, java.util.List<String> primaryKey) {
    return java.util.List.of(
        "CREATE SCHEMA IF NOT EXISTS " + quoteIdentifier("udb_meta"),
        "CREATE TABLE IF NOT EXISTS "
            + internalTable(name)
            + " ("
            + columns
            + (primaryKey.isEmpty() ? "" : ", PRIMARY KEY (" + String.join(", ", primaryKey) + ")")
            + ")");
  }

  /**
   * An expression that orders the rows of an internal table as they were inserted, to break ties
   * between rows written at the same time.
   *
   * @return DuckDB's {@code rowid} by default
   */
  default String insertionOrder() {
    return "rowid";
  }

  /**
   * The statements that replace a table (or create it) with the result of a query.
   *
   * @param table the quoted table, from {@link #table(TableRef)}
   * @param query a query; its parameters are bound to the last statement
   * @return the statements, to run in order
   */
  default java.util.List<String> replaceTableAs(String table, String query) {
    return java.util.List.of("CREATE OR REPLACE TABLE " + table + " AS " + query);
  }

  /**
   * Admits a user's predicate (untrusted input): it must parse, with the engine's own parser and
   * without running, as one boolean expression over the columns of the table, to be used as {@code
   * SELECT count(*) FROM <table> WHERE NOT (<predicate>)}, without subqueries, references to other
   * tables, files, settings or functions with side effects. The caller has already refused {@code
   * ;}, comments and unbalanced parentheses outside quotes.
   *
   * <p>The default refuses every predicate: an engine admits them only with a check of its own.
   *
   * @param session a trusted session of the tenant, for engines that parse through SQL
   * @param table the table the predicate is about
   * @param predicate the predicate's text
   * @throws io.udb.api.SqlRejectedException when the predicate is refused; its message is a phrase
   *     completing "The predicate ...", e.g. {@code is not valid SQL: ...}
   */
  default void checkPredicate(SqlSession session, TableRef table, String predicate) {
    throw new io.udb.api.SqlRejectedException(
        io.udb.api.ErrorCode.SQL_FORBIDDEN,
        "predicate_unsupported",
        "cannot be checked by the " + name() + " engine, which admits no custom predicates");
  }

  // ---- drift ----

  /**
   * An ascending sort key with {@code NULL} first.
   *
   * @param expression an expression or a column position of the select list
   * @return the sort key
   */
  default String ascendingNullsFirst(String expression) {
    return expression + " NULLS FIRST";
  }

  /**
   * A query of at most one row and one column: an estimate of how many distinct non-NULL values a
   * column of a table holds, as cheap as the engine allows, or {@code NULL} (or no row) when the
   * engine has none at hand. DuckDB reads the estimate its storage keeps per column ({@code
   * stats()}), without scanning the table; it may be stale after deletes and updates, which is fine
   * for deciding whether a column is worth sketching.
   *
   * @param table the quoted table
   * @param column the quoted column
   * @return the query
   */
  default String distinctEstimate(String table, String column) {
    return "SELECT TRY_CAST(regexp_extract(CAST(stats("
        + column
        + ") AS VARCHAR), 'approx_unique\\W*([0-9]+)', 1) AS BIGINT) FROM "
        + table
        + " LIMIT 1";
  }

  /**
   * A query of one row with one column per given column, in order: the engine's cheap estimates of
   * how many distinct non-NULL values each column holds, as {@link #distinctEstimate} gives them (a
   * {@code NULL} where a column has none, such as a boolean), or {@code null} when the engine
   * cannot estimate without scanning the table. Callers that read many columns use it to decide, in
   * one round trip, which columns are small enough to be read together.
   *
   * @param table the quoted table
   * @param columns the quoted columns, at least one
   * @return the query, or null when the engine keeps no estimates
   */
  default String distinctEstimates(String table, java.util.List<String> columns) {
    java.util.List<String> estimates = new java.util.ArrayList<>();
    for (String column : columns) {
      estimates.add(
          "TRY_CAST(regexp_extract(CAST(stats("
              + column
              + ") AS VARCHAR), 'approx_unique\\W*([0-9]+)', 1) AS BIGINT)");
    }
    return "SELECT " + String.join(", ", estimates) + " FROM " + table + " LIMIT 1";
  }

  /**
   * A query of one row with two columns per given column, in order: bounds of its non-NULL values
   * the engine keeps without scanning (the smallest, then the largest, as {@code DOUBLE}), a {@code
   * NULL} where it keeps none; or {@code null} when the engine keeps no such statistics. The bounds
   * may be wider than the values after deletes and updates, never narrower, and they bound NaN and
   * the infinities too: a column holding one has a bound that is not finite (DuckDB orders NaN
   * above every number). DuckDB reads them from its storage statistics ({@code stats()}).
   *
   * @param table the quoted table
   * @param columns the quoted numeric columns, at least one
   * @return the query, or null when the engine keeps no bounds
   */
  default String storedBounds(String table, java.util.List<String> columns) {
    java.util.List<String> bounds = new java.util.ArrayList<>();
    for (String column : columns) {
      for (String bound : java.util.List.of("min", "max")) {
        bounds.add(
            "TRY_CAST(regexp_extract(CAST(stats("
                + column
                + ") AS VARCHAR), '''"
                + bound
                + "'': *([^,}]+)', 1) AS DOUBLE)");
      }
    }
    return "SELECT " + String.join(", ", bounds) + " FROM " + table + " LIMIT 1";
  }

  /**
   * The statements that delete the rows of a table satisfying a condition.
   *
   * @param table the quoted table, e.g. from {@link #internalTable(String)}
   * @param condition a boolean expression with {@code ?} placeholders
   * @return the statements, to run in order, each with the condition's parameters
   */
  default java.util.List<String> deleteWhere(String table, String condition) {
    return java.util.List.of("DELETE FROM " + table + " WHERE " + condition);
  }

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
  default String periodStartDate(String grain, String expression) {
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
        switch (checkedGrain(grain)) {
          case "day" -> "INTERVAL 1 DAY";
          case "week" -> "INTERVAL 7 DAY";
          case "month" -> "INTERVAL 1 MONTH";
          case "quarter" -> "INTERVAL 3 MONTH";
          default -> "INTERVAL 1 YEAR";
        };
    return "CAST(" + dateExpression + " - " + interval + " AS DATE)";
  }

  /**
   * The arithmetic mean aggregate of a numeric expression, as a {@code DOUBLE} whatever the
   * expression's type (DuckDB's {@code avg} gives a double also for decimals and integers).
   *
   * @param expression a numeric SQL expression
   * @return the aggregate expression
   */
  default String mean(String expression) {
    return "avg(" + expression + ")";
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

  /**
   * Whether {@link #expressionProblem} admits only an allow-list of expression kinds (columns,
   * literals, operators, deterministic built-in scalar functions; never subqueries, table or file
   * access, parameters or functions with side effects), so that a statement embedding expressions
   * it accepted is as safe as generated SQL and may run through a trusted {@link SqlSession}.
   *
   * <p>An engine without a guarded path for user SQL ({@link AnalyticsEngine#query}) must say
   * {@code true} for user expressions (KPI measures and filters) to be usable on it. When {@code
   * false} (the default, and DuckDB, whose check looks at the statement's shape only), such
   * statements run through the guarded user query path instead.
   *
   * @return whether the expression check is an allow-list
   */
  default boolean expressionCheckIsAllowList() {
    return false;
  }
}
