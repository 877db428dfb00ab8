package io.udb.quality.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Two profiles side by side, e.g. a reference and a current table, with what differs.
 *
 * @param left the first profile
 * @param right the second profile
 * @param rowCountChange right row count minus left row count
 * @param onlyInLeft columns of the left table that the right one lacks, in left order
 * @param onlyInRight columns of the right table that the left one lacks, in right order
 * @param columns the differences of the columns both tables have, in left order
 */
public record ProfileComparison(
    Profile left,
    Profile right,
    long rowCountChange,
    List<String> onlyInLeft,
    List<String> onlyInRight,
    List<ColumnDifference> columns) {

  /** Validates and copies. */
  public ProfileComparison {
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(right, "right");
    onlyInLeft = List.copyOf(onlyInLeft);
    onlyInRight = List.copyOf(onlyInRight);
    columns = List.copyOf(columns);
  }

  /**
   * Lines up two profiles by column name.
   *
   * @param left the first profile
   * @param right the second profile
   * @return the comparison
   */
  public static ProfileComparison of(Profile left, Profile right) {
    List<String> onlyLeft = new ArrayList<>();
    List<ColumnDifference> differences = new ArrayList<>();
    for (ColumnProfile a : left.columns()) {
      Optional<ColumnProfile> b = right.column(a.name());
      if (b.isPresent()) {
        differences.add(ColumnDifference.of(a, b.get()));
      } else {
        onlyLeft.add(a.name());
      }
    }
    List<String> onlyRight =
        right.columns().stream()
            .map(ColumnProfile::name)
            .filter(n -> left.column(n).isEmpty())
            .toList();
    return new ProfileComparison(
        left, right, right.rowCount() - left.rowCount(), onlyLeft, onlyRight, differences);
  }

  /**
   * The difference of one column present in both tables.
   *
   * @param name the column name
   * @return the difference, or empty
   */
  public Optional<ColumnDifference> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
