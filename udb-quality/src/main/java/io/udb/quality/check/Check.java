package io.udb.quality.check;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One data-quality constraint on a table: what is measured ({@link #type()}), on which columns, the
 * bound its metric must meet and the {@link Severity} of a miss. Checks are immutable values; build
 * them with {@link Checks#on} or parse them with {@link CheckJson}.
 *
 * <p>Shares over non-null values (allowed values, patterns, types, non-negative, references) ignore
 * nulls, as Great Expectations does; completeness is its own check. A share over no values at all
 * is 1 (nothing violates it).
 */
public sealed interface Check {

  /** Longest accepted custom predicate, in characters. */
  int MAX_PREDICATE_LENGTH = 10_000;

  /** Most values accepted by {@link AllowedValues}. */
  int MAX_ALLOWED_VALUES = 1_000;

  /** What the check measures. */
  CheckType type();

  /** What a miss means. */
  Severity severity();

  /**
   * The same check with another severity.
   *
   * @param severity the new severity
   * @return the copy
   */
  Check withSeverity(Severity severity);

  /** The columns of the checked table the check reads, in order; empty for table-level checks. */
  List<String> columns();

  /** The columns as one display string ({@code a, b}), or null for a table-level check. */
  default String column() {
    return columns().isEmpty() ? null : String.join(", ", columns());
  }

  /** A short description, e.g. {@code completeness(Horsepower) >= 0.95}. */
  String label();

  /**
   * Share of rows where the column is not null.
   *
   * @param column the column
   * @param bound the bound on the share; {@code eq(1)} for {@code isComplete}
   * @param severity what a miss means
   */
  record Completeness(String column, Bound bound, Severity severity) implements Check {
    /** Validates the arguments. */
    public Completeness {
      requireName(column, "column");
      Objects.requireNonNull(bound, "bound");
      Objects.requireNonNull(severity, "severity");
    }

    @Override
    public CheckType type() {
      return CheckType.COMPLETENESS;
    }

    @Override
    public Completeness withSeverity(Severity newSeverity) {
      return new Completeness(column, bound, newSeverity);
    }

    @Override
    public List<String> columns() {
      return List.of(column);
    }

    @Override
    public String label() {
      return "completeness(" + column + ") " + bound.describe();
    }
  }

  /**
   * Share of rows whose value (or combination of values) occurs exactly once, as Deequ defines
   * uniqueness: rows with a null in any of the columns count as not unique.
   *
   * @param columns the columns whose combination is measured
   * @param bound the bound on the share; {@code eq(1)} for {@code isUnique}
   * @param severity what a miss means
   */
  record Uniqueness(List<String> columns, Bound bound, Severity severity) implements Check {
    /** Validates and copies the arguments. */
    public Uniqueness {
      columns = requireColumns(columns);
      Objects.requireNonNull(bound, "bound");
      Objects.requireNonNull(severity, "severity");
    }

    @Override
    public CheckType type() {
      return CheckType.UNIQUENESS;
    }

    @Override
    public Uniqueness withSeverity(Severity newSeverity) {
      return new Uniqueness(columns, bound, newSeverity);
    }

    @Override
    public String label() {
      return "uniqueness(" + column() + ") " + bound.describe();
    }
  }

  /**
   * The columns have no nulls and their combination identifies each row. The metric is the
   * uniqueness of the combination; the check passes when it is 1.
   *
   * @param columns the key columns
   * @param severity what a miss means
   */
  record PrimaryKey(List<String> columns, Severity severity) implements Check {
    /** Validates and copies the arguments. */
    public PrimaryKey {
      columns = requireColumns(columns);
      Objects.requireNonNull(severity, "severity");
    }

    @Override
    public CheckType type() {
      return CheckType.PRIMARY_KEY;
    }

    @Override
    public PrimaryKey withSeverity(Severity newSeverity) {
      return new PrimaryKey(columns, newSeverity);
    }

    @Override
    public String label() {
      return "primary_key(" + column() + ")";
    }
  }

  /**
   * Number of distinct values (or combinations without nulls) divided by the number of rows.
   *
   * @param columns the columns
   * @param bound the bound on the ratio
   * @param severity what a miss means
   */
  record Distinctness(List<String> columns, Bound bound, Severity severity) implements Check {
    /** Validates and copies the arguments. */
    public Distinctness {
      columns = requireColumns(columns);
      Objects.requireNonNull(bound, "bound");
      Objects.requireNonNull(severity, "severity");
    }

    @Override
    public CheckType type() {
      return CheckType.DISTINCTNESS;
    }

    @Override
    public Distinctness withSeverity(Severity newSeverity) {
      return new Distinctness(columns, bound, newSeverity);
    }

    @Override
    public String label() {
      return "distinctness(" + column() + ") " + bound.describe();
    }
  }

  /**
   * Share of non-null values that are one of the allowed values.
   *
   * @param column the column
   * @param values the allowed values: strings, numbers or booleans, at least one
   * @param bound the bound on the share; {@code eq(1)} for {@code isContainedIn}
   * @param severity what a miss means
   */
  record AllowedValues(String column, List<Object> values, Bound bound, Severity severity)
      implements Check {
    /** Validates and copies the arguments, dropping duplicate values. */
    public AllowedValues {
      requireName(column, "column");
      Objects.requireNonNull(values, "values");
      LinkedHashSet<Object> normalized = new LinkedHashSet<>();
      for (Object value : values) {
        normalized.add(normalizeValue(value));
      }
      if (normalized.isEmpty() || normalized.size() > MAX_ALLOWED_VALUES) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "Allowed values need 1 to " + MAX_ALLOWED_VALUES + " values, got " + normalized.size());
      }
      values = List.copyOf(normalized);
      Objects.requireNonNull(bound, "bound");
      Objects.requireNonNull(severity, "severity");
    }

    @Override
    public CheckType type() {
      return CheckType.ALLOWED_VALUES;
    }

    @Override
    public AllowedValues withSeverity(Severity newSeverity) {
      return new AllowedValues(column, values, bound, newSeverity);
    }

    @Override
    public List<String> columns() {
      return List.of(column);
    }

    @Override
    public String label() {
      String shown =
          values.stream().limit(5).map(String::valueOf).collect(Collectors.joining(", "))
              + (values.size() > 5 ? ", ..." : "");
      return "allowed_values(" + column + ") in [" + shown + "] " + bound.describe();
    }
  }

  /**
   * An aggregate of a numeric column within a bound: minimum, maximum, mean, sum or sample standard
   * deviation.
   *
   * @param column the numeric column
   * @param type one of {@link CheckType#MIN}, {@link CheckType#MAX}, {@link CheckType#MEAN}, {@link
   *     CheckType#SUM}, {@link CheckType#STD}
   * @param bound the bound on the aggregate
   * @param severity what a miss means
   */
  record Statistic(String column, CheckType type, Bound bound, Severity severity) implements Check {
    /** Validates the arguments. */
    public Statistic {
      requireName(column, "column");
      Objects.requireNonNull(type, "type");
      if (!(type == CheckType.MIN
          || type == CheckType.MAX
          || type == CheckType.MEAN
          || type == CheckType.SUM
          || type == CheckType.STD)) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT, "A statistic check is one of min, max, mean, sum, std");
      }
      Objects.requireNonNull(bound, "bound");
      Objects.requireNonNull(severity, "severity");
    }

    @Override
    public Statistic withSeverity(Severity newSeverity) {
      return new Statistic(column, type, bound, newSeverity);
    }

    @Override
    public List<String> columns() {
      return List.of(column);
    }

    @Override
    public String label() {
      return type.jsonName() + "(" + column + ") " + bound.describe();
    }
  }

  /**
   * Share of non-null values of a numeric column that are zero or more; passes when it is 1.
   *
   * @param column the numeric column
   * @param severity what a miss means
   */
  record NonNegative(String column, Severity severity) implements Check {
    /** Validates the arguments. */
    public NonNegative {
      requireName(column, "column");
      Objects.requireNonNull(severity, "severity");
    }

    @Override
    public CheckType type() {
      return CheckType.NON_NEGATIVE;
    }

    @Override
    public NonNegative withSeverity(Severity newSeverity) {
      return new NonNegative(column, newSeverity);
    }

    @Override
    public List<String> columns() {
      return List.of(column);
    }

    @Override
    public String label() {
      return "non_negative(" + column + ")";
    }
  }

  /**
   * Share of non-null values whose text fully matches a regular expression (RE2 syntax, the
   * engine's). Built-in expressions back {@link CheckType#EMAIL}, {@link CheckType#URL} and {@link
   * CheckType#CREDIT_CARD}.
   *
   * @param column the column; non-text values are matched as their text
   * @param type {@link CheckType#PATTERN} or a built-in kind
   * @param regex the expression; for built-in kinds it must be the built-in one
   * @param bound the bound on the share; {@code eq(1)} by default
   * @param severity what a miss means
   */
  record Pattern(String column, CheckType type, String regex, Bound bound, Severity severity)
      implements Check {
    /** Validates the arguments. */
    public Pattern {
      requireName(column, "column");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(regex, "regex");
      if (type == CheckType.PATTERN) {
        if (regex.isEmpty() || regex.length() > 2_000) {
          throw new UdbException(
              ErrorCode.INVALID_ARGUMENT, "A pattern must be 1 to 2000 characters long");
        }
      } else if (type == CheckType.EMAIL
          || type == CheckType.URL
          || type == CheckType.CREDIT_CARD) {
        if (!regex.equals(BuiltInPatterns.of(type))) {
          throw new UdbException(
              ErrorCode.INVALID_ARGUMENT,
              "A "
                  + type.jsonName()
                  + " check uses its built-in pattern; use 'pattern' for others");
        }
      } else {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "A pattern check is one of pattern, email, url, credit_card");
      }
      Objects.requireNonNull(bound, "bound");
      Objects.requireNonNull(severity, "severity");
    }

    /**
     * A check with a built-in pattern.
     *
     * @param column the column
     * @param type {@link CheckType#EMAIL}, {@link CheckType#URL} or {@link CheckType#CREDIT_CARD}
     * @param bound the bound on the share
     * @param severity what a miss means
     * @return the check
     */
    public static Pattern builtIn(String column, CheckType type, Bound bound, Severity severity) {
      return new Pattern(column, type, BuiltInPatterns.of(type), bound, severity);
    }

    @Override
    public Pattern withSeverity(Severity newSeverity) {
      return new Pattern(column, type, regex, bound, newSeverity);
    }

    @Override
    public List<String> columns() {
      return List.of(column);
    }

    @Override
    public String label() {
      String what =
          type == CheckType.PATTERN
              ? "pattern(" + column + ") ~ /" + regex + "/"
              : type.jsonName() + "(" + column + ")";
      return what + " " + bound.describe();
    }
  }

  /**
   * Share of non-null values that conform to a logical type.
   *
   * @param column the column
   * @param dataType the type
   * @param bound the bound on the share; {@code eq(1)} by default
   * @param severity what a miss means
   */
  record HasDataType(String column, DataType dataType, Bound bound, Severity severity)
      implements Check {
    /** Validates the arguments. */
    public HasDataType {
      requireName(column, "column");
      Objects.requireNonNull(dataType, "dataType");
      Objects.requireNonNull(bound, "bound");
      Objects.requireNonNull(severity, "severity");
    }

    @Override
    public CheckType type() {
      return CheckType.DATA_TYPE;
    }

    @Override
    public HasDataType withSeverity(Severity newSeverity) {
      return new HasDataType(column, dataType, bound, newSeverity);
    }

    @Override
    public List<String> columns() {
      return List.of(column);
    }

    @Override
    public String label() {
      return "data_type(" + column + ") " + dataType.jsonName() + " " + bound.describe();
    }
  }

  /**
   * Number of rows within a bound.
   *
   * @param bound the bound on the row count
   * @param severity what a miss means
   */
  record RowCount(Bound bound, Severity severity) implements Check {
    /** Validates the arguments. */
    public RowCount {
      Objects.requireNonNull(bound, "bound");
      Objects.requireNonNull(severity, "severity");
    }

    @Override
    public CheckType type() {
      return CheckType.ROW_COUNT;
    }

    @Override
    public RowCount withSeverity(Severity newSeverity) {
      return new RowCount(bound, newSeverity);
    }

    @Override
    public List<String> columns() {
      return List.of();
    }

    @Override
    public String label() {
      return "row_count " + bound.describe();
    }
  }

  /**
   * Share of rows satisfying a custom SQL predicate. The predicate is untrusted user input: it is
   * checked by the SQL guard (as {@code SELECT count(*) FROM table WHERE NOT (predicate)}) before
   * anything runs, and refused when it holds {@code ;}, comments or changes that statement's shape.
   * Rows where the predicate is NULL count as satisfying it, as in a SQL {@code WHERE}; write
   * {@code x IS NOT NULL AND ...} to require values.
   *
   * @param name the constraint's name, shown in results
   * @param predicate a boolean SQL expression over the table's columns
   * @param bound the bound on the share; {@code eq(1)} by default
   * @param severity what a miss means
   */
  record Satisfies(String name, String predicate, Bound bound, Severity severity) implements Check {
    /** Validates the arguments. */
    public Satisfies {
      requireName(name, "name");
      Objects.requireNonNull(predicate, "predicate");
      if (predicate.isBlank() || predicate.length() > MAX_PREDICATE_LENGTH) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "A predicate must be 1 to " + MAX_PREDICATE_LENGTH + " characters and not blank");
      }
      Objects.requireNonNull(bound, "bound");
      Objects.requireNonNull(severity, "severity");
    }

    @Override
    public CheckType type() {
      return CheckType.SATISFIES;
    }

    @Override
    public Satisfies withSeverity(Severity newSeverity) {
      return new Satisfies(name, predicate, bound, newSeverity);
    }

    @Override
    public List<String> columns() {
      return List.of();
    }

    @Override
    public String label() {
      return "satisfies(" + name + ") " + bound.describe();
    }
  }

  /**
   * The newest value of a date or timestamp column is at most {@code maxAge} old. The metric is the
   * age in seconds; timestamps without a time zone are read as UTC.
   *
   * @param column the date or timestamp column
   * @param maxAge the largest accepted age
   * @param severity what a miss means
   */
  record Freshness(String column, Duration maxAge, Severity severity) implements Check {
    /** Validates the arguments. */
    public Freshness {
      requireName(column, "column");
      Objects.requireNonNull(maxAge, "maxAge");
      if (maxAge.isNegative() || maxAge.isZero()) {
        throw new UdbException(ErrorCode.INVALID_ARGUMENT, "Freshness maxAge must be positive");
      }
      Objects.requireNonNull(severity, "severity");
    }

    @Override
    public CheckType type() {
      return CheckType.FRESHNESS;
    }

    @Override
    public Freshness withSeverity(Severity newSeverity) {
      return new Freshness(column, maxAge, newSeverity);
    }

    @Override
    public List<String> columns() {
      return List.of(column);
    }

    @Override
    public String label() {
      return "freshness(" + column + ") within " + maxAge;
    }
  }

  /**
   * Share of non-null values of a column found in a column of another table of the same tenant.
   *
   * @param column the referencing column
   * @param referencedTable the referenced table
   * @param referencedColumn the referenced column
   * @param bound the bound on the share; {@code eq(1)} by default
   * @param severity what a miss means
   */
  record ReferentialIntegrity(
      String column,
      String referencedTable,
      String referencedColumn,
      Bound bound,
      Severity severity)
      implements Check {
    /** Validates the arguments. */
    public ReferentialIntegrity {
      requireName(column, "column");
      requireName(referencedTable, "referencedTable");
      requireName(referencedColumn, "referencedColumn");
      Objects.requireNonNull(bound, "bound");
      Objects.requireNonNull(severity, "severity");
    }

    @Override
    public CheckType type() {
      return CheckType.REFERENTIAL_INTEGRITY;
    }

    @Override
    public ReferentialIntegrity withSeverity(Severity newSeverity) {
      return new ReferentialIntegrity(
          column, referencedTable, referencedColumn, bound, newSeverity);
    }

    @Override
    public List<String> columns() {
      return List.of(column);
    }

    @Override
    public String label() {
      return "referential_integrity("
          + column
          + " -> "
          + referencedTable
          + "."
          + referencedColumn
          + ") "
          + bound.describe();
    }
  }

  /**
   * The table has all of these columns (names compared ignoring case). The metric is the number
   * missing.
   *
   * @param columns the required columns
   * @param severity what a miss means
   */
  record RequiredColumns(List<String> columns, Severity severity) implements Check {
    /** Validates and copies the arguments. */
    public RequiredColumns {
      columns = requireColumns(columns);
      Objects.requireNonNull(severity, "severity");
    }

    @Override
    public CheckType type() {
      return CheckType.REQUIRED_COLUMNS;
    }

    @Override
    public RequiredColumns withSeverity(Severity newSeverity) {
      return new RequiredColumns(columns, newSeverity);
    }

    @Override
    public String label() {
      return "required_columns(" + column() + ")";
    }
  }

  /**
   * The table has none of these columns (names compared ignoring case). The metric is the number
   * present.
   *
   * @param columns the forbidden columns
   * @param severity what a miss means
   */
  record ForbiddenColumns(List<String> columns, Severity severity) implements Check {
    /** Validates and copies the arguments. */
    public ForbiddenColumns {
      columns = requireColumns(columns);
      Objects.requireNonNull(severity, "severity");
    }

    @Override
    public CheckType type() {
      return CheckType.FORBIDDEN_COLUMNS;
    }

    @Override
    public ForbiddenColumns withSeverity(Severity newSeverity) {
      return new ForbiddenColumns(columns, newSeverity);
    }

    @Override
    public String label() {
      return "forbidden_columns(" + column() + ")";
    }
  }

  /**
   * A column has the given engine type, compared ignoring case and common aliases ({@code INT} and
   * {@code INTEGER}, {@code FLOAT8} and {@code DOUBLE}, {@code TEXT} and {@code VARCHAR}, ...). The
   * metric is 1 when it has, else 0.
   *
   * @param column the column
   * @param engineType the expected engine type name, e.g. {@code DOUBLE}
   * @param severity what a miss means
   */
  record ColumnType(String column, String engineType, Severity severity) implements Check {
    /** Validates the arguments. */
    public ColumnType {
      requireName(column, "column");
      requireName(engineType, "type");
      Objects.requireNonNull(severity, "severity");
    }

    @Override
    public CheckType type() {
      return CheckType.COLUMN_TYPE;
    }

    @Override
    public ColumnType withSeverity(Severity newSeverity) {
      return new ColumnType(column, engineType, newSeverity);
    }

    @Override
    public List<String> columns() {
      return List.of(column);
    }

    @Override
    public String label() {
      return "column_type(" + column + ") " + engineType;
    }
  }

  /**
   * Brings an allowed value to one Java type per JSON type, so that {@code 4} and {@code 4L} are
   * the same value: whole numbers of the integer types become {@link Long}, other numbers {@link
   * Double}.
   */
  private static Object normalizeValue(Object value) {
    if (value instanceof String || value instanceof Boolean || value instanceof Long) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
      return number.doubleValue();
    }
    throw new UdbException(
        ErrorCode.INVALID_ARGUMENT,
        "Allowed values must be strings, finite numbers or booleans (no nulls)");
  }

  private static void requireName(String value, String what) {
    if (value == null || value.isBlank() || value.length() > 255) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "A check's " + what + " must be 1 to 255 characters");
    }
  }

  private static List<String> requireColumns(List<String> columns) {
    if (columns == null || columns.isEmpty()) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "A check needs at least one column");
    }
    for (String column : columns) {
      requireName(column, "column");
    }
    return List.copyOf(columns);
  }
}
