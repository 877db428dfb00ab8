package io.udb.quality.profile;

import java.util.Objects;

/**
 * How one column present in both tables of a {@link ProfileComparison} differs. Changes are right
 * minus left; a change that does not apply to the kinds (e.g. the mean of a string column) is
 * {@code null}.
 *
 * @param name the column name
 * @param leftKind its kind in the left table
 * @param rightKind its kind in the right table
 * @param leftType its engine type in the left table
 * @param rightType its engine type in the right table
 * @param missingShareChange change of the share of missing values
 * @param distinctChange change of the distinct count
 * @param meanChange change of the mean
 * @param meanRelativeChange {@code meanChange} divided by the absolute left mean
 * @param stdChange change of the standard deviation
 * @param medianChange change of the median
 */
public record ColumnDifference(
    String name,
    ColumnKind leftKind,
    ColumnKind rightKind,
    String leftType,
    String rightType,
    double missingShareChange,
    long distinctChange,
    Double meanChange,
    Double meanRelativeChange,
    Double stdChange,
    Double medianChange) {

  /** Validates the arguments. */
  public ColumnDifference {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(leftKind, "leftKind");
    Objects.requireNonNull(rightKind, "rightKind");
  }

  /** True when the column's kind differs between the tables. */
  public boolean kindChanged() {
    return leftKind != rightKind;
  }

  /** True when the column's engine type differs between the tables. */
  public boolean typeChanged() {
    return !Objects.equals(leftType, rightType);
  }

  static ColumnDifference of(ColumnProfile a, ColumnProfile b) {
    Double meanChange = minus(b.mean(), a.mean());
    return new ColumnDifference(
        a.name(),
        a.kind(),
        b.kind(),
        a.type(),
        b.type(),
        b.missingShare() - a.missingShare(),
        b.distinct() - a.distinct(),
        meanChange,
        meanChange == null || a.mean() == 0 ? null : meanChange / Math.abs(a.mean()),
        minus(b.std(), a.std()),
        minus(b.quantile("0.5"), a.quantile("0.5")));
  }

  private static Double minus(Double b, Double a) {
    return a == null || b == null ? null : b - a;
  }
}
