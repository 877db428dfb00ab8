package io.udb.quality.check;

import io.udb.api.engine.TableRef;
import java.util.List;
import java.util.Objects;

/**
 * The checks written for a table. {@link QualityService} runs a suite against the table it names or
 * against another table of the same shape.
 *
 * @param table the table the suite was written for
 * @param checks the checks, in order; may be empty
 */
public record CheckSuite(TableRef table, List<Check> checks) {
  /** Validates and copies. */
  public CheckSuite {
    Objects.requireNonNull(table, "table");
    checks = List.copyOf(checks);
  }

  /**
   * This suite followed by the checks of another.
   *
   * @param other more checks
   * @return a suite for this suite's table with both sets of checks
   */
  public CheckSuite plus(CheckSuite other) {
    List<Check> all = new java.util.ArrayList<>(checks);
    all.addAll(other.checks());
    return new CheckSuite(table, all);
  }
}
