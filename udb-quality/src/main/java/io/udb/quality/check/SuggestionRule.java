package io.udb.quality.check;

import java.util.Optional;

/** A rule that may propose a check for a column from its statistics. */
public interface SuggestionRule {

  /** The rule's name, e.g. {@code CompleteIfCompleteRule}. */
  String name();

  /**
   * Proposes a check for one column.
   *
   * @param column the column's statistics
   * @return the suggestion, or empty when the rule does not apply
   */
  Optional<Suggestion> apply(ColumnStats column);
}
