package io.udb.quality.check;

import io.udb.api.engine.TableRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The fluent check DSL:
 *
 * <pre>{@code
 * import static io.udb.quality.check.Bound.*;
 *
 * CheckSuite suite = Checks.on("cars")
 *     .isComplete("Name")
 *     .hasCompleteness("Horsepower", ge(0.95)).asWarning()
 *     .isContainedIn("Origin", Set.of("USA", "Europe", "Japan"))
 *     .hasMean("Cylinders", between(4, 7))
 *     .build();
 * }</pre>
 *
 * Checks are added with the builder's current default severity ({@link Severity#ERROR} unless
 * changed with {@link Builder#severity}); {@link Builder#asWarning()} and {@link Builder#asError()}
 * change the check added last.
 */
public final class Checks {
  private Checks() {}

  /**
   * Starts a suite for a table.
   *
   * @param table the table name
   * @return the builder
   */
  public static Builder on(String table) {
    return new Builder(TableRef.of(table));
  }

  /**
   * Starts a suite for a table.
   *
   * @param table the table
   * @return the builder
   */
  public static Builder on(TableRef table) {
    return new Builder(Objects.requireNonNull(table, "table"));
  }

  /** Collects checks for one table. Not thread-safe; build once. */
  public static final class Builder {
    private final TableRef table;
    private final List<Check> checks = new ArrayList<>();
    private Severity severity = Severity.ERROR;

    private Builder(TableRef table) {
      this.table = table;
    }

    /**
     * Sets the severity of the checks added from now on.
     *
     * @param defaultSeverity the severity
     * @return this builder
     */
    public Builder severity(Severity defaultSeverity) {
      this.severity = Objects.requireNonNull(defaultSeverity, "severity");
      return this;
    }

    /**
     * Makes the check added last a warning.
     *
     * @return this builder
     * @throws IllegalStateException when no check was added yet
     */
    public Builder asWarning() {
      return lastWith(Severity.WARNING);
    }

    /**
     * Makes the check added last an error.
     *
     * @return this builder
     * @throws IllegalStateException when no check was added yet
     */
    public Builder asError() {
      return lastWith(Severity.ERROR);
    }

    private Builder lastWith(Severity newSeverity) {
      if (checks.isEmpty()) {
        throw new IllegalStateException("Add a check before setting its severity");
      }
      int last = checks.size() - 1;
      checks.set(last, checks.get(last).withSeverity(newSeverity));
      return this;
    }

    /**
     * Adds a check as it is.
     *
     * @param check the check
     * @return this builder
     */
    public Builder add(Check check) {
      checks.add(Objects.requireNonNull(check, "check"));
      return this;
    }

    /**
     * The column has no nulls.
     *
     * @param column the column
     * @return this builder
     */
    public Builder isComplete(String column) {
      return add(new Check.Completeness(column, Bound.eq(1), severity));
    }

    /**
     * The share of non-null rows is within a bound.
     *
     * @param column the column
     * @param bound e.g. {@code ge(0.95)}
     * @return this builder
     */
    public Builder hasCompleteness(String column, Bound bound) {
      return add(new Check.Completeness(column, bound, severity));
    }

    /**
     * Every row's value (combination) occurs once and has no null.
     *
     * @param columns one or more columns
     * @return this builder
     */
    public Builder isUnique(String... columns) {
      return add(new Check.Uniqueness(Arrays.asList(columns), Bound.eq(1), severity));
    }

    /**
     * The share of rows whose value (combination) occurs once is within a bound.
     *
     * @param columns the columns
     * @param bound the bound
     * @return this builder
     */
    public Builder hasUniqueness(List<String> columns, Bound bound) {
      return add(new Check.Uniqueness(columns, bound, severity));
    }

    /**
     * The columns form a primary key: complete and unique together.
     *
     * @param columns one or more columns
     * @return this builder
     */
    public Builder isPrimaryKey(String... columns) {
      return add(new Check.PrimaryKey(Arrays.asList(columns), severity));
    }

    /**
     * Distinct values per row is within a bound.
     *
     * @param column the column
     * @param bound the bound
     * @return this builder
     */
    public Builder hasDistinctness(String column, Bound bound) {
      return add(new Check.Distinctness(List.of(column), bound, severity));
    }

    /**
     * Distinct combinations per row is within a bound.
     *
     * @param columns the columns
     * @param bound the bound
     * @return this builder
     */
    public Builder hasDistinctness(List<String> columns, Bound bound) {
      return add(new Check.Distinctness(columns, bound, severity));
    }

    /**
     * Every non-null value is one of the allowed values.
     *
     * @param column the column
     * @param values strings, numbers or booleans
     * @return this builder
     */
    public Builder isContainedIn(String column, Collection<?> values) {
      return isContainedIn(column, values, Bound.eq(1));
    }

    /**
     * The share of non-null values that are allowed is within a bound.
     *
     * @param column the column
     * @param values strings, numbers or booleans
     * @param bound the bound
     * @return this builder
     */
    public Builder isContainedIn(String column, Collection<?> values, Bound bound) {
      return add(new Check.AllowedValues(column, List.copyOf(values), bound, severity));
    }

    /**
     * The minimum is within a bound.
     *
     * @param column a numeric column
     * @param bound the bound
     * @return this builder
     */
    public Builder hasMin(String column, Bound bound) {
      return add(new Check.Statistic(column, CheckType.MIN, bound, severity));
    }

    /**
     * The maximum is within a bound.
     *
     * @param column a numeric column
     * @param bound the bound
     * @return this builder
     */
    public Builder hasMax(String column, Bound bound) {
      return add(new Check.Statistic(column, CheckType.MAX, bound, severity));
    }

    /**
     * The mean is within a bound.
     *
     * @param column a numeric column
     * @param bound the bound
     * @return this builder
     */
    public Builder hasMean(String column, Bound bound) {
      return add(new Check.Statistic(column, CheckType.MEAN, bound, severity));
    }

    /**
     * The sum is within a bound.
     *
     * @param column a numeric column
     * @param bound the bound
     * @return this builder
     */
    public Builder hasSum(String column, Bound bound) {
      return add(new Check.Statistic(column, CheckType.SUM, bound, severity));
    }

    /**
     * The sample standard deviation is within a bound.
     *
     * @param column a numeric column
     * @param bound the bound
     * @return this builder
     */
    public Builder hasStandardDeviation(String column, Bound bound) {
      return add(new Check.Statistic(column, CheckType.STD, bound, severity));
    }

    /**
     * No non-null value is negative.
     *
     * @param column a numeric column
     * @return this builder
     */
    public Builder isNonNegative(String column) {
      return add(new Check.NonNegative(column, severity));
    }

    /**
     * Every non-null value fully matches a regular expression (RE2 syntax).
     *
     * @param column the column
     * @param regex the expression
     * @return this builder
     */
    public Builder matches(String column, String regex) {
      return matches(column, regex, Bound.eq(1));
    }

    /**
     * The share of non-null values fully matching a regular expression is within a bound.
     *
     * @param column the column
     * @param regex the expression
     * @param bound the bound
     * @return this builder
     */
    public Builder matches(String column, String regex, Bound bound) {
      return add(new Check.Pattern(column, CheckType.PATTERN, regex, bound, severity));
    }

    /**
     * Every non-null value is an email address.
     *
     * @param column the column
     * @return this builder
     */
    public Builder isEmail(String column) {
      return add(Check.Pattern.builtIn(column, CheckType.EMAIL, Bound.eq(1), severity));
    }

    /**
     * Every non-null value is an http(s) or ftp URL.
     *
     * @param column the column
     * @return this builder
     */
    public Builder isUrl(String column) {
      return add(Check.Pattern.builtIn(column, CheckType.URL, Bound.eq(1), severity));
    }

    /**
     * Every non-null value looks like a payment card number.
     *
     * @param column the column
     * @return this builder
     */
    public Builder isCreditCard(String column) {
      return add(Check.Pattern.builtIn(column, CheckType.CREDIT_CARD, Bound.eq(1), severity));
    }

    /**
     * Every non-null value conforms to a type.
     *
     * @param column the column
     * @param type the type
     * @return this builder
     */
    public Builder hasDataType(String column, DataType type) {
      return hasDataType(column, type, Bound.eq(1));
    }

    /**
     * The share of non-null values conforming to a type is within a bound.
     *
     * @param column the column
     * @param type the type
     * @param bound the bound
     * @return this builder
     */
    public Builder hasDataType(String column, DataType type, Bound bound) {
      return add(new Check.HasDataType(column, type, bound, severity));
    }

    /**
     * The number of rows is within a bound.
     *
     * @param bound the bound
     * @return this builder
     */
    public Builder hasRowCount(Bound bound) {
      return add(new Check.RowCount(bound, severity));
    }

    /**
     * Every row satisfies a SQL predicate (untrusted: checked by the SQL guard).
     *
     * @param name the constraint's name
     * @param predicate a boolean SQL expression over the table's columns
     * @return this builder
     */
    public Builder satisfies(String name, String predicate) {
      return satisfies(name, predicate, Bound.eq(1));
    }

    /**
     * The share of rows satisfying a SQL predicate is within a bound.
     *
     * @param name the constraint's name
     * @param predicate a boolean SQL expression over the table's columns
     * @param bound the bound
     * @return this builder
     */
    public Builder satisfies(String name, String predicate, Bound bound) {
      return add(new Check.Satisfies(name, predicate, bound, severity));
    }

    /**
     * The newest value of a date or timestamp column is at most {@code maxAge} old.
     *
     * @param column the column
     * @param maxAge the largest accepted age
     * @return this builder
     */
    public Builder isFresh(String column, Duration maxAge) {
      return add(new Check.Freshness(column, maxAge, severity));
    }

    /**
     * Every non-null value of a column exists in a column of another table.
     *
     * @param column the referencing column
     * @param referencedTable the other table
     * @param referencedColumn its column
     * @return this builder
     */
    public Builder referencesTable(String column, String referencedTable, String referencedColumn) {
      return add(
          new Check.ReferentialIntegrity(
              column, referencedTable, referencedColumn, Bound.eq(1), severity));
    }

    /**
     * The table has all of these columns.
     *
     * @param required the column names
     * @return this builder
     */
    public Builder hasColumns(String... required) {
      return add(new Check.RequiredColumns(Arrays.asList(required), severity));
    }

    /**
     * The table has none of these columns.
     *
     * @param forbidden the column names
     * @return this builder
     */
    public Builder lacksColumns(String... forbidden) {
      return add(new Check.ForbiddenColumns(Arrays.asList(forbidden), severity));
    }

    /**
     * A column has the given engine type.
     *
     * @param column the column
     * @param engineType e.g. {@code DOUBLE}
     * @return this builder
     */
    public Builder hasColumnType(String column, String engineType) {
      return add(new Check.ColumnType(column, engineType, severity));
    }

    /** The suite with the checks added so far. */
    public CheckSuite build() {
      return new CheckSuite(table, checks);
    }
  }
}
