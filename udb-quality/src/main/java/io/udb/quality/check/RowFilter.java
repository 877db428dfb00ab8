package io.udb.quality.check;

import java.util.List;

/**
 * The condition selecting the rows that violate a row-level check, over the unqualified columns of
 * the checked table.
 *
 * @param condition a SQL boolean expression with {@code ?} placeholders
 * @param parameters the values to bind, in order
 * @param userPredicate true when the condition holds a user predicate (from {@link
 *     Check.Satisfies}): its sample is read through the guarded user path
 */
record RowFilter(String condition, List<Object> parameters, boolean userPredicate) {
  RowFilter {
    parameters = List.copyOf(parameters);
  }

  static RowFilter of(String condition, List<?> parameters) {
    return new RowFilter(condition, List.copyOf(parameters), false);
  }
}
